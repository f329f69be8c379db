"""End-of-course feedback: offered once the course is complete, one per enrolment, validated on the server."""

from __future__ import annotations

import pytest
from django.test import Client

from courses import services as course_services
from feedback import services
from feedback.models import Feedback
from tests.builders.concurrency import run_at_once
from tests.conftest import requires_postgres


def url(course, language: str = "ar") -> str:
    return f"/{language}/learning/feedback/courses/{course.pk}/"


def test_the_completed_course_page_offers_the_form_in_arabic(learner_client, completed, owned_course):
    html = learner_client.get(owned_course.url).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "ما تقييمك لهذه الدورة؟" in html
    assert f'action="{url(owned_course)}"' in html
    assert html.count('name="rating"') == 5


def test_the_form_is_not_offered_before_completion(learner_client, learner, owned_course):
    course_services.enrol(learner=learner, course=owned_course)

    assert url(owned_course) not in learner_client.get(owned_course.url).content.decode()


def test_a_learner_gives_feedback_once_and_the_page_thanks_them(learner_client, completed, owned_course):
    response = learner_client.post(url(owned_course), {"rating": "4", "comment": "  دورة مفيدة جدًا  "})

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.enrolment, feedback.rating, feedback.comment, feedback.language) == (
        completed,
        4,
        "دورة مفيدة جدًا",
        "ar",
    )
    page = learner_client.get(owned_course.url).content.decode()
    assert "شكرًا لك: قيّمت هذه الدورة بـ 4 من 5." in page
    assert url(owned_course) not in page


def test_the_language_of_the_comment_is_recorded(learner_client, completed, owned_course):
    learner_client.post(url(owned_course, "en"), {"rating": "5", "comment": "Clear and practical."})

    assert Feedback.objects.get().language == "en"


def test_a_second_submission_is_refused_with_a_message(learner_client, completed, owned_course):
    learner_client.post(url(owned_course), {"rating": "2"})

    response = learner_client.post(url(owned_course), {"rating": "5", "comment": "again"}, follow=True)

    assert "لقد قدّمت تقييمك لهذه الدورة من قبل. شكرًا لك!" in response.content.decode()
    assert list(Feedback.objects.values_list("rating", "comment")) == [(2, "")]


@pytest.mark.parametrize(
    "data, error",
    [
        ({}, "اختر تقييمًا من 1 إلى 5."),
        ({"rating": "0"}, "اختر تقييمًا من 1 إلى 5."),
        ({"rating": "6"}, "اختر تقييمًا من 1 إلى 5."),
        ({"rating": "excellent"}, "اختر تقييمًا من 1 إلى 5."),
        ({"rating": "3", "comment": "x" * 2001}, "2000"),
    ],
    ids=["no rating", "rating 0", "rating 6", "not a number", "comment too long"],
)
def test_bad_input_is_shown_again_with_the_error_and_nothing_is_written(
    learner_client, completed, owned_course, data, error
):
    response = learner_client.post(url(owned_course), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl">' in html
    assert error in html
    assert not Feedback.objects.exists()


def test_the_standalone_form_in_english(learner_client, completed, owned_course):
    page = learner_client.get(url(owned_course, "en"))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="en" dir="ltr">' in html
    assert "How would you rate this course?" in html


def test_feedback_needs_a_completed_enrolment(learner_client, learner, owned_course):
    not_enrolled = learner_client.post(url(owned_course), {"rating": "5"})
    assert not_enrolled.status_code == 403

    course_services.enrol(learner=learner, course=owned_course)
    in_progress = learner_client.post(url(owned_course), {"rating": "5"}, follow=True)
    assert "يمكنك تقديم تقييمك بعد إكمال الدورة." in in_progress.content.decode()

    anonymous = Client().post(url(owned_course), {"rating": "5"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not Feedback.objects.exists()


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submitting_at_once_records_one_feedback(learner, completed, owned_course):
    def submit():
        try:
            return services.submit_feedback(learner=learner, course=owned_course, rating=5, comment="", language="ar")
        except services.FeedbackRefused as refused:
            return refused.reason

    results, errors = run_at_once(submit, threads=10)

    assert errors == []
    assert Feedback.objects.filter(enrolment=completed).count() == 1
    assert (
        sorted(result if isinstance(result, str) else "created" for result in results)
        == ["created"] + ["submitted"] * 9
    )
