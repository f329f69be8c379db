"""What an enrolment's status is for a learner and for HR, defined once.

``Enrolment.status`` records what happened (not started, in progress, completed). "Overdue" depends
on the day it is judged on, so it is never stored: the Python function below judges one record, the
``Q``/``Case`` expressions judge rows in SQL, and both use the same rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Enrolment


class LearningStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    OVERDUE = "overdue", _("Overdue")


def today() -> datetime.date:
    """The day due dates are judged against, in the organisation's time zone."""
    return timezone.localdate()


def is_overdue(*, status: str, due_date: datetime.date | None, on: datetime.date) -> bool:
    """Not completed and its due date has passed (the due date itself is still on time)."""
    return due_date is not None and due_date < on and status != Enrolment.Status.COMPLETED


T = TypeVar("T")


def counted(modules: Sequence[T], *, required: Callable[[T], bool]) -> list[T]:
    """The modules a course's completion counts, from its source-language live modules: the required
    ones, or every one when none is marked required. The progress bar and the completion rule both
    read this, so what a learner sees at 100 % is what completes the course."""
    marked = [module for module in modules if required(module)]
    return marked or list(modules)


def progress_percent(*, completed: bool, done: int, counted: int) -> int:
    """The progress bar's figure, the same on every page and report: 100 once the course is complete,
    otherwise the share of counted modules done, rounded half to even and never 100 before completion."""
    if completed:
        return 100
    return min(99, round(100 * done / counted)) if counted else 0


def learning_status(enrolment: Enrolment, *, on: datetime.date | None = None) -> LearningStatus:
    if is_overdue(status=enrolment.status, due_date=enrolment.due_date, on=on or today()):
        return LearningStatus.OVERDUE
    return LearningStatus(enrolment.status)


def overdue_q(on: datetime.date | None = None, *, prefix: str = "") -> Q:
    """``is_overdue`` as a filter; ``prefix`` is the lookup path to the enrolment (e.g. ``"enrolment__"``)."""
    return Q(**{f"{prefix}due_date__lt": on or today()}) & ~Q(**{f"{prefix}status": Enrolment.Status.COMPLETED})


def learning_status_expression(on: datetime.date | None = None, *, prefix: str = "") -> Case:
    """``learning_status`` as an annotation."""
    return Case(
        When(overdue_q(on, prefix=prefix), then=Value(LearningStatus.OVERDUE.value)),
        default=F(f"{prefix}status"),
        output_field=models.CharField(),
    )


def urgency_key(enrolment: Enrolment) -> tuple:
    """Sort order of "My learning": by due date, so the longest overdue comes first and the nearest
    due date next; then courses without a due date, most recently enrolled first."""
    due = enrolment.due_date
    return (due is None, due or datetime.date.max, -enrolment.enrolled_at.timestamp())
