"""Helpers of the quiz tests: a module's quiz, right or wrong answers, starting and submitting attempts."""

from __future__ import annotations

from courses import services
from courses.grading import SHORT_ANSWER, answer_key
from courses.models import QuizAttempt


def quiz_of(module):
    (quiz,) = module.specific.quizzes
    return quiz


def answers_for(quiz, *, right: int, attempt: QuizAttempt | None = None) -> dict:
    """Answers to the quiz (or to the questions drawn for `attempt`): the first `right` right, the rest wrong."""
    key = answer_key(quiz)
    if attempt is not None:
        key = key.only(attempt.question_ids)
    answers: dict = {}
    for index, question in enumerate(key.questions):
        if question.kind == SHORT_ANSWER:
            answers[question.id] = sorted(question.accepted_answers)[0] if index < right else "no idea"
            continue
        correct = sorted(question.correct_choice_ids)
        wrong = next(choice for choice in question.choice_ids if choice not in question.correct_choice_ids)
        if index < right:
            answers[question.id] = correct[0] if len(correct) == 1 else correct
        else:
            answers[question.id] = wrong
    return answers


def take(learner, module, *, right: int) -> QuizAttempt:
    """Start an attempt at the module's quiz and submit it with `right` questions answered right."""
    quiz = quiz_of(module)
    attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
    return services.submit_quiz(
        learner=learner,
        module=module,
        quiz_block_id=quiz.id,
        attempt_id=attempt.pk,
        answers=answers_for(quiz, right=right, attempt=attempt),
    )


def form_data(attempt: QuizAttempt, answers: dict) -> dict:
    """Answers as the quiz form posts them."""
    return {"attempt": str(attempt.pk), **{f"question-{question}": value for question, value in answers.items()}}
