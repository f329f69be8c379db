"""Quiz grading on the server: the answer key, scores, and the attempts submit_quiz records."""

from __future__ import annotations

from decimal import Decimal

import pytest

from courses import services
from courses.grading import AnswerKey, InvalidAnswers, Question, answer_key, grade
from courses.models import Enrolment, ModuleProgress, QuizAttempt
from tests.builders.courses import modules_of, record_counts
from tests.courses.quizzes import answers_for, quiz_of, take
from tests.factories import translate

THREE_QUESTIONS = AnswerKey(
    pass_mark=60,
    questions=(
        Question(id="q1", choice_ids=("a", "b"), correct_choice_ids=frozenset("a")),
        Question(id="q2", choice_ids=("c", "d", "e"), correct_choice_ids=frozenset("e")),
        Question(id="q3", choice_ids=("f", "g"), correct_choice_ids=frozenset("g")),
    ),
)


@pytest.mark.parametrize(
    ("answers", "score", "passed", "right"),
    [
        ({"q1": "a", "q2": "e", "q3": "g"}, Decimal("100.00"), True, {"q1", "q2", "q3"}),
        ({"q1": "a", "q2": "e", "q3": "f"}, Decimal("66.67"), True, {"q1", "q2"}),
        ({"q1": "a", "q2": "c", "q3": "f"}, Decimal("33.33"), False, {"q1"}),
        ({"q1": "b", "q2": "d", "q3": "f"}, Decimal("0.00"), False, set()),
    ],
)
def test_grade_scores_the_share_of_right_answers(answers, score, passed, right):
    result = grade(THREE_QUESTIONS, answers)

    assert result.score == score
    assert result.passed is passed
    assert result.correct == {question: question in right for question in ("q1", "q2", "q3")}


def test_the_pass_mark_itself_passes():
    key = AnswerKey(pass_mark=50, questions=THREE_QUESTIONS.questions[:2])

    assert grade(key, {"q1": "a", "q2": "c"}).passed is True
    assert grade(key, {"q1": "b", "q2": "c"}).passed is False


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"q1": "a", "q2": "e"}, id="missing question"),
        pytest.param({"q1": "a", "q2": "e", "q3": "g", "q4": "a"}, id="unknown question"),
        pytest.param({"q1": "c", "q2": "e", "q3": "g"}, id="choice of another question"),
        pytest.param({"q1": "zzz", "q2": "e", "q3": "g"}, id="unknown choice"),
        pytest.param({}, id="no answers"),
    ],
)
def test_answers_that_do_not_fit_the_quiz_are_refused(answers):
    with pytest.raises(InvalidAnswers):
        grade(THREE_QUESTIONS, answers)


def test_answer_key_is_read_from_the_quiz_block(quiz_course):
    quiz = quiz_of(modules_of(quiz_course)[1])

    key = answer_key(quiz)

    assert key.pass_mark == 50
    questions = list(quiz.value["questions"])
    assert [question.id for question in key.questions] == [question.id for question in questions]
    # The factory quiz has the right answer first in question one and second in question two.
    assert [question.correct_choice_ids for question in key.questions] == [
        {questions[0].value["choices"].bound_blocks[0].id},
        {questions[1].value["choices"].bound_blocks[1].id},
    ]


def test_a_failed_attempt_is_recorded_without_completing(learner, quiz_course):
    module = modules_of(quiz_course)[1]
    services.enrol(learner=learner, course=quiz_course)

    attempt = take(learner, module, right=0)

    assert (attempt.score, attempt.passed) == (Decimal("0.00"), False)
    progress = ModuleProgress.objects.get(module=module)
    assert (progress.attempts, progress.best_score, progress.completed_at) == (1, Decimal("0.00"), None)
    assert Enrolment.objects.get().status == Enrolment.Status.IN_PROGRESS


def test_passing_completes_the_module_and_keeps_the_best_score(learner, quiz_course, completions):
    first, module = modules_of(quiz_course)
    services.enrol(learner=learner, course=quiz_course)
    services.complete_module(learner=learner, module=first)

    for right in (0, 2, 1):
        take(learner, module, right=right)

    progress = ModuleProgress.objects.get(module=module)
    assert progress.attempts == 3
    assert progress.best_score == Decimal("100.00")
    assert progress.completed_at is not None
    assert list(QuizAttempt.objects.order_by("id").values_list("score", "passed")) == [
        (Decimal("0.00"), False),
        (Decimal("100.00"), True),
        (Decimal("50.00"), True),
    ]
    enrolment = Enrolment.objects.get()
    assert enrolment.completed_at is not None
    assert [completed.pk for completed in completions] == [enrolment.pk]


def test_a_quiz_taken_in_english_is_graded_and_recorded_on_the_source_module(learner, quiz_course, catalogue_en):
    course_en = translate(quiz_course, "en", title="Information security", slug="information-security")
    modules_ar = modules_of(quiz_course)
    module_en = translate(modules_ar[1], "en", title="Check your knowledge")
    services.enrol(learner=learner, course=course_en)

    attempt = take(learner, module_en, right=2)

    assert attempt.module_id == modules_ar[1].pk
    assert attempt.passed is True
    assert ModuleProgress.objects.get().module_id == modules_ar[1].pk


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda answers: dict(list(answers.items())[:1]), id="missing question"),
        pytest.param(lambda answers: {**answers, "not-a-question": "x"}, id="unknown question"),
        pytest.param(lambda answers: dict(zip(answers, reversed(answers.values()), strict=True)), id="foreign choices"),
    ],
)
def test_invalid_answers_write_nothing(learner, quiz_course, change):
    module = modules_of(quiz_course)[1]
    quiz = quiz_of(module)
    services.enrol(learner=learner, course=quiz_course)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
    before = record_counts()

    with pytest.raises(InvalidAnswers):
        services.submit_quiz(
            learner=learner,
            module=module,
            quiz_block_id=quiz.id,
            attempt_id=attempt.pk,
            answers=change(answers_for(quiz, right=2)),
        )

    assert record_counts() == before
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score, attempt.answers) == (QuizAttempt.Status.IN_PROGRESS, None, {})


def test_an_unknown_quiz_writes_nothing(learner, quiz_course):
    module = modules_of(quiz_course)[1]
    services.enrol(learner=learner, course=quiz_course)
    before = record_counts()

    with pytest.raises(KeyError):
        services.submit_quiz(learner=learner, module=module, quiz_block_id="no-such-quiz", attempt_id=1, answers={})

    assert record_counts() == before


def test_a_quiz_needs_an_enrolment(learner, quiz_course):
    module = modules_of(quiz_course)[1]
    quiz = quiz_of(module)

    with pytest.raises(services.NotEnrolled):
        services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)

    assert record_counts() == dict.fromkeys(record_counts(), 0)
