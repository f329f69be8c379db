from courses import services
from courses.models import Enrolment, ModulePage


def test_learner_completes_course_through_views(learner_client, learner, course):
    response = learner_client.post(f"/en/learning/courses/{course.id}/enrol/")
    assert response.status_code == 302
    for module in ModulePage.objects.child_of(course):
        assert learner_client.get(module.url).status_code == 200
        response = learner_client.post(f"/ar/learning/courses/{course.id}/modules/{module.id}/complete/")
        assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.status == Enrolment.Status.COMPLETED
    page = learner_client.get("/ar/learning/")
    assert course.title in page.content.decode()
    assert services  # module imported for the signal wiring
