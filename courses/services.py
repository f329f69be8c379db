"""Every write to learning records (enrolling, starting and completing modules, quiz attempts), and the
scheduled publishing of course content."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audience import is_open_to
from .grading import InvalidAnswers, answer_key, grade
from .models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt, source_page
from .selectors import counted_module_ids, unmet_prerequisites
from .signals import course_completed


class NotEnrolled(Exception):
    """The learner has no current enrolment in the module's course."""


class EnrolmentRefused(Exception):
    """A new enrolment the rules do not allow; nothing was written."""


class PrerequisitesNotMet(EnrolmentRefused):
    """The learner has not completed every prerequisite of the course; ``missing`` lists them."""

    def __init__(self, missing: list[CoursePage]) -> None:
        super().__init__(", ".join(course.title for course in missing))
        self.missing = missing


class CourseNotOpen(EnrolmentRefused):
    """The course is not live or has no live module: there would be nothing to learn or complete."""


class NotInAudience(EnrolmentRefused):
    """The course is open to chosen ministries only, and the learner is not in one of them."""


@transaction.atomic
def enrol(
    *,
    learner: User,
    course: CoursePage,
    source: str = Enrolment.Source.SELF,
    due_date=None,
) -> Enrolment:
    """Return the learner's current enrolment in the course, creating it if there is none (idempotent).

    Raises ``CourseNotOpen``, ``NotInAudience`` or ``PrerequisitesNotMet`` (nothing written) when a new
    enrolment would be in a course with nothing to learn yet, in a course not open to the learner's
    ministry, or would skip a prerequisite, whoever asks for it: the learner, an assignment or a programme.
    """
    course = source_page(course)
    existing = Enrolment.objects.filter(learner=learner, course=course, is_current=True).first()
    if existing is not None:
        return existing
    if not counted_module_ids(course=course):
        raise CourseNotOpen(course.title)
    if not is_open_to(course=course, user=learner):
        raise NotInAudience(course.title)
    missing = unmet_prerequisites(user=learner, course=course)
    if missing:
        raise PrerequisitesNotMet(missing)
    try:
        with transaction.atomic():
            return Enrolment.objects.create(learner=learner, course=course, source=source, due_date=due_date)
    except IntegrityError:
        # Another request enrolled the same learner at the same moment: theirs is the enrolment.
        return Enrolment.objects.get(learner=learner, course=course, is_current=True)


@transaction.atomic
def start_new_cycle(*, enrolment: Enrolment, due_date=None) -> Enrolment | None:
    """Open the next cycle of a completed enrolment (recertification); the old cycle stays as history.

    Returns ``None`` when the enrolment is no longer the current one: another run already renewed it.
    """
    previous = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if not previous.is_current:
        return None
    previous.is_current = False
    previous.save(update_fields=["is_current"])
    return Enrolment.objects.create(
        learner_id=previous.learner_id,
        course_id=previous.course_id,
        cycle=previous.cycle + 1,
        source=previous.source,
        due_date=due_date,
    )


def _current_enrolment_for_update(*, learner: User, module: ModulePage) -> Enrolment:
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


def start_module(*, learner: User, module: ModulePage) -> ModuleProgress:
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
def _record_start(*, learner: User, module: ModulePage) -> ModuleProgress:
    enrolment = _current_enrolment_for_update(learner=learner, module=module)
    _mark_started(enrolment, timezone.now())
    progress, _created = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    return progress


def _course_rule_met(enrolment: Enrolment) -> bool:
    """Every counted module (``selectors.counted_module_ids``, the progress bar's rule) is completed;
    a course without live modules is never complete."""
    modules = counted_module_ids(course=enrolment.course)
    if not modules:
        return False
    completed = enrolment.progress.filter(completed_at__isnull=False, module_id__in=modules).values_list(
        "module_id", flat=True
    )
    return modules <= set(completed)


def _complete_course_if_met(enrolment: Enrolment, now) -> bool:
    """Complete the (locked) enrolment once, when the rule is met; returns whether it completed now."""
    if enrolment.completed_at is not None or not _course_rule_met(enrolment):
        return False
    enrolment.completed_at = now
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save(update_fields=["completed_at", "status"])
    course_completed.send(sender=Enrolment, enrolment=enrolment)
    return True


@transaction.atomic
def complete_module(*, learner: User, module: ModulePage) -> ModuleProgress:
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
    _complete_course_if_met(enrolment, now)
    return progress


