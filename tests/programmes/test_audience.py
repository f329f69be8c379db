"""A programme with a course open to ministry A only: for everyone else the course is not part of it."""

from __future__ import annotations

import pytest

from courses import services as course_services
from courses.models import Enrolment
from programmes import services
from programmes.models import ProgrammeEnrolment
from programmes.selectors import programme_outline
from tests.builders.courses import modules_of
from tests.builders.programmes import add_programme


@pytest.fixture
def programme(catalogue, audience):
    return add_programme(
        catalogue, title="برنامج الأمن", courses=[(audience.open_course, False), (audience.restricted, False)]
    )


def titles(outline) -> list[str]:
    return [item.course.title for item in outline.items]


def test_the_outline_leaves_the_course_out_for_outsiders_and_shows_it_to_insiders(client, audience, programme):
    assert titles(programme_outline(programme=programme, user=audience.insider)) == [
        audience.open_course.title,
        audience.restricted.title,
    ]
    assert titles(programme_outline(programme=programme, user=audience.outsider)) == [audience.open_course.title]
    client.force_login(audience.outsider)
    page = client.get(programme.url).content.decode()
    assert audience.open_course.title in page and audience.restricted.title not in page
    client.force_login(audience.insider)
    assert audience.restricted.title in client.get(programme.url).content.decode()


def test_an_outsider_is_enrolled_in_the_open_courses_and_completes_the_programme_with_them(audience, programme):
    enrolment = services.enrol_in_programme(learner=audience.outsider, programme=programme)
    assert list(Enrolment.objects.filter(learner=audience.outsider).values_list("course", flat=True)) == [
        audience.open_course.pk
    ]
    for module in modules_of(audience.open_course):
        course_services.complete_module(learner=audience.outsider, module=module)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert not Enrolment.objects.filter(learner=audience.outsider, course=audience.restricted).exists()


def test_an_insider_needs_both_courses(audience, programme):
    services.enrol_in_programme(learner=audience.insider, programme=programme)
    assert Enrolment.objects.filter(learner=audience.insider).count() == 2
    for module in modules_of(audience.open_course):
        course_services.complete_module(learner=audience.insider, module=module)
    assert ProgrammeEnrolment.objects.get(learner=audience.insider).completed_at is None
