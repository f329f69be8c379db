"""The self-assessment before and after a programme: the union of its courses' skills, same rules as courses."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from programmes.models import ProgrammeEnrolment
from programmes.services import enrol_in_programme
from skills.models import CourseSkill, SelfAssessment
from tests.builders.learning import complete_course
from tests.builders.programmes import track  # noqa: F401  (the programme fixture)
from tests.skills.conftest import answers, assessment_counts


def url(programme, stage: str, language: str = "ar") -> str:
    return f"/{language}/learning/skills/programmes/{programme.pk}/{stage}/"


@pytest.fixture
def skilled_track(track, framework):  # noqa: F811
    """Basics builds digital services 2; data builds data literacy 3 and digital services 3; the optional
    tools course builds collaboration tools 2; leading builds nothing."""
    for course, code, level in (
        (track.basics, "digital_services", 2),
        (track.data, "data_literacy", 3),
        (track.data, "digital_services", 3),
        (track.tools, "collaboration_tools", 2),
    ):
        CourseSkill.objects.create(course=course, skill=framework[code], level=level)
    return track


@pytest.fixture
def in_programme(learner, skilled_track):
    return enrol_in_programme(learner=learner, programme=skilled_track.programme)


def test_the_programme_page_invites_and_the_form_asks_the_union_of_its_courses_skills(
    learner_client, in_programme, skilled_track, framework
):
    programme_page = learner_client.get(skilled_track.programme.url).content.decode()
    assert url(skilled_track.programme, "pre") in programme_page
    assert "قيّم مهاراتك قبل أن تبدأ" in programme_page

    page = learner_client.get(url(skilled_track.programme, "pre"))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    names = [framework[code].name_ar for code in ("digital_services", "data_literacy", "collaboration_tools")]
    assert [html.index(name) for name in names] == sorted(html.index(name) for name in names)
    assert framework["cybersecurity"].name_ar not in html
    # The highest target among the courses: digital services is built to 2 and to 3.
    assert html.count("المستوى الذي يستهدفه هذا البرنامج: متمكّن") == 2
    assert escape(framework["collaboration_tools"].levels.get(level=4).descriptor_ar) in html


def test_the_programme_form_in_english(learner_client, in_programme, skilled_track):
    html = learner_client.get(url(skilled_track.programme_en, "pre", "en")).content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert "This programme aims for: Proficient" in html
    assert "Data literacy" in html


def test_a_learner_rates_their_skills_before_the_programme(learner_client, learner, in_programme, skilled_track):
    response = learner_client.post(
        url(skilled_track.programme_en, "pre", "en"),
        answers(digital_services=1, data_literacy=2, collaboration_tools=2),
    )

    assert response.status_code == 302
    assessment = SelfAssessment.objects.get()
    assert (assessment.programme_id, assessment.course_id, assessment.stage, assessment.cycle) == (
        skilled_track.programme.pk,
        None,
        "pre",
        1,
    )
    assert assessment.ratings.count() == 3
    assert url(skilled_track.programme, "pre") not in learner_client.get(skilled_track.programme.url).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        answers(digital_services=1, data_literacy=2),
        answers(digital_services=1, data_literacy=2, collaboration_tools=2, cybersecurity=1),
        answers(digital_services=0, data_literacy=2, collaboration_tools=2),
    ],
    ids=["missing skill", "skill not in the programme", "level 0"],
)
def test_bad_answers_write_nothing(learner_client, in_programme, skilled_track, data):
    response = learner_client.post(url(skilled_track.programme, "pre"), data)

    assert response.status_code == 400
    assert assessment_counts() == {"assessments": 0, "ratings": 0}


def test_not_enrolled_in_the_programme_is_refused(learner_client, skilled_track):
    response = learner_client.post(url(skilled_track.programme, "pre"), answers(digital_services=1))

    assert response.status_code == 403
    assert "سجّل في البرنامج قبل تقييم مهاراتك." in response.content.decode()
    assert assessment_counts() == {"assessments": 0, "ratings": 0}


def test_after_the_programme_once_it_is_complete(learner_client, learner, in_programme, skilled_track):
    ratings = answers(digital_services=3, data_literacy=3, collaboration_tools=2)
    early = learner_client.post(url(skilled_track.programme, "post"), ratings, follow=True)
    assert "أكمل البرنامج أولًا" in early.content.decode()

    for course in skilled_track.required:
        complete_course(learner, course)
    assert ProgrammeEnrolment.objects.get(pk=in_programme.pk).completed_at is not None
    my_skills = learner_client.get("/ar/learning/skills/").content.decode()
    assert url(skilled_track.programme, "post") in my_skills
    assert url(skilled_track.programme, "post") in learner_client.get(skilled_track.programme.url).content.decode()

    response = learner_client.post(url(skilled_track.programme, "post"), ratings)

    assert response.status_code == 302
    assert list(SelfAssessment.objects.filter(programme__isnull=False).values_list("stage", flat=True)) == ["post"]
    assert url(skilled_track.programme, "post") not in learner_client.get("/ar/learning/skills/").content.decode()


def test_a_programme_whose_courses_build_nothing_has_nothing_to_rate(learner_client, learner, track, framework):  # noqa: F811
    enrol_in_programme(learner=learner, programme=track.programme)

    response = learner_client.get(url(track.programme, "pre"), follow=True)

    assert "لا تحدد دورات هذا البرنامج أي مهارات" in response.content.decode()
    assert "/learning/skills/programmes/" not in learner_client.get(track.programme.url).content.decode()
