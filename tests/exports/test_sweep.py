"""A broker outage while an HR officer asks for a large export: the page answers, the job waits, the
sweep builds it once the broker is back, and a second message for the same job builds nothing."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook

from common.storage import private_storage
from courses.models import Enrolment
from exports import tasks
from exports.models import ExportJob
from exports.services import build_export, republish_stale_exports
from tests.builders.brokers import broker_down

URL = "/admin/hr-reports/learners/"


def _wait_past_the_republish_delay(job: ExportJob, settings) -> None:
    seconds = settings.QUDRA_REPORTS_EXPORT_REPUBLISH_SECONDS + 1
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(seconds=seconds))


def test_an_export_asked_for_with_the_broker_down_is_built_once_the_broker_is_back(
    hr_client, hr_a, world, settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS = 1  # every XLSX goes to the background
    eager_celery.conf.task_always_eager = False  # while the broker is down, publishing really fails
    with broker_down():
        with django_capture_on_commit_callbacks(execute=True):
            response = hr_client.post(f"{URL}?export=xlsx&history=on")
        assert response.status_code == 302
        job = ExportJob.objects.get()
        assert (job.user, job.status) == (hr_a, ExportJob.Status.PENDING)
        status_page = hr_client.get(response["Location"])
        assert status_page.status_code == 200
        assert "Your spreadsheet is being built" in status_page.content.decode()
        # A sweep while the broker is still down loses nothing: the job is still waiting.
        _wait_past_the_republish_delay(job, settings)
        assert republish_stale_exports() == 0
        job.refresh_from_db()
        assert job.status == ExportJob.Status.PENDING and not job.file_name

    # The broker is back: beat's sweep publishes the job, the worker builds it.
    assert settings.CELERY_BEAT_SCHEDULE["exports-sweep"]["task"] == tasks.sweep_exports_task.name
    eager_celery.conf.task_always_eager = True
    tasks.sweep_exports_task.apply()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    in_scope = Enrolment.objects.filter(learner__employee__org_unit__path__startswith=world.units["A"].path)
    with private_storage().open(job.file_name, "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.max_row == in_scope.count() + 1  # the heading, then every enrolment of ministry A
    assert job.rows_written == in_scope.count()
    download = hr_client.get(f"/admin/hr-reports/exports/{job.pk}/download/")
    assert download.status_code == 200

    # Nothing is left to sweep, and a late duplicate of the message builds nothing again.
    assert republish_stale_exports() == 0
    build_export(job_id=job.pk)
    assert ExportJob.objects.get(pk=job.pk).file_name == job.file_name
    assert ExportJob.objects.count() == 1


def test_a_job_being_built_is_left_to_its_worker_until_it_is_stale(hr_a, world, settings):
    started = timezone.now()
    job = ExportJob.objects.create(
        user=hr_a,
        report="learner-detail",
        query={"_language": ["en"]},
        status=ExportJob.Status.RUNNING,
        started_at=started,
    )
    assert build_export(job_id=job.pk).status == ExportJob.Status.RUNNING  # another worker has it
    assert republish_stale_exports() == 0
    stale = started - datetime.timedelta(seconds=settings.QUDRA_REPORTS_EXPORT_STALE_SECONDS + 1)
    ExportJob.objects.filter(pk=job.pk).update(started_at=stale)
    built = build_export(job_id=job.pk)  # its worker is gone: built again, to the end
    assert built.status == ExportJob.Status.DONE and private_storage().exists(built.file_name)
