"""Writes of the reports app: background exports and the pre-aggregated statistics."""

from __future__ import annotations

import datetime
import logging
import tempfile
import time

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Count, DateField, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone, translation
from django.utils.translation import gettext

from common.exports import XLSX, write_xlsx
from common.storage import private_storage
from courses.models import Enrolment
from people.models import Employee

from .models import ExportJob, StatsState, UnitHeadcount, UnitStats, UnitWeeklyCompletions

logger = logging.getLogger(__name__)

EXPORT_FOLDER = "report-exports"


@transaction.atomic
def request_export(
    *, user: AbstractBaseUser, report: str, query: dict[str, list[str]], total_rows: int, language: str
) -> ExportJob:
    """Record a background export of ``report`` as filtered by ``query``; the caller enqueues it on commit."""
    return ExportJob.objects.create(
        user=user,
        report=report,
        query={**query, "_language": [language]},
        export_format=XLSX,
        total_rows=total_rows,
    )


def _record_progress(job_id, rows: int) -> None:
    # An UPDATE of its own (autocommit), so the status page sees it while the file is being written.
    ExportJob.objects.filter(pk=job_id).update(rows_written=rows)


def build_export(*, job_id) -> ExportJob | None:
    """Build the job's spreadsheet into private storage. Safe to run twice: a finished job is left alone.

    Not one transaction on purpose: progress must be visible while the rows are written. The job is
    claimed under a row lock, the file is stored under a new name, and only then is the job marked
    done, so a crash leaves a retryable job and at worst an orphaned file, never a half-written download.
    """
    from .views import build_report_view  # the report decides rows and columns, exactly as on screen

    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status == ExportJob.Status.DONE:
            return job
        job.status = ExportJob.Status.RUNNING
        job.error = ""
        job.save(update_fields=["status", "error"])
    query = dict(job.query)
    language = (query.pop("_language", None) or ["ar"])[0]
    try:
        with translation.override(language):
            view = build_report_view(job.report, user=job.user, query=query)
            columns = view.export_columns()
            with tempfile.TemporaryFile() as output:
                written = write_xlsx(
                    columns,
                    view.export_values(),
                    output,
                    title=str(view.get_page_title()),
                    on_progress=lambda rows: _record_progress(job.pk, rows),
                )
                output.seek(0)
                name = private_storage().save(f"{EXPORT_FOLDER}/{job.pk}.xlsx", File(output))
    except Exception as error:
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=gettext("The export could not be built."), finished_at=timezone.now()
        )
        raise error
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        file_name=name,
        rows_written=written,
        total_rows=written,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


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
    from .selectors import overdue_q, today

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


def purge_old_exports(*, older_than: datetime.timedelta | None = None) -> int:
    """Delete export jobs (and their files) older than the retention period; returns how many."""
    if older_than is None:
        older_than = datetime.timedelta(days=settings.QUDRA_REPORTS_EXPORT_RETENTION_DAYS)
    storage = private_storage()
    expired = ExportJob.objects.filter(created_at__lt=timezone.now() - older_than)
    count = 0
    for job in expired.iterator():
        if job.file_name and storage.exists(job.file_name):
            storage.delete(job.file_name)
        job.delete()
        count += 1
    return count
