"""Background spreadsheet exports: asked for in a request, built by a worker, swept when a message is lost."""

from __future__ import annotations

import datetime
import logging
import tempfile

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from common.exports import XLSX, write_xlsx
from common.publishing import publish, publish_on_commit
from common.storage import private_storage

from .models import ExportJob
from .sources import source

logger = logging.getLogger(__name__)

EXPORT_FOLDER = "report-exports"
BUILD_EXPORT_TASK = "exports.tasks.build_export_task"


class TooManyExports(Exception):
    """The person already has ``QUDRA_EXPORTS_MAX_UNFINISHED_PER_USER`` exports waiting or being built."""


def unfinished_exports(user: User) -> int:
    return ExportJob.objects.filter(user=user, status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING]).count()


@transaction.atomic
def request_export(
    *, user: User, report: str, query: dict[str, list[str]], total_rows: int, language: str
) -> ExportJob:
    """Record a background export of ``report`` as filtered by ``query`` and publish it once committed.

    With the broker down the job stays pending and ``republish_stale_exports`` publishes it later.
    Raises ``TooManyExports`` when the person has as many unfinished exports as a person may: every
    export holds a worker for minutes, so one person must not fill the queue.
    """
    # The user's row is locked so that two requests at once cannot both pass the count.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if unfinished_exports(user) >= settings.QUDRA_EXPORTS_MAX_UNFINISHED_PER_USER:
        raise TooManyExports
    job = ExportJob.objects.create(
        user=user,
        report=report,
        query={**query, "_language": [language]},
        export_format=XLSX,
        total_rows=total_rows,
    )
    publish_on_commit(BUILD_EXPORT_TASK, str(job.pk))
    return job


def _record_progress(job_id, rows: int) -> None:
    # An UPDATE of its own (autocommit), so the status page sees it while the file is being written.
    ExportJob.objects.filter(pk=job_id).update(rows_written=rows)


def _claimable(job: ExportJob) -> bool:
    """Waiting or failed (a retry), or running for so long that its worker must be gone.

    A job another worker is building is left alone, so a message published twice (the request's and
    the sweep's) builds one file.
    """
    if job.status in (ExportJob.Status.PENDING, ExportJob.Status.FAILED):
        return True
    stale = timezone.now() - datetime.timedelta(seconds=settings.QUDRA_REPORTS_EXPORT_STALE_SECONDS)
    return job.status == ExportJob.Status.RUNNING and (job.started_at is None or job.started_at < stale)


def republish_stale_exports() -> int:
    """Publish again every export still waiting after a while, or running with no end: returns how many.

    Its first message may never have reached the broker (down when the export was asked for) or its
    worker died; building is idempotent, so a job published twice is built once.
    """
    now = timezone.now()
    waiting = now - datetime.timedelta(seconds=settings.QUDRA_REPORTS_EXPORT_REPUBLISH_SECONDS)
    stale = now - datetime.timedelta(seconds=settings.QUDRA_REPORTS_EXPORT_STALE_SECONDS)
    jobs = ExportJob.objects.filter(
        Q(status=ExportJob.Status.PENDING, created_at__lt=waiting)
        | Q(status=ExportJob.Status.RUNNING, started_at__lt=stale)
    ).values_list("pk", flat=True)
    published = 0
    for job_id in jobs:
        published += publish(BUILD_EXPORT_TASK, str(job_id))
    return published


def build_export(*, job_id) -> ExportJob | None:
    """Build the job's spreadsheet into private storage. Safe to run twice: a finished job is left alone.

    Not one transaction on purpose: progress must be visible while the rows are written. The job is
    claimed under a row lock, the file is stored under a new name, and only then is the job marked
    done, so a crash leaves a retryable job and at worst an orphaned file, never a half-written download.
    """
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not _claimable(job):
            return job
        job.status = ExportJob.Status.RUNNING
        job.error = ""
        job.started_at = timezone.now()
        job.save(update_fields=["status", "error", "started_at"])
    params = dict(job.query)
    language = (params.pop("_language", None) or ["ar"])[0]
    try:
        with translation.override(language):
            # The source decides rows and columns exactly as on screen, for the person who asked.
            rows_from = source(job.report)
            if not rows_from.allowed(job.user):
                raise PermissionDenied
            with tempfile.TemporaryFile() as output:
                written = write_xlsx(
                    rows_from.export_columns(),
                    rows_from.export_rows(user=job.user, params=params),
                    output,
                    title=str(rows_from.title),
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
