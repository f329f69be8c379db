"""The learner's pages: who may see and do what, both languages, the catalogue and "My learning"."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import Enrolment, ModuleProgress
from tests.builders.courses import links, modules_of, record_counts
from tests.factories import _quiz, add_course, add_module, translate


def login_url(language: str) -> str:
    with translation.override(language):
        return reverse("login")


def sent_to_log_in(response, language: str, next_url: str) -> bool:
    """Whether the response redirects to the login page of that language, coming back to next_url."""
    target = urlsplit(response.url)
    return (
        response.status_code == 302
        and target.path == login_url(language)
        and parse_qs(target.query).get("next") == [next_url]
    )


def action_url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"courses:{name}", kwargs=kwargs)


def html(response) -> str:
    return response.content.decode()


# Anonymous visitors


def test_anonymous_visitors_browse_the_catalogue_and_course_pages(client, course, catalogue_en):
    catalogue = client.get("/ar/")
    course_page = client.get(course.url)

    assert catalogue.status_code == 200
    assert course.title in html(catalogue)
    assert course_page.status_code == 200
    assert course.title in html(course_page)
    assert modules_of(course)[0].title in html(course_page)
    assert client.get("/en/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in_for_modules_and_my_learning(client, modules):
    module = client.get(modules[0].url)
    my_learning = client.get("/en/learning/")

    assert sent_to_log_in(module, "ar", modules[0].url)
    assert sent_to_log_in(my_learning, "en", "/en/learning/")
    assert record_counts()["progress"] == 0


@pytest.mark.parametrize("action", ["enrol", "complete"])
def test_anonymous_actions_are_sent_to_log_in_and_write_nothing(client, course, modules, action):
    url = (
        action_url("ar", "enrol", course_id=course.pk)
        if action == "enrol"
        else action_url("ar", "complete", course_id=course.pk, module_id=modules[0].pk)
    )

    response = client.post(url)

    assert sent_to_log_in(response, "ar", url)
    assert record_counts() == dict.fromkeys(record_counts(), 0)


# Learners who are not enrolled


def test_a_learner_not_enrolled_is_sent_to_the_course_to_enrol(learner_client, course, modules):
    response = learner_client.get(modules[0].url)

    assert (response.status_code, response.url) == (302, course.url)
    assert len(list(get_messages(response.wsgi_request))) == 1
    page = learner_client.get(course.url)
    assert action_url("ar", "enrol", course_id=course.pk) in html(page)
    assert record_counts() == dict.fromkeys(record_counts(), 0)


def test_a_learner_not_enrolled_cannot_complete_a_module(learner_client, course, modules):
    response = learner_client.post(action_url("ar", "complete", course_id=course.pk, module_id=modules[0].pk))

    assert response.status_code == 403
    assert record_counts() == dict.fromkeys(record_counts(), 0)


# Enrolled learners


def test_a_learner_enrols_and_works_through_the_course(learner_client, learner, course, modules, completions):
    response = learner_client.post(action_url("ar", "enrol", course_id=course.pk))
    assert (response.status_code, response.url) == (302, modules[0].url)

    for number, module in enumerate(modules):
        page = learner_client.get(module.url)
        assert page.status_code == 200
        assert module.title in html(page)
        assert action_url("ar", "complete", course_id=course.pk, module_id=module.pk) in html(page)
        response = learner_client.post(action_url("ar", "complete", course_id=course.pk, module_id=module.pk))
        assert response.status_code == 302
        expected_next = modules[number + 1].url if number + 1 < len(modules) else course.url
        assert response.url == expected_next

    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count() == 3
    assert len(completions) == 1
    course_page = learner_client.get(course.url)
    assert 'max="100" value="100"' in html(course_page)


def test_enrolling_again_through_the_view_keeps_one_enrolment(learner_client, course):
    learner_client.post(action_url("ar", "enrol", course_id=course.pk))
    learner_client.post(action_url("en", "enrol", course_id=course.pk))

    assert Enrolment.objects.count() == 1


def test_the_course_page_shows_the_learners_progress(learner_client, learner, course, enrolment, modules):
    services.complete_module(learner=learner, module=modules[0])

    page = html(learner_client.get(course.url))

    assert 'max="100" value="33"' in page
    assert modules[1].url in links(page)


# Other learners


def test_another_learner_neither_sees_nor_changes_someone_elses_progress(
    client, learner, other_learner, course, enrolment, modules
):
    services.complete_module(learner=learner, module=modules[0])
    before = list(ModuleProgress.objects.values_list("enrolment_id", "module_id", "completed_at"))
    client.force_login(other_learner)

    course_page = html(client.get(course.url))
    module_page = client.get(modules[1].url)
    complete = client.post(action_url("ar", "complete", course_id=course.pk, module_id=modules[1].pk))
    my_learning = html(client.get("/ar/learning/"))

    assert 'max="100" value="33"' not in course_page
    assert action_url("ar", "enrol", course_id=course.pk) in course_page
    assert (module_page.status_code, module_page.url) == (302, course.url)
    assert complete.status_code == 403
    assert course.url not in links(my_learning)
    assert list(ModuleProgress.objects.values_list("enrolment_id", "module_id", "completed_at")) == before


def test_each_learner_completes_their_own_enrolment(client, learner, other_learner, course, enrolment, modules):
    services.enrol(learner=other_learner, course=course)
    client.force_login(other_learner)

    for module in modules:
        client.post(action_url("ar", "complete", course_id=course.pk, module_id=module.pk))

    assert Enrolment.objects.get(learner=other_learner).completed_at is not None
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert not ModuleProgress.objects.filter(enrolment=enrolment).exists()


# Both languages


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [("ar", "rtl", "الدورات"), ("en", "ltr", "Courses")],
)
def test_the_catalogue_speaks_the_language_of_its_url(client, catalogue_en, language, direction, title):
    page = html(client.get(f"/{language}/"))

    assert f'<html lang="{language}" dir="{direction}">' in page
    assert re.search(rf"<h1[^>]*>\s*{re.escape(title)}\s*</h1>", page)


def test_a_translated_course_shows_in_each_language_with_a_switch_to_the_other(
    client, course, course_en, learner, enrolment
):
    arabic = client.get(course.url)
    english = client.get(course_en.url)

    assert '<html lang="ar" dir="rtl">' in html(arabic)
    assert course.title in html(arabic)
    assert links(html(arabic), hreflang="en") == [course_en.url]
    assert '<html lang="en" dir="ltr">' in html(english)
    assert course_en.title in html(english)
    assert course.title not in html(english)
    assert links(html(english), hreflang="ar") == [course.url]

    client.force_login(learner)
    module_en = modules_of(course_en)[0]
    module_page = html(client.get(module_en.url))
    assert '<html lang="en" dir="ltr">' in module_page
    assert module_en.title in module_page
    assert links(module_page, hreflang="ar") == [modules_of(course)[0].url]


def test_progress_made_in_arabic_shows_on_the_english_pages(client, learner, course, course_en, enrolment):
    services.complete_module(learner=learner, module=modules_of(course)[0])
    client.force_login(learner)
    modules_en = modules_of(course_en)

    course_page = html(client.get(course_en.url))
    response = client.post(action_url("en", "complete", course_id=course_en.pk, module_id=modules_en[1].pk))

    assert 'max="100" value="33"' in course_page
    assert (response.status_code, response.url) == (302, modules_en[2].url)
    assert ModuleProgress.objects.filter(completed_at__isnull=False).count() == 2


# The catalogue: search, filters, pages


@pytest.fixture
def three_courses(catalogue):
    security = add_course(catalogue, title="Cybersecurity basics", modules=0, skill_area="cybersecurity")
    add_module(
        security, title="Recognising attacks", body=[{"type": "paragraph", "value": "<p>Spot phishing mail.</p>"}]
    )
    data = add_course(catalogue, title="Data for decisions", modules=0, skill_area="data_ai", level="advanced")
    add_module(data, title="Dashboards", body=[{"type": "paragraph", "value": "<p>Read a dashboard.</p>"}])
    services_course = add_course(catalogue, title="E-services design", modules=0)
    return {"security": security, "data": data, "services": services_course}


def course_links(client, query: str) -> set[str]:
    response = client.get(f"/ar/{query}")
    assert response.status_code == 200
    return {course.url for course in response.context["courses"]}


def test_search_finds_a_course_by_a_word_in_a_module(client, three_courses):
    page = html(client.get("/ar/?q=phishing"))

    assert three_courses["security"].title in page
    assert three_courses["data"].title not in page
    assert three_courses["services"].title not in page


def test_search_does_not_find_a_course_by_its_quiz_answers(client, catalogue):
    course = add_course(catalogue, title="Records keeping", modules=0)
    quiz = _quiz()
    quiz["questions"][0]["value"]["choices"][0]["value"]["text"] = "Archivolt"
    quiz["questions"][1]["value"]["text"] = "Which form is the Minutebook?"
    body = [{"type": "paragraph", "value": "<p>Registers and files.</p>"}, {"type": "quiz", "value": quiz}]
    module = add_module(course, title="Registers", body=body)

    assert course_links(client, "?q=registers") == {course.url}
    assert course_links(client, "?q=archivolt") == set()
    assert course_links(client, "?q=minutebook") == set()
    assert "archivolt" not in module.search_terms().lower()


def test_search_finds_a_course_by_its_title(client, three_courses):
    assert course_links(client, "?q=decisions") == {three_courses["data"].url}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?skill_area=cybersecurity", {"security"}),
        ("?level=advanced", {"data"}),
        ("?skill_area=data_ai&level=beginner", set()),
        ("", {"security", "data", "services"}),
    ],
)
def test_filters_narrow_the_catalogue(client, three_courses, query, expected):
    assert course_links(client, query) == {three_courses[name].url for name in expected}


def test_the_language_filter_keeps_courses_available_in_that_language(client, three_courses, catalogue_en):
    translate(three_courses["data"], "en", title="Data for decisions (English)", slug="data-en")

    assert course_links(client, "?language=en") == {three_courses["data"].url}
    assert course_links(client, "?language=ar") == {course.url for course in three_courses.values()}


def test_an_invalid_filter_value_shows_no_course_rather_than_failing(client, three_courses):
    assert course_links(client, "?level=expert") == set()


def test_the_catalogue_is_paginated_keeping_the_filters(client, settings, three_courses):
    settings.QUDRA_CATALOGUE_PAGE_SIZE = 2
    titles = sorted(course.title for course in three_courses.values())

    first = client.get("/ar/?skill_area=&q=")
    second = client.get("/ar/?skill_area=&q=&page=2")
    beyond = client.get("/ar/?page=99")

    assert [course.title for course in first.context["courses"]] == titles[:2]
    assert "?skill_area=&amp;q=&amp;page=2" in html(first)
    assert [course.title for course in second.context["courses"]] == titles[2:]
    assert titles[2] in html(second) and titles[0] not in html(second)
    assert beyond.status_code == 200
    assert [course.title for course in beyond.context["courses"]] == titles[2:]


def test_the_english_catalogue_lists_untranslated_courses_once(client, course, course_en, catalogue):
    arabic_only = add_course(catalogue, title="دورة عربية فقط", modules=0)

    assert course_links(client, "").issuperset({course.url, arabic_only.url})
    response = client.get("/en/")
    listed = [page.url for page in response.context["courses"]]
    assert sorted(listed) == sorted([course_en.url, arabic_only.url])


# My learning


def test_my_learning_shows_courses_in_progress_and_completed(learner_client, learner, catalogue, course, modules):
    finished = add_course(catalogue, title="Finished course", modules=1)
    services.enrol(learner=learner, course=course)
    services.enrol(learner=learner, course=finished)
    services.complete_module(learner=learner, module=modules[0])
    services.complete_module(learner=learner, module=modules_of(finished)[0])

    page = html(learner_client.get("/ar/learning/"))

    in_progress, completed = page.split('id="completed-heading"')
    assert course.title in in_progress
    assert modules[1].url in links(in_progress)
    assert finished.title in completed
    assert finished.title not in in_progress


def test_my_learning_continues_in_the_language_of_the_page(learner_client, learner, course, course_en, modules):
    services.enrol(learner=learner, course=course)
    services.complete_module(learner=learner, module=modules[0])

    page = html(learner_client.get("/en/learning/"))

    assert course_en.title in page
    assert modules_of(course_en)[1].url in links(page)


def test_my_learning_keeps_to_live_translations(learner_client, learner, course, catalogue_en):
    # An English draft must not replace the published Arabic course: its link would lead nowhere.
    course.copy_for_translation(catalogue_en.locale)
    services.enrol(learner=learner, course=course)

    page = html(learner_client.get("/en/learning/"))

    assert course.url in links(page)
