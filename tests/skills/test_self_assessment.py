"""The self-assessment before and after a course: who may take it, when, and what the server accepts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from courses import services as course_services
from courses.models import Enrolment
from skills.models import SelfAssessment
from tests.builders.courses import modules_of
from tests.builders.learning import complete_course
from tests.factories import add_course, translate
from tests.skills.conftest import answers, assessment_counts


def url(course, stage: str, language: str = "ar") -> str:
    return f"/{language}/learning/skills/courses/{course.pk}/{stage}/"


@pytest.fixture
def enrolled(learner, skilled_course):
    return course_services.enrol(learner=learner, course=skilled_course)


def test_the_form_asks_each_skill_of_the_course_with_its_level_descriptors_in_arabic(
    learner_client, enrolled, skilled_course, framework
):
    page = learner_client.get(url(skilled_course, "pre"))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "قيّم مهاراتك قبل أن تبدأ" in html
    for code in ("cybersecurity", "data_literacy"):
        skill = framework[code]
        assert skill.name_ar in html
        assert html.count(f'name="skill-{code}"') == 4
        for level in skill.levels.all():
            assert escape(level.descriptor_ar) in html
    assert framework["ai_literacy"].name_ar not in html


def test_the_form_in_english(learner_client, enrolled, skilled_course, framework):
    page = learner_client.get(url(skilled_course, "pre", "en"))

    html = page.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Rate your skills before you start" in html
    assert escape(framework["cybersecurity"].levels.get(level=3).descriptor_en) in html
    assert "Practitioner" in html


def test_a_learner_rates_their_skills_before_the_course(learner_client, learner, enrolled, skilled_course, framework):
    response = learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=2))

    assert response.status_code == 302
    assert response["Location"] == skilled_course.url
    assessment = SelfAssessment.objects.get()
    assert (assessment.learner, assessment.course_id, assessment.stage, assessment.cycle) == (
        learner,
        skilled_course.pk,
        "pre",
        1,
    )
    assert dict(assessment.ratings.values_list("skill__code", "level")) == {"cybersecurity": 1, "data_literacy": 2}


@pytest.mark.parametrize(
    "data, error",
    [
        (answers(cybersecurity=2), "اختر المستوى الذي يصفك على أفضل وجه."),
        (answers(cybersecurity=2, data_literacy=3, ai_literacy=1), "قيّم المهارات المدرجة في هذا النموذج فقط."),
        (answers(cybersecurity=0, data_literacy=3), "اختر أحد المستويات الأربعة."),
        (answers(cybersecurity=5, data_literacy=3), "اختر أحد المستويات الأربعة."),
        (answers(cybersecurity="two", data_literacy=3), "اختر أحد المستويات الأربعة."),
        ({}, "اختر المستوى الذي يصفك على أفضل وجه."),
    ],
    ids=["missing skill", "skill not in course", "level 0", "level 5", "not a number", "nothing"],
)
def test_bad_answers_are_shown_again_with_the_error_and_nothing_is_written(
    learner_client, enrolled, skilled_course, data, error
):
    response = learner_client.post(url(skilled_course, "pre"), data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert assessment_counts() == {"assessments": 0, "ratings": 0}


def test_answers_already_given_are_kept_when_the_form_comes_back(learner_client, enrolled, skilled_course):
    response = learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=3))

    assert 'name="skill-cybersecurity" value="3" required checked' in response.content.decode()


def test_a_second_submission_changes_nothing_and_says_so(learner_client, enrolled, skilled_course):
    learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=2))

    response = learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=4, data_literacy=4), follow=True)

    assert "لقد قيّمت مهاراتك لهذه المرحلة من الدورة" in response.content.decode()
    assert assessment_counts() == {"assessments": 1, "ratings": 2}
    assert set(SelfAssessment.objects.get().ratings.values_list("level", flat=True)) == {1, 2}


def test_a_learner_not_enrolled_is_refused(learner_client, skilled_course):
    for method in (learner_client.get, learner_client.post):
        response = method(url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=2))
        assert response.status_code == 403
        assert "سجّل في الدورة قبل تقييم مهاراتك." in response.content.decode()
    assert assessment_counts() == {"assessments": 0, "ratings": 0}


def test_anonymous_visitors_are_sent_to_log_in(client, skilled_course):
    response = client.post(url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=2))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert assessment_counts() == {"assessments": 0, "ratings": 0}


def test_an_unknown_stage_is_not_found(learner_client, enrolled, skilled_course):
    assert learner_client.get(url(skilled_course, "during")).status_code == 404


def test_after_opens_once_the_course_is_complete_and_before_closes(learner_client, learner, enrolled, skilled_course):
    early = learner_client.post(url(skilled_course, "post"), answers(cybersecurity=3, data_literacy=3), follow=True)
    assert "أكمل الدورة أولًا" in early.content.decode()
    assert assessment_counts() == {"assessments": 0, "ratings": 0}

    complete_course(learner, skilled_course)
    late = learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=1), follow=True)
    assert "لقد أكملت هذه الدورة" in late.content.decode()
    assert assessment_counts() == {"assessments": 0, "ratings": 0}

    response = learner_client.post(url(skilled_course, "post"), answers(cybersecurity=3, data_literacy=3))
    assert response.status_code == 302
    assert response["Location"] == "/ar/learning/skills/"
    assert SelfAssessment.objects.get().stage == "post"


def test_a_course_that_builds_no_skill_has_nothing_to_rate(learner_client, learner, course, framework):
    course_services.enrol(learner=learner, course=course)

    response = learner_client.get(url(course, "pre"), follow=True)

    assert "لا تحدد هذه الدورة المهارات التي تبنيها" in response.content.decode()
    assert assessment_counts() == {"assessments": 0, "ratings": 0}


def test_the_english_page_records_against_the_source_course(
    learner_client, learner, enrolled, skilled_course, catalogue_en
):
    english = translate(skilled_course, "en", title="Digital transformation", slug="digital-transformation")

    page = learner_client.get(url(english, "pre", "en"))
    response = learner_client.post(url(english, "pre", "en"), answers(cybersecurity=2, data_literacy=2))

    assert "Cybersecurity" in page.content.decode()
    assert response.status_code == 302
    assert SelfAssessment.objects.get().course_id == skilled_course.pk


def test_recertification_asks_again_in_the_new_cycle(learner_client, learner, enrolled, skilled_course):
    learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=1))
    # A new cycle, as recertification opens it: the old enrolment stays as history.
    Enrolment.objects.filter(pk=enrolled.pk).update(is_current=False)
    Enrolment.objects.create(learner=learner, course=skilled_course, cycle=2)

    response = learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=2, data_literacy=2))

    assert response.status_code == 302
    assert sorted(SelfAssessment.objects.values_list("stage", "cycle")) == [("pre", 1), ("pre", 2)]


def test_the_course_and_module_pages_invite_without_blocking(learner_client, learner, enrolled, skilled_course):
    invitation = "قيّم مهاراتك قبل أن تبدأ"
    course_page = learner_client.get(skilled_course.url).content.decode()
    module_page = learner_client.get(modules_of(skilled_course)[0].url)
    assert invitation in course_page and url(skilled_course, "pre") in course_page
    assert module_page.status_code == 200 and invitation in module_page.content.decode()

    learner_client.post(url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=1))
    assert invitation not in learner_client.get(skilled_course.url).content.decode()

    complete_course(learner, skilled_course)
    finished = learner_client.get(skilled_course.url).content.decode()
    assert url(skilled_course, "post") in finished
    assert "لقد انتهيت: قيّم مهاراتك مرة أخرى" in finished


def test_no_invitation_for_visitors_or_courses_without_skills(learner_client, learner, course, skilled_course):
    assert "/learning/skills/courses/" not in Client().get(skilled_course.url).content.decode()

    other = add_course(course.get_parent(), title="No skills", modules=1)
    course_services.enrol(learner=learner, course=other)
    assert "/learning/skills/courses/" not in learner_client.get(other.url).content.decode()
