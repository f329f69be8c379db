"""Quiz integrity: limits, time limits, replays, other people's attempts and forged answers are refused.

Every refusal answers with a 4xx and a message, and leaves the records as they were.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from courses import services
from courses.models import ModuleProgress, QuizAttempt
from tests.builders.courses import record_counts
from tests.conftest import requires_postgres
from tests.courses.quiz_course import quiz_course
from tests.courses.quizzes import answers_for, form_data, quiz_of


def submit_url(course, module, quiz) -> str:
    with translation.override("en"):
        return reverse(
            "courses:submit_quiz", kwargs={"course_id": course.pk, "module_id": module.pk, "quiz_id": quiz.id}
        )


def start_url(course, module, quiz) -> str:
    return submit_url(course, module, quiz) + "start/"


@pytest.fixture
def limited(catalogue, learner):
    """An enrolled learner with an open attempt at a quiz allowing two attempts of ten minutes."""
    course, module = quiz_course(catalogue, attempt_limit=2, time_limit=10)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
    return course, module, quiz, attempt


def assert_refused(response, status: int, message: str, before: dict) -> None:
    assert response.status_code == status
    assert message in response.content.decode()
    assert record_counts() == before


def test_a_replayed_submission_is_refused(client, learner, limited):
    course, module, quiz, attempt = limited
    client.force_login(learner)
    data = form_data(attempt, answers_for(quiz, right=0))
    client.post(submit_url(course, module, quiz), data)
    before = record_counts()

    response = client.post(submit_url(course, module, quiz), data)

    assert_refused(response, 409, "already submitted", before)
    assert ModuleProgress.objects.get().attempts == 1


def test_no_attempt_starts_after_the_limit(client, learner, limited):
    course, module, quiz, attempt = limited
    client.force_login(learner)
    for _ in range(2):
        services.submit_quiz(
            learner=learner,
            module=module,
            quiz_block_id=quiz.id,
            attempt_id=attempt.pk,
            answers=answers_for(quiz, right=0, attempt=attempt),
        )
        if QuizAttempt.objects.filter(status=QuizAttempt.Status.SUBMITTED).count() < 2:
            attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
    before = record_counts()
    attempts_before = QuizAttempt.objects.count()

    response = client.post(start_url(course, module, quiz))
    page = client.get(module.url).content.decode()

    assert_refused(response, 403, "every attempt this quiz allows", before)
    assert QuizAttempt.objects.count() == attempts_before
    assert "Start" not in page.split('id="quiz-')[1]


def test_a_submission_after_the_limit_is_refused(learner, limited):
    course, module, quiz, attempt = limited
    # Two attempts already submitted (say the trainer lowered the limit while this one was open).
    for _ in range(2):
        QuizAttempt.objects.create(
            enrolment=attempt.enrolment,
            module=module,
            quiz_block_id=quiz.id,
            status=QuizAttempt.Status.SUBMITTED,
            score=0,
            submitted_at=timezone.now(),
        )
    before = record_counts()

    with pytest.raises(services.AttemptLimitReached):
        services.submit_quiz(
            learner=learner,
            module=module,
            quiz_block_id=quiz.id,
            attempt_id=attempt.pk,
            answers=answers_for(quiz, right=4, attempt=attempt),
        )

    assert record_counts() == before


def test_a_submission_within_the_grace_after_the_time_limit_counts(client, learner, limited):
    course, module, quiz, attempt = limited
    client.force_login(learner)

    with time_machine.travel(attempt.started_at + dt.timedelta(minutes=10, seconds=20)):
        response = client.post(submit_url(course, module, quiz), form_data(attempt, answers_for(quiz, right=4)))

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed is True


def test_a_submission_after_the_time_limit_is_refused(client, learner, limited):
    course, module, quiz, attempt = limited
    client.force_login(learner)
    before = record_counts()

    with time_machine.travel(attempt.started_at + dt.timedelta(minutes=11)):
        response = client.post(submit_url(course, module, quiz), form_data(attempt, answers_for(quiz, right=4)))

    assert_refused(response, 403, "time limit", before)
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS


def test_an_attempt_left_past_its_time_limit_counts_as_a_failed_attempt_when_the_next_starts(learner, limited):
    course, module, quiz, attempt = limited

    with time_machine.travel(attempt.started_at + dt.timedelta(hours=1)):
        services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)

    attempt.refresh_from_db()
    assert (attempt.status, attempt.passed, attempt.score) == (QuizAttempt.Status.SUBMITTED, False, 0)
    assert ModuleProgress.objects.get().attempts == 1
    assert QuizAttempt.objects.filter(status=QuizAttempt.Status.IN_PROGRESS).count() == 1


def test_another_learners_attempt_is_refused(client, other_learner, limited):
    course, module, quiz, attempt = limited
    services.enrol(learner=other_learner, course=course)
    client.force_login(other_learner)
    before = record_counts()

    response = client.post(submit_url(course, module, quiz), form_data(attempt, answers_for(quiz, right=4)))

    assert_refused(response, 403, "belongs to someone else", before)


def test_a_quiz_of_a_course_one_is_not_enrolled_in_is_refused(client, other_learner, limited):
    course, module, quiz, attempt = limited
    client.force_login(other_learner)
    before = record_counts()

    started = client.post(start_url(course, module, quiz))
    submitted = client.post(submit_url(course, module, quiz), form_data(attempt, answers_for(quiz, right=4)))

    assert (started.status_code, submitted.status_code) == (403, 403)
    assert "Enrol in the course" in submitted.content.decode()
    assert record_counts() == before


def test_choices_outside_the_drawn_questions_are_refused(client, learner, catalogue):
    course, module = quiz_course(catalogue, draw_count=2)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
    client.force_login(learner)
    before = record_counts()
    # Answers to every question of the pool, drawn or not.
    response = client.post(submit_url(course, module, quiz), form_data(attempt, answers_for(quiz, right=4)))

    assert_refused(response, 400, "Answer every question of this attempt", before)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda data: dict(list(data.items())[:-1]), id="missing field"),
        pytest.param(lambda data: {**data, "question-not-a-question": "x"}, id="extra field"),
        pytest.param(lambda data: {key: value for key, value in data.items() if key != "attempt"}, id="no attempt"),
        pytest.param(lambda data: {**data, "attempt": "abc"}, id="attempt not a number"),
    ],
)
def test_forms_with_missing_or_extra_fields_are_refused(client, learner, limited, change):
    course, module, quiz, attempt = limited
    client.force_login(learner)
    before = record_counts()

    response = client.post(submit_url(course, module, quiz), change(form_data(attempt, answers_for(quiz, right=4))))

    assert response.status_code == 400
    assert record_counts() == before


def test_an_unknown_attempt_is_not_found(client, learner, limited):
    course, module, quiz, attempt = limited
    client.force_login(learner)
    before = record_counts()

    response = client.post(
        submit_url(course, module, quiz), {**form_data(attempt, answers_for(quiz, right=4)), "attempt": "999999"}
    )

    assert_refused(response, 404, "does not exist", before)


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_submit_at_the_same_moment_records_one_attempt(learner, catalogue):
    course, module = quiz_course(catalogue)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
    answers = answers_for(quiz, right=4, attempt=attempt)
    threads = 8
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait(timeout=30)
            services.submit_quiz(
                learner=learner, module=module, quiz_block_id=quiz.id, attempt_id=attempt.pk, answers=answers
            )
            outcome = "recorded"
        except services.AttemptAlreadySubmitted:
            outcome = "refused"
        except Exception as error:  # the test reports any other failure of any thread
            outcome = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    workers = [threading.Thread(target=submit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert sorted(outcomes) == ["recorded"] + ["refused"] * (threads - 1)
    assert QuizAttempt.objects.filter(status=QuizAttempt.Status.SUBMITTED).count() == 1
    assert ModuleProgress.objects.get().attempts == 1


def test_an_expired_last_attempt_is_closed_and_no_new_one_starts(learner, catalogue):
    course, module = quiz_course(catalogue, attempt_limit=1, time_limit=5)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)

    with time_machine.travel(attempt.started_at + dt.timedelta(hours=1)):
        returned = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
        with pytest.raises(services.AttemptLimitReached):
            services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)

    assert returned.pk == attempt.pk
    assert list(QuizAttempt.objects.values_list("status", "passed")) == [(QuizAttempt.Status.SUBMITTED, False)]
