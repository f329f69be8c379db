"""A course with nothing to learn in it is never enrolled in, whatever path leads there, and a course
taken down stays in the learner's records without links that would 404."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import Enrolment
from programmes import services as programme_services
from tests.builders.courses import links, modules_of, record_counts
from tests.builders.programmes import add_programme
from tests.factories import add_course


@pytest.fixture
def empty_course(catalogue):
    """A live course whose only module is still a draft."""
    course = add_course(catalogue, title="مسودة", modules=1)
    modules_of(course)[0].unpublish()
    return course


def enrol_url(course) -> str:
    with translation.override("en"):
        return reverse("courses:enrol", kwargs={"course_id": course.pk})


def test_the_enrol_view_refuses_a_course_with_no_live_module(learner_client, empty_course):
    before = record_counts()
    response = learner_client.post(enrol_url(empty_course))
    assert response.status_code == 403
    assert "has no published module yet" in response.content.decode()
    assert record_counts() == before


def test_the_course_page_offers_no_enrol_button(learner_client, empty_course):
    page = learner_client.get(empty_course.url).content.decode()
    with translation.override("ar"):
        assert translation.gettext("This course has no published module yet: enrolment opens when it has one.") in page
    assert enrol_url(empty_course) not in page


def test_the_service_refuses_whoever_asks(learner, empty_course):
    with pytest.raises(services.CourseNotOpen):
        services.enrol(learner=learner, course=empty_course)
    assert not Enrolment.objects.exists()


def test_a_programme_enrols_in_its_open_courses_only(learner, catalogue, course, empty_course):
    programme = add_programme(catalogue, title="مسار", courses=[(course, False), (empty_course, False)])
    programme_services.enrol_in_programme(learner=learner, programme=programme)
    assert list(Enrolment.objects.values_list("course_id", flat=True)) == [course.pk]


def test_my_learning_keeps_a_course_taken_down_without_links(learner_client, learner, course, catalogue):
    services.enrol(learner=learner, course=course)
    course.unpublish()
    response = learner_client.get("/en/learning/")
    page = response.content.decode()
    assert response.status_code == 200
    assert course.title in page
    with translation.override("en"):
        assert translation.gettext("This course is no longer offered. Your progress is kept in your records.") in page
    assert course.url not in links(page)
    assert all(module.url not in links(page) for module in modules_of(course))
