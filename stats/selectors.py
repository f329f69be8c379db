"""Reads of the statistics: fresh enough to show, and able to answer the filters, or None.

A caller that gets None counts live from the learning records instead; the figures say how old they
are (``as_of``) when they come from here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone

from courses.models import Enrolment
from courses.status import LearningStatus, today
from people.models import OrgUnit
from people.scope import VIA_EMPLOYEE, User, org_scope_q

from .models import StatsState, UnitHeadcount, UnitStats, UnitWeeklyCompletions

OVERDUE = LearningStatus.OVERDUE.value


@dataclass(frozen=True)
class SummaryFilters:
    """The filter values the summary needs to know about to pick its source of counts."""

    course: int | None = None  # course page id
    skill_area: str = ""
    status: str = ""
    mandatory: bool = False
    grade: str = ""
    has_dates: bool = False


def fresh_stats_state() -> StatsState | None:
    """The statistics' state if they were rebuilt recently enough to be shown, else None."""
    max_age = settings.QUDRA_REPORTS_STATS_MAX_AGE_SECONDS
    if max_age <= 0:
        return None
    cutoff = timezone.now() - datetime.timedelta(seconds=max_age)
    return StatsState.objects.filter(pk=1, refreshed_at__gte=cutoff).first()


@dataclass
class UnitCounts:
    """Headcount and enrolment counts keyed by each employee's own unit id."""

    headcount: dict[int, int]
    # unit id -> (enrolled, not started, in progress, completed, overdue)
    enrolments: dict[int, tuple[int, int, int, int, int]]
    as_of: datetime.datetime | None = None


@dataclass
class WeekCount:
    week_start: datetime.date
    completed: int


def week_dates(weeks: int) -> list[datetime.date]:
    current = today()
    first = current - datetime.timedelta(days=current.weekday() + 7 * (weeks - 1))
    return [first + datetime.timedelta(weeks=index) for index in range(weeks)]


def _stats_rows(*, user: User, parent: OrgUnit | None, filters: SummaryFilters) -> QuerySet[UnitStats]:
    """The statistics rows that answer the filters: per course, per grade, or per unit alone."""
    rows = UnitStats.objects.filter(org_scope_q(user, VIA_EMPLOYEE))
    if parent is not None:
        rows = rows.filter(org_unit__path__startswith=parent.path)
    if filters.course or filters.skill_area:
        rows = rows.filter(course__isnull=False)
        if filters.course:
            rows = rows.filter(course_id=filters.course)
        if filters.skill_area:
            rows = rows.filter(course__skill_area=filters.skill_area)
    elif filters.grade:
        rows = rows.filter(grade=filters.grade)
    else:
        rows = rows.filter(course__isnull=True, grade__isnull=True)
    if filters.mandatory:
        rows = rows.filter(source=Enrolment.Source.ASSIGNED)
    if filters.status and filters.status != OVERDUE:
        rows = rows.filter(status=filters.status)
    return rows


def stats_unit_counts(*, user: User, parent: OrgUnit | None, filters: SummaryFilters) -> UnitCounts | None:
    """Counts from the pre-aggregated statistics, or None when they are stale or cannot answer the filters.

    Date ranges, and a course (or skill area) combined with a grade, are not pre-aggregated: the
    caller counts those live.
    """
    by_course = bool(filters.course or filters.skill_area)
    if filters.has_dates or (by_course and filters.grade):
        return None
    state = fresh_stats_state()
    if state is None:
        return None
    rows = _stats_rows(user=user, parent=parent, filters=filters)
    people = UnitHeadcount.objects.filter(org_scope_q(user, VIA_EMPLOYEE))
    if parent is not None:
        people = people.filter(org_unit__path__startswith=parent.path)
    if filters.grade:
        people = people.filter(grade=filters.grade)
    positions = {Enrolment.Status.NOT_STARTED: 1, Enrolment.Status.IN_PROGRESS: 2, Enrolment.Status.COMPLETED: 3}
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for unit_id, status, enrolled, overdue in (
        rows.values_list("org_unit_id", "status").annotate(n=Sum("enrolments"), o=Sum("overdue")).order_by()
    ):
        if filters.status == OVERDUE:
            # Only the overdue enrolments count, each under its own status.
            enrolled = overdue
        line = counts[unit_id]
        line[0] += enrolled
        line[positions[status]] += enrolled
        line[4] += overdue
    headcount = dict(people.values_list("org_unit_id").annotate(n=Sum("employees")).order_by())
    return UnitCounts(
        headcount=headcount,
        enrolments={unit_id: (line[0], line[1], line[2], line[3], line[4]) for unit_id, line in counts.items()},
        as_of=state.refreshed_at,
    )


def stats_completions_per_week(*, user: User, parent: OrgUnit | None, weeks: int = 12) -> list[WeekCount] | None:
    """The same from the pre-aggregated statistics, or None when they are not fresh."""
    if fresh_stats_state() is None:
        return None
    dates = week_dates(weeks)
    rows = UnitWeeklyCompletions.objects.filter(org_scope_q(user, VIA_EMPLOYEE), week_start__gte=dates[0])
    if parent is not None:
        rows = rows.filter(org_unit__path__startswith=parent.path)
    counts = dict(rows.values_list("week_start").annotate(n=Sum("completed")).order_by())
    return [WeekCount(week_start=week, completed=counts.get(week, 0)) for week in dates]
