"""Writes of the statistics: rebuilt from the learning records as one transaction, then tidied."""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, DateField, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from courses.models import Enrolment
from courses.status import overdue_q, today
from people.models import Employee

from .models import StatsState, UnitHeadcount, UnitStats, UnitWeeklyCompletions


def _insert_select(model, columns: list[str], queryset) -> None:
    """INSERT ... SELECT of an aggregate queryset: the rows never travel through Python.

    ``columns`` name the target columns in the order the queryset selects them (values, then annotations).
    """
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    target = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({target}) {sql}", params)  # noqa: S608


@transaction.atomic
def refresh_report_stats(*, on: datetime.date | None = None) -> StatsState:
    """Rebuild the pre-aggregated statistics from the learning records, as one transaction.

    Readers keep seeing the previous figures until this commits; the state row is locked first, so
    two refreshes (two beat nodes, a manual run) queue up instead of interleaving their rows.
    """
    started = time.monotonic()
    on = on or today()
    StatsState.objects.get_or_create(pk=1)
    state = StatsState.objects.select_for_update().get(pk=1)
    UnitStats.objects.all().delete()
    UnitHeadcount.objects.all().delete()
    UnitWeeklyCompletions.objects.all().delete()
    current = Enrolment.objects.filter(is_current=True, learner__employee__isnull=False)
    counts = {"enrolments": Count("id"), "overdue": Count("id", filter=overdue_q(on))}
    _insert_select(
        UnitStats,
        ["org_unit_id", "course_id", "source", "status", "enrolments", "overdue"],
        current.values("learner__employee__org_unit_id", "course_id", "source", "status").annotate(**counts).order_by(),
    )
    _insert_select(
        UnitStats,
        ["org_unit_id", "grade", "source", "status", "enrolments", "overdue"],
        current.values("learner__employee__org_unit_id", "learner__employee__grade", "source", "status")
        .annotate(**counts)
        .order_by(),
    )
    # The per-unit rows are the per-course rows added up: no second pass over the enrolments.
    _insert_select(
        UnitStats,
        ["org_unit_id", "source", "status", "enrolments", "overdue"],
        UnitStats.objects.filter(course__isnull=False)
        .values("org_unit_id", "source", "status")
        .annotate(total=Sum("enrolments"), late=Sum("overdue"))
        .order_by(),
    )
    _insert_select(
        UnitHeadcount,
        ["org_unit_id", "grade", "employees"],
        Employee.objects.values("org_unit_id", "grade").annotate(n=Count("id")).order_by(),
    )
    weeks = settings.QUDRA_REPORTS_DASHBOARD_WEEKS
    first_week = on - datetime.timedelta(days=on.weekday() + 7 * (weeks - 1))
    start = timezone.make_aware(datetime.datetime.combine(first_week, datetime.time.min))
    _insert_select(
        UnitWeeklyCompletions,
        ["org_unit_id", "week_start", "completed"],
        current.filter(completed_at__gte=start)
        .annotate(week=TruncWeek("completed_at", output_field=DateField(), tzinfo=timezone.get_current_timezone()))
        .values("learner__employee__org_unit_id", "week")
        .annotate(n=Count("id"))
        .order_by(),
    )
    state.refreshed_at = timezone.now()
    state.as_of = on
    state.duration_ms = round((time.monotonic() - started) * 1000)
    state.save()
    return state


def tidy_report_stats() -> None:
    """VACUUM ANALYZE the statistics tables after a rebuild (PostgreSQL, outside a transaction).

    Every rebuild replaces all their rows; without this the indexes fill with dead entries between
    autovacuum runs and the planner works from stale row counts.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (UnitStats, UnitHeadcount, UnitWeeklyCompletions):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