def reevaluate_completions(*, course_id: int) -> int:
    """Complete every current enrolment of the course that meets the rule but is not completed; returns
    how many completed.

    A module unpublished, deleted or made optional can leave learners who did everything that still
    counts without a completion. Each candidate is completed under its row lock, like
    ``complete_module``, so a learner finishing at the same moment or a second run completes nobody twice.
    """
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return 0
    course = source_page(course)
    modules = counted_module_ids(course=course)
    if not modules:
        return 0
    candidates = (
        Enrolment.objects.filter(course=course, is_current=True, completed_at__isnull=True)
        .annotate(
            done=Count("progress", filter=Q(progress__completed_at__isnull=False, progress__module_id__in=modules))
        )
        .filter(done=len(modules))
        .values_list("id", flat=True)
    )
    return sum(_complete_enrolment_if_met(enrolment_id) for enrolment_id in list(candidates))


@transaction.atomic
def _complete_enrolment_if_met(enrolment_id: int) -> bool:
    enrolment = Enrolment.objects.select_for_update().filter(pk=enrolment_id, is_current=True).first()
    return enrolment is not None and _complete_course_if_met(enrolment, timezone.now())


def reevaluate_all_completions() -> int:
    """``reevaluate_completions`` for every course with an unfinished enrolment: the sweep behind the
    per-course runs that content changes enqueue, for a broker that was down when one was published."""
    course_ids = (
        Enrolment.objects.filter(is_current=True, completed_at__isnull=True)
        .values_list("course_id", flat=True)
        .distinct()
    )
    return sum(reevaluate_completions(course_id=course_id) for course_id in list(course_ids))


class QuizRefused(Exception):
    """A quiz action the rules do not allow; ``message`` says why, ``status`` is the HTTP status to answer with."""

    status = 400
    message = _("The quiz could not be submitted.")

    def __str__(self) -> str:
        return str(self.message)


class AttemptLimitReached(QuizRefused):
    status = 403
    message = _("You have used every attempt this quiz allows.")


class AttemptNotFound(QuizRefused):
    status = 404
    message = _("This quiz attempt does not exist.")


class NotYourAttempt(QuizRefused):
    status = 403
    message = _("This quiz attempt belongs to someone else.")


class AttemptAlreadySubmitted(QuizRefused):
    status = 409
    message = _("This attempt was already submitted. Start a new attempt to try again.")


class TimeLimitExceeded(QuizRefused):
    status = 403
    message = _("The time limit of this attempt has passed, so it can no longer be submitted.")


# Submissions a few seconds late still count: the request may have left the browser in time.
TIME_LIMIT_GRACE = timedelta(seconds=30)


def _quiz_of(module: ModulePage, quiz_block_id: str):
    """The quiz block of the module's source-language page (``KeyError`` if there is none)."""
    return {block.id: block for block in module.quizzes}[quiz_block_id]


def _submitted_attempts(enrolment: Enrolment, module: ModulePage, quiz_block_id: str) -> int:
    return QuizAttempt.objects.filter(
        enrolment=enrolment, module=module, quiz_block_id=quiz_block_id, status=QuizAttempt.Status.SUBMITTED
    ).count()


def _draw(quiz, rng: random.Random) -> tuple[list[str], dict[str, list[str]]]:
    """The questions of one attempt in the order shown, and each choice question's choices in order."""
    settings = quiz.value
    questions = list(settings["questions"])
    draw_count = settings.get("draw_count") or 0
    if draw_count and draw_count < len(questions):
        drawn = {question.id for question in rng.sample(questions, draw_count)}
        questions = [question for question in questions if question.id in drawn]
    if settings.get("shuffle_questions"):
        rng.shuffle(questions)
    choice_order = {}
    for question in questions:
        if question.block_type in ("single_choice", "multiple_choice"):
            choice_ids = [choice.id for choice in question.value["choices"].bound_blocks]
            if settings.get("shuffle_choices"):
                rng.shuffle(choice_ids)
            choice_order[question.id] = choice_ids
    return [question.id for question in questions], choice_order


def _close_expired(attempt: QuizAttempt, now) -> None:
    """An attempt left open past its time limit counts as a submitted attempt that scored nothing."""
    attempt.status = QuizAttempt.Status.SUBMITTED
    attempt.score = Decimal(0)
    attempt.passed = False
    attempt.submitted_at = now
    attempt.save(update_fields=["status", "score", "passed", "submitted_at"])
    progress, _created = ModuleProgress.objects.get_or_create(enrolment=attempt.enrolment, module=attempt.module)
    progress.attempts += 1
    if progress.best_score is None:
        progress.best_score = Decimal(0)
    progress.save(update_fields=["attempts", "best_score"])


def _expired(attempt: QuizAttempt, now) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + TIME_LIMIT_GRACE


