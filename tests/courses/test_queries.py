"""Database queries per page: bounded, and the same for a course of 3 modules as for one of 12.

The cache is a dummy here, so every lookup Wagtail would otherwise keep in the cache (the site root
paths behind each ``page.url``) shows up as a query: a listing that looked a URL up per item would
grow with the number of items.
"""

from __future__ import annotations

import pytest

from courses import services
from tests.builders.courses import modules_of
from tests.factories import add_course

# A signed-in learner's pages, measured on SQLite and PostgreSQL with a dummy cache (catalogue 21 and
# search 25 with the learner's status on each card, course 23 and module 26 with prerequisites and the
# self-assessment invitation, My learning 12), with room for one or two more. A real cache saves the two
# site queries; anonymous visitors need four to eight fewer. The catalogue asks the person's groups once more
# and the course and module pages check who the course is open to (courses.audience: the person's groups and
# the course's audience, docs/course-visibility.md).
# Pages that read the learner's employee record before the main menu asks whether they manage a team
# (``teams.selectors.manages_a_team``) take one query more for it.
MAX_QUERIES = {"catalogue": 23, "course": 28, "module": 31, "search": 26, "my learning": 14}


@pytest.fixture(autouse=True)
def cold_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def short_and_long(catalogue, learner):
    """Two courses the learner is enrolled in, with the first module of each completed."""
    courses = {
        "short": add_course(catalogue, title="Short", modules=3),
        "long": add_course(catalogue, title="Long", modules=12),
    }
    for course in courses.values():
        services.enrol(learner=learner, course=course)
        services.complete_module(learner=learner, module=modules_of(course)[0])
    return courses


def queries_for(client, url: str, limit: int, django_assert_max_num_queries) -> int:
    client.get(url)  # the first visit may write (a module is started); count the steady state
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("signed_in", [True, False], ids=["learner", "anonymous"])
def test_catalogue_queries_do_not_grow_with_courses(
    client, learner, catalogue, short_and_long, signed_in, django_assert_max_num_queries
):
    if signed_in:
        client.force_login(learner)
    # A course not enrolled in from the start: its card asks about prerequisites, the others do not.
    add_course(catalogue, title="Not taken", modules=0)
    three_courses = queries_for(client, "/ar/", MAX_QUERIES["catalogue"], django_assert_max_num_queries)
    for number in range(4):
        add_course(catalogue, title=f"More {number}", modules=0)

    seven_courses = queries_for(client, "/ar/", MAX_QUERIES["catalogue"], django_assert_max_num_queries)

    assert seven_courses == three_courses


def test_catalogue_search_queries_do_not_grow_with_results(
    client, learner, catalogue, short_and_long, django_assert_max_num_queries
):
    client.force_login(learner)
    add_course(catalogue, title="Not taken", modules=1)
    # Every module body says "Content of module N": the search matches all of them.
    few = queries_for(client, "/ar/?q=content", MAX_QUERIES["search"], django_assert_max_num_queries)
    for number in range(4):
        add_course(catalogue, title=f"More {number}", modules=2)

    many = queries_for(client, "/ar/?q=content", MAX_QUERIES["search"], django_assert_max_num_queries)

    assert many == few


@pytest.mark.parametrize("signed_in", [True, False], ids=["learner", "anonymous"])
def test_course_page_queries_do_not_grow_with_modules(
    client, learner, short_and_long, signed_in, django_assert_max_num_queries
):
    if signed_in:
        client.force_login(learner)

    short = queries_for(client, short_and_long["short"].url, MAX_QUERIES["course"], django_assert_max_num_queries)
    long = queries_for(client, short_and_long["long"].url, MAX_QUERIES["course"], django_assert_max_num_queries)

    assert long == short


def test_module_page_queries_do_not_grow_with_modules(client, learner, short_and_long, django_assert_max_num_queries):
    client.force_login(learner)
    short_module = modules_of(short_and_long["short"])[1]
    long_module = modules_of(short_and_long["long"])[1]

    short = queries_for(client, short_module.url, MAX_QUERIES["module"], django_assert_max_num_queries)
    long = queries_for(client, long_module.url, MAX_QUERIES["module"], django_assert_max_num_queries)

    assert long == short


def test_my_learning_queries_do_not_grow_with_enrolments(
    client, learner, catalogue, short_and_long, django_assert_max_num_queries
):
    client.force_login(learner)
    two_courses = queries_for(client, "/ar/learning/", MAX_QUERIES["my learning"], django_assert_max_num_queries)
    for number in range(3):
        more = add_course(catalogue, title=f"More {number}", modules=2)
        services.enrol(learner=learner, course=more)
        services.complete_module(learner=learner, module=modules_of(more)[0])

    five_courses = queries_for(client, "/ar/learning/", MAX_QUERIES["my learning"], django_assert_max_num_queries)

    assert five_courses == two_courses
