"""People imports as background jobs: checked and stored in the request, imported by a worker.

An upload is read, decoded and its header checked in the request (a file that cannot be read is
refused at once, with its line), then kept in private storage with a ``PeopleImportJob`` and a task
published once the job is committed. The worker runs the same all-or-nothing import, in one
transaction that also marks the job done, so a worker killed halfway leaves nothing written and a
job the sweep publishes again. The files are deleted once the job is finished, whatever the outcome.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from common.publishing import publish, publish_on_commit
from common.storage import private_storage

from .imports import ImportFailed, ImportResult, check_uploads, import_people
from .models import PeopleImportJob

logger = logging.getLogger(__name__)

IMPORT_FOLDER = "people-imports"
RUN_IMPORT_TASK = "people.tasks.run_people_import_task"
Upload = tuple[str, bytes]


@transaction.atomic
def start_import(
    *, user: User, units: Upload | None, employees: Upload | None, dry_run: bool, language: str
) -> PeopleImportJob:
    """Check the files can be read (ImportFailed, nothing stored, if not), store them and queue the import."""
    rows = check_uploads(units=units, employees=employees)
    job = PeopleImportJob.objects.create(created_by=user, dry_run=dry_run, language=language, total_rows=rows)
    storage = private_storage()
    if units is not None:
        job.units_name = units[0][:255]
        job.units_file = storage.save(f"{IMPORT_FOLDER}/{job.pk}/units.csv", ContentFile(units[1]))
    if employees is not None:
        job.employees_name = employees[0][:255]
        job.employees_file = storage.save(f"{IMPORT_FOLDER}/{job.pk}/employees.csv", ContentFile(employees[1]))
    job.save(update_fields=["units_name", "units_file", "employees_name", "employees_file"])
    publish_on_commit(RUN_IMPORT_TASK, str(job.pk))
    return job


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.QUDRA_IMPORT_STALE_SECONDS)


def _claim(job_id: str) -> PeopleImportJob | None:
    """The job, marked running, if it waits or its worker is gone; None if another has it or it is finished."""
    with transaction.atomic():
        job = PeopleImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return None
        if job.status == PeopleImportJob.Status.RUNNING and job.started_at and job.started_at > _stale_before():
            return None
        job.status, job.stage, job.started_at = PeopleImportJob.Status.RUNNING, "", timezone.now()
        job.save(update_fields=["status", "stage", "started_at"])
    return job


def _finish(job: PeopleImportJob, status: str, **fields) -> None:
    PeopleImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), **fields)


def _outcome(result: ImportResult) -> dict:
    return {"result": result.counts(), "skipped": [str(problem) for problem in result.skipped]}


def _read(name: str, shown_as: str) -> tuple[str, bytes] | None:
    if not name:
        return None
    with private_storage().open(name, "rb") as handle:
        return shown_as, handle.read()


def run_import(*, job_id: str) -> None:
    """Run the job's import. Safe to run twice: a finished job, or one another worker is running, is left alone."""
    job = _claim(job_id)
    if job is None:
        return
    with translation.override(job.language):
        try:
            result = import_people(
                units=_read(job.units_file, job.units_name),
                employees=_read(job.employees_file, job.employees_name),
                dry_run=job.dry_run,
                actor=job.created_by,
                on_stage=lambda stage: PeopleImportJob.objects.filter(pk=job.pk).update(stage=stage),
                # Marked done in the import's own transaction: the import and its outcome commit together.
                on_written=lambda result: _finish(job, PeopleImportJob.Status.DONE, **_outcome(result)),
            )
            if job.dry_run:
                _finish(job, PeopleImportJob.Status.DONE, **_outcome(result))
        except ImportFailed as failure:
            _finish(job, PeopleImportJob.Status.REJECTED, errors=failure.messages)
        except Exception:
            logger.exception("People import %s failed", job.pk)
            _finish(job, PeopleImportJob.Status.FAILED, errors=[gettext("The import could not be run.")])
    _delete_files(job)


def _delete_files(job: PeopleImportJob) -> None:
    storage = private_storage()
    for name in job.stored_files():
        if storage.exists(name):
            storage.delete(name)
    PeopleImportJob.objects.filter(pk=job.pk).update(units_file="", employees_file="")


def republish_stale_imports() -> int:
    """Publish again the imports still waiting after a while, or running with no end: returns how many."""
    waiting = timezone.now() - datetime.timedelta(seconds=settings.QUDRA_IMPORT_REPUBLISH_SECONDS)
    jobs = PeopleImportJob.objects.filter(
        Q(status=PeopleImportJob.Status.PENDING, created_at__lt=waiting)
        | Q(status=PeopleImportJob.Status.RUNNING, started_at__lt=_stale_before())
    ).values_list("pk", flat=True)
    return sum(publish(RUN_IMPORT_TASK, str(job_id)) for job_id in jobs)
