"""Every write to learning records: enrolling, starting and completing modules, quiz attempts."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from .grading import answer_key, grade
from .models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt, source_page
from .signals import course_completed


class NotEnrolled(Exception):
    """The learner has no current enrolment in the module's course."""


@transaction.atomic
def enrol(
    *,
    learner: AbstractBaseUser,
    course: CoursePage,
    source: str = Enrolment.Source.SELF,
    due_date=None,
) -> Enrolment:
    """Return the learner's current enrolment in the course, creating it if there is none (idempotent)."""
    course = source_page(course)
    existing = Enrolment.objects.filter(learner=learner, course=course, is_current=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(learner=learner, course=course, source=source, due_date=due_date)
    except IntegrityError:
        # Another request enrolled the same learner at the same moment: theirs is the enrolment.
        return Enrolment.objects.get(learner=learner, course=course, is_current=True)


def _current_enrolment_for_update(*, learner: AbstractBaseUser, module: ModulePage) -> Enrolment:
    course = source_page(module.get_parent().specific)
    enrolment = Enrolment.objects.select_for_update().filter(learner=learner, course=course, is_current=True).first()
    if enrolment is None:
        raise NotEnrolled
    return enrolment


def _mark_started(enrolment: Enrolment, now) -> None:
    if enrolment.started_at is None:
        enrolment.started_at = now
        enrolment.status = Enrolment.Status.IN_PROGRESS
        enrolment.save(update_fields=["started_at", "status"])


def start_module(*, learner: AbstractBaseUser, module: ModulePage) -> ModuleProgress:
    """Record that the learner opened a module (first time only)."""
    module = source_page(module)
    # Every visit to a module comes here: a module opened before needs no lock and no write
    # transaction (on SQLite a write transaction holds the whole database).
    opened = ModuleProgress.objects.filter(
        enrolment__learner=learner, enrolment__is_current=True, module=module
    ).first()
    if opened is not None:
        return opened
    return _record_start(learner=learner, module=module)


@transaction.atomic
def _record_start(*, learner: AbstractBaseUser, module: ModulePage) -> ModuleProgress:
    enrolment = _current_enrolment_for_update(learner=learner, module=module)
    _mark_started(enrolment, timezone.now())
    progress, _created = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    return progress


def _course_rule_met(enrolment: Enrolment) -> bool:
    """Every required live module is completed; a course that marks none as required needs all of them.

    This is the rule the progress bar shows (``Outline.counted``). Unpublished modules do not count,
    and a course without live modules is never complete.
    """
    modules = list(ModulePage.objects.child_of(enrolment.course).live().values_list("id", "required"))
    counted = {module_id for module_id, required in modules if required} or {module_id for module_id, _ in modules}
    if not counted:
        return False
    completed = enrolment.progress.filter(completed_at__isnull=False, module_id__in=counted).values_list(
        "module_id", flat=True
    )
    return counted <= set(completed)


@transaction.atomic
def complete_module(*, learner: AbstractBaseUser, module: ModulePage) -> ModuleProgress:
    """Mark a module complete and, when the course's rule is met, complete the course once.

    The enrolment row is locked for the whole transaction, so concurrent completions of the last
    module serialise here and exactly one of them sees the course incomplete and completes it.
    """
    module = source_page(module)
    enrolment = _current_enrolment_for_update(learner=learner, module=module)
    now = timezone.now()
    _mark_started(enrolment, now)
    progress, _created = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    if progress.completed_at is None:
        progress.completed_at = now
        progress.save(update_fields=["completed_at"])
    if enrolment.completed_at is None and _course_rule_met(enrolment):
        enrolment.completed_at = now
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.save(update_fields=["completed_at", "status"])
        course_completed.send(sender=Enrolment, enrolment=enrolment)
    return progress


@transaction.atomic
def submit_quiz(
    *, learner: AbstractBaseUser, module: ModulePage, quiz_block_id: str, answers: dict[str, str]
) -> QuizAttempt:
    """Grade and record a quiz attempt; passing every quiz of the module completes the module.

    Raises ``KeyError`` for an unknown quiz, ``InvalidAnswers`` for answers that do not fit it and
    ``NotEnrolled``; in each case nothing is written.
    """
    # Grade against the source-language page: answer keys are never translated.
    source_module = source_page(module).specific
    quizzes = {block.id: block for block in source_module.quizzes}
    result = grade(answer_key(quizzes[quiz_block_id]), answers)
    enrolment = _current_enrolment_for_update(learner=learner, module=source_module)
    _mark_started(enrolment, timezone.now())
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment,
        module=source_module,
        quiz_block_id=quiz_block_id,
        answers=answers,
        score=result.score,
        passed=result.passed,
    )
    progress, _created = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=source_module)
    progress.attempts += 1
    if progress.best_score is None or result.score > progress.best_score:
        progress.best_score = result.score
    progress.save(update_fields=["attempts", "best_score"])
    passed_quizzes = set(
        QuizAttempt.objects.filter(enrolment=enrolment, module=source_module, passed=True).values_list(
            "quiz_block_id", flat=True
        )
    )
    if set(quizzes) <= passed_quizzes:
        complete_module(learner=learner, module=source_module)
    return attempt
