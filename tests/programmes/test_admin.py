"""Editing in the Wagtail admin: prerequisites on a course, a programme and its ordered courses."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from courses.models import CoursePage
from programmes.models import ProgrammePage
from programmes.selectors import programme_steps


def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.om", "pass-word-123"))
    return client


def course_form(course: CoursePage, **fields) -> dict:
    return {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "skill_area": course.skill_area,
        "level": course.level,
        "estimated_hours": str(course.estimated_hours),
        "completion_rule": course.completion_rule,
        **fields,
    }


def test_prerequisites_are_chosen_among_courses_of_the_same_language_and_loops_are_refused(client, track):
    client = admin_client(client)
    edit_url = f"/admin/pages/{track.basics.pk}/edit/"

    page = client.get(edit_url).content.decode()
    response = client.post(edit_url, course_form(track.basics, prerequisites=[str(track.leading.pk)]))

    assert "القرار المستند إلى البيانات" in page  # another Arabic course is offered
    assert "Data-driven decisions" not in page  # English courses are not
    assert response.status_code == 200  # the form again, with the error
    assert "تجعل الدورة متطلبًا سابقًا لنفسها" in response.content.decode()  # the admin speaks Arabic by default
    assert list(CoursePage.objects.get(pk=track.basics.pk).prerequisites.all()) == []


def test_an_editor_creates_a_programme_with_ordered_optional_courses(client, catalogue, track):
    client = admin_client(client)
    add_url = f"/admin/pages/add/programmes/programmepage/{catalogue.pk}/"
    rows = [(track.leading, ""), (track.tools, "on")]
    form = {
        "title": "Leaders' short path",
        "slug": "leaders-short-path",
        "summary": "Two courses.",
        "programme_courses-TOTAL_FORMS": str(len(rows)),
        "programme_courses-INITIAL_FORMS": "0",
        "programme_courses-MIN_NUM_FORMS": "1",
        "programme_courses-MAX_NUM_FORMS": "1000",
        "action-publish": "Publish",
    }
    for index, (course, optional) in enumerate(rows):
        form |= {
            f"programme_courses-{index}-course": str(course.pk),
            f"programme_courses-{index}-ORDER": str(index + 1),
            f"programme_courses-{index}-id": "",
            f"programme_courses-{index}-DELETE": "",
        }
        if optional:
            form[f"programme_courses-{index}-optional"] = optional

    assert client.get(add_url).status_code == 200
    response = client.post(add_url, form)

    assert response.status_code == 302
    programme = ProgrammePage.objects.get(slug="leaders-short-path")
    assert programme.live
    assert [(step.course.pk, step.optional) for step in programme_steps(programme=programme)] == [
        (track.leading.pk, False),
        (track.tools.pk, True),
    ]


def test_a_translation_shows_its_prerequisites_without_letting_them_change(client, track):
    client = admin_client(client)
    data_en = track.data.get_translation(track.programme_en.locale)
    edit_url = f"/admin/pages/{data_en.pk}/edit/"

    page = client.get(edit_url).content.decode()
    client.post(edit_url, course_form(data_en, prerequisites=[]))

    assert "تُختار المتطلبات السابقة في الدورة باللغة التي كُتبت بها" in page
    assert [course.pk for course in CoursePage.objects.get(pk=track.data.pk).prerequisites.all()] == [track.basics.pk]
