"""Editing the framework and a course's skills in the Wagtail admin."""

from __future__ import annotations

from django.urls import reverse

from courses.models import CoursePage
from skills.models import Skill
from skills.services import ensure_default_framework
from tests.builders.roles import course_form
from tests.factories import UserFactory


def test_an_administrator_edits_a_skill_and_its_levels_in_both_languages(client, db):
    ensure_default_framework()
    client.force_login(UserFactory(is_superuser=True))
    skill = Skill.objects.get(code="cybersecurity")

    page = client.get(reverse("wagtailsnippets_skills_skill:edit", args=[skill.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert skill.name_ar in html and skill.name_en in html
    assert skill.levels.get(level=4).descriptor_ar in html


def test_the_course_edit_form_offers_the_skills_it_builds(client, course):
    ensure_default_framework()
    client.force_login(UserFactory(is_superuser=True))

    page = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))

    assert page.status_code == 200
    assert 'id="id_skills_built-TOTAL_FORMS"' in page.content.decode()


def test_a_trainer_declares_the_skills_a_new_course_builds(catalogue, client):
    ensure_default_framework()
    client.force_login(UserFactory(is_superuser=True))
    data_literacy = Skill.objects.get(code="data_literacy")

    response = client.post(
        f"/admin/pages/add/courses/coursepage/{catalogue.pk}/",
        course_form(
            **{
                "skills_built-TOTAL_FORMS": "1",
                "skills_built-0-skill": str(data_literacy.pk),
                "skills_built-0-level": "3",
                "skills_built-0-ORDER": "1",
                "skills_built-0-id": "",
                "skills_built-0-DELETE": "",
                "action-publish": "Publish",
            }
        ),
    )

    assert response.status_code == 302
    course = CoursePage.objects.get(slug="open-data")
    assert list(course.skills_built.values_list("skill__code", "level")) == [("data_literacy", 3)]