@transaction.atomic
def start_quiz_attempt(
    *, learner: User, module: ModulePage, quiz_block_id: str, rng: random.Random | None = None
) -> QuizAttempt:
    """Open an attempt at a quiz, drawing and ordering its questions; an attempt already open is resumed.

    An open attempt past its time limit is closed first (scoring 0); when that was the last attempt
    allowed, the closed attempt is returned instead of a new one.

    Raises ``KeyError`` for an unknown quiz, ``NotEnrolled`` and ``AttemptLimitReached``.
    """
    source_module = source_page(module).specific
    quiz = _quiz_of(source_module, quiz_block_id)
    enrolment = _current_enrolment_for_update(learner=learner, module=source_module)
    now = timezone.now()
    open_attempt = QuizAttempt.objects.filter(
        enrolment=enrolment, module=source_module, quiz_block_id=quiz_block_id, status=QuizAttempt.Status.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        if not _expired(open_attempt, now):
            return open_attempt
        _close_expired(open_attempt, now)
    limit = quiz.value.get("attempt_limit") or 0
    if limit and _submitted_attempts(enrolment, source_module, quiz_block_id) >= limit:
        if open_attempt is not None:
            # Raising would roll back the closing: the expired attempt was the last one allowed.
            return open_attempt
        raise AttemptLimitReached
    _mark_started(enrolment, now)
    ModuleProgress.objects.get_or_create(enrolment=enrolment, module=source_module)
    question_ids, choice_order = _draw(quiz, rng or random.SystemRandom())
    minutes = quiz.value.get("time_limit") or 0
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        module=source_module,
        quiz_block_id=quiz_block_id,
        status=QuizAttempt.Status.IN_PROGRESS,
        started_at=now,
        deadline=now + timedelta(minutes=minutes) if minutes else None,
        question_ids=question_ids,
        choice_order=choice_order,
    )


@transaction.atomic
def submit_quiz(
    *,
    learner: User,
    module: ModulePage,
    quiz_block_id: str,
    attempt_id: int,
    answers: dict[str, str | list[str]],
) -> QuizAttempt:
    """Grade and record an open attempt; passing every quiz of the module completes the module.

    Raises ``KeyError`` for an unknown quiz, ``NotEnrolled``, a ``QuizRefused`` (limit, time, replay,
    someone else's attempt) or ``InvalidAnswers``; in each case nothing is written.
    """
    # Grade against the source-language page: correctness flags and points are never translated.
    source_module = source_page(module).specific
    quizzes = {block.id: block for block in source_module.quizzes}
    quiz = quizzes[quiz_block_id]
    translated = [block for block in module.specific.quizzes if block.id == quiz_block_id]
    # The enrolment row is the lock: two submissions of one attempt queue here, and the second finds it submitted.
    enrolment = _current_enrolment_for_update(learner=learner, module=source_module)
    attempt = QuizAttempt.objects.filter(id=attempt_id, module=source_module, quiz_block_id=quiz_block_id).first()
    if attempt is None:
        raise AttemptNotFound
    if attempt.enrolment_id != enrolment.pk:
        raise NotYourAttempt
    if attempt.status != QuizAttempt.Status.IN_PROGRESS:
        raise AttemptAlreadySubmitted
    now = timezone.now()
    if _expired(attempt, now):
        raise TimeLimitExceeded
    limit = quiz.value.get("attempt_limit") or 0
    if limit and _submitted_attempts(enrolment, source_module, quiz_block_id) >= limit:
        raise AttemptLimitReached
    key = answer_key(quiz, translations=translated).only(attempt.question_ids)
    if len(key.questions) != len(attempt.question_ids):
        # A question drawn for this attempt was deleted from the quiz since.
        raise InvalidAnswers("The quiz changed since this attempt started.")
    result = grade(key, answers)
    _mark_started(enrolment, now)
    attempt.answers = answers
    attempt.correct = result.correct
    attempt.score = result.score
    attempt.passed = result.passed
    attempt.status = QuizAttempt.Status.SUBMITTED
    attempt.submitted_at = now
    attempt.save(update_fields=["answers", "correct", "score", "passed", "status", "submitted_at"])
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


# Any constant of our own: the PostgreSQL advisory lock that lets one scheduled-publishing run at a time.
SCHEDULED_PUBLISHING_LOCK = 720_401


def publish_scheduled() -> bool:
    """Put live what was approved with a go-live time now past, and take down what has expired.

    Wagtail's own ``publish_scheduled`` does the work (pages and every other draft-state model). Two
    beat nodes, or a run that outlasts its minute, must not publish the same revision twice: on
    PostgreSQL a run that finds another holding the lock does nothing and returns False.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SCHEDULED_PUBLISHING_LOCK])
                if not cursor.fetchone()[0]:
                    return False
        call_command("publish_scheduled", stdout=io.StringIO())
    return True
