"""Prerequisites: enrolling skips none of them, whoever asks, and the refusal says which courses are missing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import Enrolment
from tests.builders.courses import record_counts
from tests.builders.learning import complete_course


def enrol_url(language: str, course) -> str:
    with translation.override(language):
        return reverse("courses:enrol", kwargs={"course_id": course.id})


def test_the_service_refuses_a_course_whose_prerequisite_is_not_completed(track, learner):
    with pytest.raises(services.PrerequisitesNotMet) as refused:
        services.enrol(learner=learner, course=track.data)

    assert refused.value.missing == [track.basics]
    assert not Enrolment.objects.exists()
    # Assigned enrolments are held to the same rule.
    with pytest.raises(services.PrerequisitesNotMet):
        services.enrol(learner=learner, course=track.leading, source=Enrolment.Source.ASSIGNED)
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    ("language", "message", "missing_title"),
    [
        ("ar", "لا يمكنك التسجيل في هذه الدورة بعد", "أساسيات الخدمات الرقمية"),
        ("en", "You cannot enrol in this course yet", "Digital services basics"),
    ],
)
def test_the_enrol_view_answers_403_naming_the_missing_course_and_writes_nothing(
    track, learner_client, language, message, missing_title
):
    before = record_counts()

    response = learner_client.post(enrol_url(language, track.data))

    assert response.status_code == 403
    page = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert message in page
    assert missing_title in page
    assert record_counts() == before


def test_a_translated_course_page_is_refused_the_same_way(track, learner_client):
    data_en = track.data.get_translation(track.programme_en.locale)

    response = learner_client.post(enrol_url("en", data_en))

    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_completing_the_prerequisite_opens_the_course(track, learner, learner_client):
    complete_course(learner, track.basics)

    response = learner_client.post(enrol_url("en", track.data))

    assert response.status_code == 302
    assert Enrolment.objects.filter(learner=learner, course=track.data, is_current=True).exists()


@pytest.mark.parametrize(
    ("language", "notice"),
    [("ar", "أكمل هذه الدورات قبل التسجيل"), ("en", "Complete these courses before you enrol")],
)
def test_the_course_page_shows_what_is_missing_instead_of_the_enrol_button(track, learner_client, language, notice):
    course = track.data if language == "ar" else track.data.get_translation(track.programme_en.locale)

    page = learner_client.get(course.url).content.decode()

    assert notice in page
    assert enrol_url(language, course) not in page
    assert track.basics.localized.title in page or "Digital services basics" in page


def test_an_unpublished_prerequisite_is_not_enforced(track, learner):
    track.basics.unpublish()

    enrolment = services.enrol(learner=learner, course=track.data)

    assert enrolment.course == track.data


def test_the_editor_form_refuses_a_prerequisite_loop(track):
    form_class = type(track.basics).get_edit_handler().get_form_class()
    form = form_class(instance=track.basics, for_user=None, parent_page=track.basics.get_parent())
    offered = set(form.fields["prerequisites"].queryset.values_list("id", flat=True))
    assert track.basics.id not in offered
    assert track.data.id in offered

    form.cleaned_data = {"prerequisites": [track.leading]}
    with pytest.raises(Exception, match="prerequisite of itself"):
        form.clean_prerequisites()
