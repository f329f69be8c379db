"""The HR dashboard on the admin home: completion and overdue per unit, completions per week."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, DateField, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from courses.models import Enrolment
from people.scope import User, scoped_employees
from stats.selectors import SummaryFilters, WeekCount, stats_completions_per_week, stats_unit_counts, week_dates

from .selectors import scoped_enrolments, top_units
from .summary import Summary, completion_summary, live_unit_counts


def completions_per_week(enrolments: QuerySet[Enrolment], *, weeks: int = 12) -> list[WeekCount]:
    """Completions in each of the last ``weeks`` weeks (Monday to Sunday, local time), oldest first."""
    dates = week_dates(weeks)
    start = timezone.make_aware(datetime.datetime.combine(dates[0], datetime.time.min))
    counts = dict(
        enrolments.filter(completed_at__gte=start)
        .annotate(week=TruncWeek("completed_at", output_field=DateField(), tzinfo=timezone.get_current_timezone()))
        .values_list("week")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [WeekCount(week_start=week, completed=counts.get(week, 0)) for week in dates]


@dataclass
class Dashboard:
    scope_label: str
    summary: Summary
    weeks: list[WeekCount]


def dashboard(user: User) -> Dashboard:
    """What the admin home shows an HR officer: their units' completion and overdue, and weekly completions.

    With a single scope root the bars are its child units (the ministry's directorates); with several,
    or for an administrator, the top units themselves.
    """
    roots = top_units(user)
    parent = roots[0] if len(roots) == 1 else None
    enrolments = scoped_enrolments(user)
    if parent is not None:
        enrolments = enrolments.filter(learner__employee__org_unit__path__startswith=parent.path)
    counts = stats_unit_counts(user=user, parent=parent, filters=SummaryFilters()) or live_unit_counts(
        enrolments=enrolments, employees=scoped_employees(user)
    )
    summary = completion_summary(user=user, parent=parent, counts=counts)
    label = parent.name if parent is not None else ", ".join(unit.name for unit in roots[:3])
    if parent is None and len(roots) > 3:
        label += " …"
    weeks = stats_completions_per_week(user=user, parent=parent) or completions_per_week(enrolments)
    return Dashboard(scope_label=label, summary=summary, weeks=weeks)
