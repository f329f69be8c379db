"""Taking a quiz in the browser: starting an attempt, what the page shows before and after submitting."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import ModuleProgress, QuizAttempt
from tests.courses.quiz_course import quiz_course
from tests.courses.quizzes import answers_for, form_data, quiz_of


def url(name: str, course, module, quiz) -> str:
    with translation.override("ar"):
        return reverse(f"courses:{name}", kwargs={"course_id": course.pk, "module_id": module.pk, "quiz_id": quiz.id})


@pytest.fixture
def taking(catalogue, learner):
    course, module = quiz_course(catalogue, attempt_limit=2)
    services.enrol(learner=learner, course=course)
    return course, module, quiz_of(module)


def test_opening_the_module_shows_a_start_button_and_no_questions_yet(learner_client, taking):
    course, module, quiz = taking

    html = learner_client.get(module.url).content.decode()

    assert "Start attempt" in html or "ابدأ المحاولة" in html
    assert "Which portal publishes e-services?" not in html
    assert QuizAttempt.objects.count() == 0


def test_an_unsubmitted_quiz_carries_no_answer_key(learner_client, taking):
    course, module, quiz = taking

    response = learner_client.post(url("start_quiz", course, module, quiz))
    html = learner_client.get(module.url).content.decode()

    assert response.status_code == 302
    section = html[html.index('<section class="quiz"') :]
    section = section[: section.index("</section>")]
    for question in quiz.value["questions"]:
        assert question.value["text"] in section
        # Explanations and accepted answers are shown only after submission.
        assert question.value["explanation"] not in html
    assert "Sanad Centre" not in html and "مركز سند" not in html
    assert "correct" not in section.lower()
    assert "checked" not in section
    attempt = QuizAttempt.objects.get()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
    assert f'name="attempt" value="{attempt.pk}"' in html


def test_starting_twice_resumes_the_open_attempt(learner_client, taking):
    course, module, quiz = taking

    learner_client.post(url("start_quiz", course, module, quiz))
    learner_client.post(url("start_quiz", course, module, quiz))

    assert QuizAttempt.objects.count() == 1


def test_a_failed_attempt_shows_feedback_and_allows_a_retry(learner_client, learner, taking):
    course, module, quiz = taking
    learner_client.post(url("start_quiz", course, module, quiz))
    attempt = QuizAttempt.objects.get()

    response = learner_client.post(
        url("submit_quiz", course, module, quiz), form_data(attempt, answers_for(quiz, right=1))
    )
    html = learner_client.get(module.url).content.decode()

    assert response.status_code == 302
    attempt.refresh_from_db()
    # One point of five: the single-choice question.
    assert (attempt.status, attempt.score, attempt.passed) == (QuizAttempt.Status.SUBMITTED, Decimal("20.00"), False)
    assert "Why: Which portal publishes e-services?" in html
    assert "20%" in html and "20.00" not in html
    assert html.count("is-wrong") >= 3
    assert ModuleProgress.objects.get().completed_at is None
    assert "1 attempt left" in html or "محاولة" in html


def test_passing_completes_the_module_and_the_course(learner_client, learner, taking):
    course, module, quiz = taking
    learner_client.post(url("start_quiz", course, module, quiz))
    attempt = QuizAttempt.objects.get()

    learner_client.post(url("submit_quiz", course, module, quiz), form_data(attempt, answers_for(quiz, right=4)))

    progress = ModuleProgress.objects.get()
    assert (progress.best_score, progress.attempts) == (Decimal("100.00"), 1)
    assert progress.completed_at is not None
    assert progress.enrolment.completed_at is not None


def test_short_answers_are_accepted_in_the_learners_language_and_spelling(learner, catalogue):
    course, module = quiz_course(catalogue)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
    answers = answers_for(quiz, right=4)
    short = next(question.id for question in quiz.value["questions"] if question.block_type == "short_answer")
    answers[short] = "  مَركـز   سَند "

    attempt = services.submit_quiz(
        learner=learner, module=module, quiz_block_id=quiz.id, attempt_id=attempt.pk, answers=answers
    )

    assert attempt.passed is True
    assert attempt.correct[short] is True


def test_a_pool_draws_n_questions_per_attempt_and_grades_only_those(learner, catalogue):
    course, module = quiz_course(catalogue, draw_count=2, pass_mark=100)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)

    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id, rng=random.Random(4))

    all_ids = [question.id for question in quiz.value["questions"]]
    assert len(attempt.question_ids) == 2
    assert set(attempt.question_ids) <= set(all_ids)
    submitted = services.submit_quiz(
        learner=learner,
        module=module,
        quiz_block_id=quiz.id,
        attempt_id=attempt.pk,
        answers=answers_for(quiz, right=2, attempt=attempt),
    )
    assert (submitted.score, submitted.passed) == (Decimal("100.00"), True)
    assert set(submitted.answers) == set(attempt.question_ids)


def test_different_attempts_draw_different_questions(learner, catalogue):
    course, module = quiz_course(catalogue, draw_count=1)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    drawn = set()
    for seed in range(12):
        attempt = services.start_quiz_attempt(
            learner=learner, module=module, quiz_block_id=quiz.id, rng=random.Random(seed)
        )
        drawn.add(attempt.question_ids[0])
        QuizAttempt.objects.filter(pk=attempt.pk).delete()

    assert len(drawn) > 1


def test_shuffling_orders_questions_and_choices_per_attempt_and_the_page_follows_it(learner_client, learner, catalogue):
    course, module = quiz_course(catalogue, shuffle_questions=True, shuffle_choices=True)
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    in_body = [question.id for question in quiz.value["questions"]]
    rng = random.Random(1)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id, rng=rng)
    while attempt.question_ids == in_body:  # a shuffle may keep the order; draw again until it does not
        QuizAttempt.objects.filter(pk=attempt.pk).delete()
        attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id, rng=rng)

    html = learner_client.get(module.url).content.decode()

    assert sorted(attempt.question_ids) == sorted(in_body)
    positions = [html.index(f'name="question-{question_id}"') for question_id in attempt.question_ids]
    assert positions == sorted(positions)
    for question_id, choice_ids in attempt.choice_order.items():
        choice_positions = [html.index(f'value="{choice_id}"') for choice_id in choice_ids]
        assert choice_positions == sorted(choice_positions), question_id


def test_the_demo_quizzes_still_load_as_single_choice_questions(db):
    from demo.courses import _body

    module = {
        "body": [
            {
                "type": "quiz",
                "pass_mark": 70,
                "questions": [
                    {
                        "text": {"ar": "س", "en": "Q"},
                        "explanation": {"ar": "", "en": ""},
                        "choices": [
                            {"text": {"ar": "أ", "en": "A"}, "correct": True},
                            {"text": {"ar": "ب", "en": "B"}, "correct": False},
                        ],
                    }
                ],
            }
        ]
    }

    (block,) = _body(module, "key", "en")

    (question,) = block["value"]["questions"]
    assert question["type"] == "single_choice"
    assert block["value"]["attempt_limit"] == 0
