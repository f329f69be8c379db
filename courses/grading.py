"""Quiz grading: pure functions from a quiz's answer key and a learner's answers to a result."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


class InvalidAnswers(ValueError):
    """The submitted answers do not fit the quiz (unknown or missing questions, foreign choices)."""


@dataclass(frozen=True)
class Question:
    id: str
    choice_ids: tuple[str, ...]
    correct_choice_id: str


@dataclass(frozen=True)
class AnswerKey:
    pass_mark: int
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Result:
    score: Decimal
    passed: bool
    correct: dict[str, bool]


def answer_key(quiz_block) -> AnswerKey:
    """Read the answer key from a bound quiz block of a module body."""
    questions = []
    for question in quiz_block.value["questions"].bound_blocks:
        choices = question.value["choices"].bound_blocks
        correct = next(choice.id for choice in choices if choice.value["correct"])
        questions.append(Question(id=question.id, choice_ids=tuple(c.id for c in choices), correct_choice_id=correct))
    return AnswerKey(pass_mark=quiz_block.value["pass_mark"], questions=tuple(questions))


def grade(key: AnswerKey, answers: dict[str, str]) -> Result:
    """Score answers ({question id: choice id}) against the key; every question must be answered once."""
    question_ids = {question.id for question in key.questions}
    if set(answers) != question_ids:
        raise InvalidAnswers("Answer every question of the quiz, and only those.")
    correct = {}
    for question in key.questions:
        chosen = answers[question.id]
        if chosen not in question.choice_ids:
            raise InvalidAnswers("An answer is not one of the question's choices.")
        correct[question.id] = chosen == question.correct_choice_id
    score = (Decimal(100) * sum(correct.values()) / len(key.questions)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return Result(score=score, passed=score >= key.pass_mark, correct=correct)
