"""What a learner sees of a quiz: the questions of an attempt in its order, the options without their
answers, and once an attempt is submitted, what was right."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue

from .grading import answer_key, grade
from .models import QuizAttempt


@dataclass
class ChoiceView:
    id: str
    text: str | Promise
    chosen: bool = False


@dataclass
class QuestionView:
    block: StreamValue.StreamChild
    choices: list[ChoiceView]
    answer_text: str = ""
    is_correct: bool | None = None

    @property
    def kind(self) -> str:
        return self.block.block_type


@dataclass
class QuizView:
    block: StreamValue.StreamChild
    questions: list[QuestionView]
    attempts: int = 0
    passed: bool = False
    feedback: QuizAttempt | None = None
    open_attempt: QuizAttempt | None = None

    @property
    def settings(self):
        return self.block.value

    @property
    def question_count(self) -> int:
        """How many questions one attempt asks."""
        return self.settings.get("draw_count") or len(self.settings["questions"])

    @property
    def attempts_left(self) -> int | None:
        limit = self.settings.get("attempt_limit") or 0
        return max(0, limit - self.attempts) if limit else None

    @property
    def can_start(self) -> bool:
        return self.open_attempt is None and not self.passed and self.attempts_left != 0


def _choices(question, order: list[str] | None = None) -> list[ChoiceView]:
    """The options a learner sees, in the attempt's order: ids and text only, never whether they are correct."""
    if question.block_type == "true_false":
        return [ChoiceView(id="true", text=_("True")), ChoiceView(id="false", text=_("False"))]
    if question.block_type not in ("single_choice", "multiple_choice"):
        return []
    choices = {
        choice.id: ChoiceView(id=choice.id, text=choice.value["text"])
        for choice in question.value["choices"].bound_blocks
    }
    ordered = [choices.pop(choice_id) for choice_id in order or [] if choice_id in choices]
    return ordered + list(choices.values())


def _questions_of(block, attempt: QuizAttempt) -> list[QuestionView]:
    """The questions drawn for the attempt, in its order (every question for attempts recorded before draws)."""
    by_id = {question.id: question for question in block.value["questions"]}
    ids = [question_id for question_id in attempt.question_ids if question_id in by_id] or list(by_id)
    return [
        QuestionView(
            block=by_id[question_id], choices=_choices(by_id[question_id], attempt.choice_order.get(question_id))
        )
        for question_id in ids
    ]


def quiz_view(block, attempts: list[QuizAttempt]) -> QuizView:
    """The quiz as the learner sees it now: an open attempt's questions, or feedback on the latest one."""
    own = [attempt for attempt in attempts if attempt.quiz_block_id == block.id]
    submitted = [attempt for attempt in own if attempt.status == QuizAttempt.Status.SUBMITTED]
    quiz = QuizView(
        block=block,
        questions=[],
        attempts=len(submitted),
        passed=any(attempt.passed for attempt in submitted),
        open_attempt=next((attempt for attempt in own if attempt.status == QuizAttempt.Status.IN_PROGRESS), None),
    )
    if quiz.open_attempt is not None:
        quiz.questions = _questions_of(block, quiz.open_attempt)
    elif submitted:
        # Feedback on the latest attempt: only once it is submitted may the learner see what was right.
        quiz.feedback = submitted[-1]
        quiz.questions = _questions_of(block, quiz.feedback)
        for question in quiz.questions:
            answer = quiz.feedback.answers.get(question.block.id)
            chosen = {answer} if isinstance(answer, str) else set(answer or [])
            for choice in question.choices:
                choice.chosen = choice.id in chosen
            if question.kind == "short_answer" and isinstance(answer, str):
                question.answer_text = answer
            question.is_correct = quiz.feedback.correct.get(question.block.id)
    return quiz


def preview_attempt(block, answers: dict | None = None) -> QuizAttempt:
    """An attempt that is never saved, for an author trying the quiz in the editor's preview: open with
    every question when ``answers`` is None, else graded on them (``InvalidAnswers`` if they do not fit)."""
    question_ids = [question.id for question in block.value["questions"]]
    if answers is None:
        return QuizAttempt(quiz_block_id=block.id, status=QuizAttempt.Status.IN_PROGRESS, question_ids=question_ids)
    result = grade(answer_key(block), answers)
    return QuizAttempt(
        quiz_block_id=block.id,
        status=QuizAttempt.Status.SUBMITTED,
        question_ids=question_ids,
        answers=answers,
        correct=result.correct,
        score=result.score,
        passed=result.passed,
    )
