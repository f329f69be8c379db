"""The skills map on "My skills": latest levels before and after, the change, targets of completed courses."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from courses import services as course_services
from skills.models import CourseSkill
from tests.builders.learning import complete_course
from tests.factories import add_course
from tests.skills.conftest import answers

MY_SKILLS = "/{language}/learning/skills/"
START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.get_fixed_timezone(240))


def assessment_url(course, stage: str) -> str:
    return f"/ar/learning/skills/courses/{course.pk}/{stage}/"


def table_row(html: str, skill_name: str) -> list[str]:
    """The cells of the skills table's row for one skill, as plain text."""
    row = re.search(rf'<th scope="row">{re.escape(skill_name)}</th>(.*?)</tr>', html, re.S)
    assert row, skill_name
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


@pytest.fixture
def rated(learner_client, learner, skilled_course):
    """Before the course: cybersecurity 1, data literacy 2; after it: cybersecurity 3, data literacy 2."""
    with time_machine.travel(START, tick=False):
        course_services.enrol(learner=learner, course=skilled_course)
        learner_client.post(assessment_url(skilled_course, "pre"), answers(cybersecurity=1, data_literacy=2))
    with time_machine.travel(START + timedelta(days=7), tick=False):
        complete_course(learner, skilled_course)
        learner_client.post(assessment_url(skilled_course, "post"), answers(cybersecurity=3, data_literacy=2))
    return skilled_course


def test_the_map_shows_levels_before_and_after_the_change_and_targets_in_arabic(learner_client, rated, framework):
    page = learner_client.get(MY_SKILLS.format(language="ar"))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "خريطة المهارات" in html
    assert table_row(html, framework["cybersecurity"].name_ar) == [
        "1 · على دراية",
        "3 · متمكّن",
        "+2",
        "2 · ممارس",
    ]
    assert table_row(html, framework["data_literacy"].name_ar) == ["2 · ممارس", "2 · ممارس", "0", "3 · متمكّن"]
    assert table_row(html, framework["ai_literacy"].name_ar) == ["لم يُقيَّم", "لم يُقيَّم", "—", "—"]
    # The chart draws the same figures: before 1/4, after 3/4 of the scale, target at 2/4.
    assert 'class="skill-bar bar-before level-1"' in html
    assert 'class="skill-bar bar-after level-3"' in html
    assert 'class="skill-target level-2"' in html


def test_the_map_in_english(learner_client, rated, framework):
    html = learner_client.get(MY_SKILLS.format(language="en")).content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert "Skills map" in html
    assert table_row(html, "Cybersecurity") == ["1 · Aware", "3 · Proficient", "+2", "2 · Practitioner"]
    assert "<span>4 · Expert</span>" in html  # the scale above the bars


def test_the_change_waits_for_an_after_rating_newer_than_the_before(
    learner_client, learner, rated, catalogue, framework
):
    second = add_course(catalogue, title="أمن المعلومات المتقدم", modules=1)
    CourseSkill.objects.create(course=second, skill=framework["cybersecurity"], level=3)
    with time_machine.travel(START + timedelta(days=14), tick=False):
        course_services.enrol(learner=learner, course=second)
        learner_client.post(assessment_url(second, "pre"), answers(cybersecurity=3))

    html = learner_client.get(MY_SKILLS.format(language="ar")).content.decode()

    assert table_row(html, framework["cybersecurity"].name_ar)[:3] == ["3 · متمكّن", "3 · متمكّن", "—"]


def test_targets_count_only_completed_courses(learner_client, learner, skilled_course, framework):
    course_services.enrol(learner=learner, course=skilled_course)

    html = learner_client.get(MY_SKILLS.format(language="ar")).content.decode()

    assert table_row(html, framework["cybersecurity"].name_ar)[3] == "—"


def test_a_learner_sees_only_their_own_ratings(client, other_learner, rated, framework):
    client.force_login(other_learner)

    html = client.get(MY_SKILLS.format(language="ar")).content.decode()

    assert table_row(html, framework["cybersecurity"].name_ar) == ["لم يُقيَّم", "لم يُقيَّم", "—", "—"]


def test_the_page_lists_the_self_assessments_waiting(learner_client, learner, skilled_course):
    course_services.enrol(learner=learner, course=skilled_course)
    html = learner_client.get(MY_SKILLS.format(language="ar")).content.decode()
    assert assessment_url(skilled_course, "pre") in html

    complete_course(learner, skilled_course)
    html = learner_client.get(MY_SKILLS.format(language="ar")).content.decode()
    assert assessment_url(skilled_course, "pre") not in html
    assert assessment_url(skilled_course, "post") in html


def test_my_skills_is_in_the_navigation_and_needs_a_login(learner_client, framework):
    html = learner_client.get("/ar/learning/").content.decode()
    assert 'href="/ar/learning/skills/"' in html

    response = Client().get(MY_SKILLS.format(language="ar"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_map_costs_a_fixed_number_of_queries(learner_client, rated, django_assert_max_num_queries):
    # 13 with the main menu's question whether the learner manages a team.
    with django_assert_max_num_queries(13):
        assert learner_client.get(MY_SKILLS.format(language="ar")).status_code == 200
