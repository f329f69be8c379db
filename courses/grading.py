"""Quiz grading: pure functions from a quiz's answer key and a learner's answers to a result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from common.arabic import fold

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
# A true/false question has two fixed "choices"; their ids are the same in every language.
TRUE_FALSE_CHOICES = ("true", "false")


class InvalidAnswers(ValueError):
    """The submitted answers do not fit the quiz (unknown or missing questions, foreign choices)."""


@dataclass(frozen=True)
class Question:
    id: str
    kind: str = SINGLE_CHOICE
    choice_ids: tuple[str, ...] = ()
    correct_choice_ids: frozenset[str] = frozenset()
    accepted_answers: frozenset[str] = frozenset()
    points: int = 1
    partial_credit: bool = False


@dataclass(frozen=True)
class AnswerKey:
    pass_mark: int
    questions: tuple[Question, ...]

    def only(self, question_ids: Iterable[str]) -> AnswerKey:
        """The key restricted to the questions drawn for one attempt (kept in the key's order)."""
        wanted = set(question_ids)
        return AnswerKey(pass_mark=self.pass_mark, questions=tuple(q for q in self.questions if q.id in wanted))


@dataclass(frozen=True)
class Result:
    score: Decimal
    passed: bool
    correct: dict[str, bool]
    earned: dict[str, Decimal] = field(default_factory=dict)


Answer = str | list[str] | tuple[str, ...]


def answer_key(quiz_block, *, translations: Iterable = ()) -> AnswerKey:
    """Read the answer key from a bound quiz block of a source-language module body.

    Correctness flags and points come from the source only; accepted short answers are text, so
    the same question's accepted answers in ``translations`` (quiz blocks of translated pages) count too.
    """
    translated_answers: dict[str, set[str]] = {}
    for translation in translations:
        for question in translation.value["questions"]:
            if question.block_type == SHORT_ANSWER:
                translated_answers.setdefault(question.id, set()).update(question.value["accepted_answers"])
    questions = []
    for question in quiz_block.value["questions"]:
        value = question.value
        points = value.get("points") or 1
        if question.block_type in (SINGLE_CHOICE, MULTIPLE_CHOICE):
            choices = value["choices"].bound_blocks
            questions.append(
                Question(
                    id=question.id,
                    kind=question.block_type,
                    choice_ids=tuple(choice.id for choice in choices),
                    correct_choice_ids=frozenset(choice.id for choice in choices if choice.value["correct"]),
                    points=points,
                    partial_credit=bool(value.get("partial_credit")),
                )
            )
        elif question.block_type == TRUE_FALSE:
            questions.append(
                Question(
                    id=question.id,
                    kind=TRUE_FALSE,
                    choice_ids=TRUE_FALSE_CHOICES,
                    correct_choice_ids=frozenset([value["correct_answer"]]),
                    points=points,
                )
            )
        elif question.block_type == SHORT_ANSWER:
            accepted = {*value["accepted_answers"], *translated_answers.get(question.id, ())}
            questions.append(
                Question(
                    id=question.id,
                    kind=SHORT_ANSWER,
                    accepted_answers=frozenset(fold(answer) for answer in accepted if fold(answer)),
                    points=points,
                )
            )
    return AnswerKey(pass_mark=quiz_block.value["pass_mark"], questions=tuple(questions))


def _chosen(question: Question, answer: Answer) -> frozenset[str]:
    chosen = [answer] if isinstance(answer, str) else list(answer)
    if question.kind != MULTIPLE_CHOICE and len(chosen) != 1:
        raise InvalidAnswers("Choose exactly one answer to each single-answer question.")
    if not chosen or len(set(chosen)) != len(chosen):
        raise InvalidAnswers("Choose at least one answer, each once.")
    if not set(chosen) <= set(question.choice_ids):
        raise InvalidAnswers("An answer is not one of the question's choices.")
    return frozenset(chosen)


def _earned(question: Question, answer: Answer) -> Decimal:
    """The share of the question's points (0..1) the answer earns."""
    if question.kind == SHORT_ANSWER:
        if not isinstance(answer, str):
            raise InvalidAnswers("A short answer is one piece of text.")
        return Decimal(fold(answer) in question.accepted_answers)
    chosen = _chosen(question, answer)
    if chosen == question.correct_choice_ids:
        return Decimal(1)
    if question.kind == MULTIPLE_CHOICE and question.partial_credit:
        right = len(chosen & question.correct_choice_ids)
        wrong = len(chosen - question.correct_choice_ids)
        return max(Decimal(0), Decimal(right - wrong) / len(question.correct_choice_ids))
    return Decimal(0)


def grade(key: AnswerKey, answers: Mapping[str, Answer]) -> Result:
    """Score answers ({question id: choice id, choice ids or text}) against the key.

    Every question of the key must be answered, and no other. The score is the percentage of the
    points earned, so a question worth two points weighs twice as much as one worth one.
    """
    if not key.questions:
        raise InvalidAnswers("The quiz has no questions.")
    if set(answers) != {question.id for question in key.questions}:
        raise InvalidAnswers("Answer every question of the quiz, and only those.")
    earned = {question.id: _earned(question, answers[question.id]) for question in key.questions}
    total = sum(question.points for question in key.questions)
    points = sum(earned[question.id] * question.points for question in key.questions)
    score = (Decimal(100) * points / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Result(
        score=score,
        passed=score >= key.pass_mark,
        correct={question_id: share == 1 for question_id, share in earned.items()},
        earned=earned,
    )
