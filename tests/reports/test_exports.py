"""Exports carry exactly the rows on screen, neutralise formulas, and large XLSX files are built in the background."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from common.exports import csv_chunks, csv_heading, row_values
from common.storage import private_storage
from courses.models import Enrolment
from exports.models import ExportJob
from exports.services import build_export, purge_old_exports
from reports import bulk_exports
from reports.learners import LEARNERS, learner_rows
from tests.conftest import requires_postgres
from tests.factories import EmployeeFactory, UserFactory

REPORTS = {
    "hr_report_completion": [{}, {"org_unit": "A1"}, {"status": "overdue"}],
    "hr_report_learners": [{}, {"status": "in_progress"}, {"org_unit": "A1"}, {"grade": "7", "ordering": "-name_en"}],
    "hr_report_transcripts": [{}, {"org_unit": "A1"}, {"q": "Alpha T"}],
}


def _query(world, query: dict) -> dict:
    return {key: world.units[value].pk if key == "org_unit" else value for key, value in query.items()}


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM lets Excel read Arabic correctly"
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(content: bytes) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content))
    return [tuple(cell.value for cell in row) for row in workbook.active.iter_rows()]


@pytest.mark.parametrize("report", list(REPORTS))
def test_exports_have_exactly_the_rows_on_screen(hr_client, world, report):
    url = reverse(f"{report}:index")
    for query in REPORTS[report]:
        query = _query(world, query)
        screen = hr_client.get(url, query)
        on_screen = screen.context["paginator"].count
        assert on_screen == len(screen.context["object_list"]) > 0
        from_csv = csv_rows(hr_client.get(url, {**query, "export": "csv"}))
        xlsx = hr_client.get(url, {**query, "export": "xlsx"})
        from_xlsx = xlsx_rows(b"".join(xlsx.streaming_content))
        assert len(from_csv) - 1 == len(from_xlsx) - 1 == on_screen, query
        assert from_csv[0] == [str(heading) for heading in from_xlsx[0]]


def test_learner_export_columns(hr_client, world):
    header, *rows = csv_rows(hr_client.get("/admin/hr-reports/learners/", {"export": "csv", "status": "overdue"}))
    assert header == [
        "Employee number",
        "Name (Arabic)",
        "Name (English)",
        "Grade",
        "Organisation unit",
        "Course",
        "Cycle",
        "Status",
        "Mandatory",
        "Progress %",
        "Due date",
        "Completed",
        "Overdue",
        "Certificate code",
    ]
    (row,) = rows
    assert row[:10] == [
        "A-002",
        "ألفا اثنان",
        "Alpha Two",
        "8",
        "Alpha Directorate One",
        "Digital transformation",
        "1",
        "Not started",
        "Yes",
        "0",
    ]
    assert row[12] == "Yes"


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_formulas_are_neutralised_in_csv_and_xlsx(hr_client, world, hostile):
    employee = EmployeeFactory(
        user=UserFactory(username="hostile"),
        employee_number="A-666",
        full_name_en=hostile,
        full_name_ar=hostile,
        org_unit=world.units["A2"],
    )
    Enrolment.objects.create(learner=employee.user, course=world.courses[0])
    url = "/admin/hr-reports/learners/"
    only_hostile = {"org_unit": world.units["A2"].pk, "status": "not_started"}
    (row,) = csv_rows(hr_client.get(url, {**only_hostile, "export": "csv"}))[1:]
    assert row[2] == "'" + hostile
    response = hr_client.get(url, {**only_hostile, "export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = workbook.active["C2"]
    assert cell.value == "'" + hostile
    assert cell.data_type == "s"


def test_large_xlsx_is_built_in_the_background_with_progress(
    hr_client, world, hr_a, settings, django_capture_on_commit_callbacks
):
    settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS = 2
    url = "/admin/hr-reports/learners/"
    on_screen = hr_client.get(url, {"org_unit": world.units["A"].pk}).context["paginator"].count
    query = f"?export=xlsx&org_unit={world.units['A'].pk}&p=3"
    # A GET only asks to confirm (a link followed by a crawler or a prefetch starts nothing).
    confirm = hr_client.get(url + query)
    assert confirm.status_code == 200 and not ExportJob.objects.exists()
    assert 'method="post"' in confirm.content.decode() and f"{on_screen} rows" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = hr_client.post(url + query)
    job = ExportJob.objects.get(user=hr_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("hr_report_exports:status", args=[job.pk])
    assert len(callbacks) == 1, "the build is enqueued once the job is committed"
    assert (job.status, job.total_rows) == (ExportJob.Status.PENDING, on_screen)
    assert job.query == {"org_unit": [str(world.units["A"].pk)], "_language": ["en"]}

    waiting = hr_client.get(response["Location"]).content.decode()
    assert "<progress" in waiting and 'http-equiv="refresh"' in waiting

    build_export(job_id=job.pk)  # what the Celery worker runs
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    ready = hr_client.get(response["Location"]).content.decode()
    download_url = reverse("hr_report_exports:download", args=[job.pk])
    assert download_url in ready and 'http-equiv="refresh"' not in ready
    download = hr_client.get(download_url)
    assert download.status_code == 200
    assert len(xlsx_rows(b"".join(download.streaming_content))) - 1 == on_screen

    # Running the task again (a redelivered message) changes nothing.
    assert build_export(job_id=job.pk).file_name == job.file_name


def test_export_job_download_waits_until_ready(hr_client, hr_a):
    job = ExportJob.objects.create(user=hr_a, report="learner-detail", total_rows=10)
    assert hr_client.get(reverse("hr_report_exports:download", args=[job.pk]), follow=True).status_code == 404


@requires_postgres
def test_database_computed_export_equals_the_python_one(client, world, hr_a, administrator):
    """On PostgreSQL the learner-detail export is computed by the database; it must say exactly what the
    portable Python path says, row for row and byte for byte, in both languages."""
    first = world.enrolments["a3_first"]
    EmployeeFactory(
        user=UserFactory(username="formula"), employee_number="=1+1", full_name_en="@x", org_unit=world.units["A2"]
    )
    Enrolment.objects.filter(pk=first.pk).update(due_date=None)
    for user in (hr_a, administrator):
        for language in ("en", "ar"):
            for query in ({}, {"history": "on", "ordering": "-due"}, {"status": "in_progress", "ordering": "course"}):
                with translation.override(language):
                    queryset = LEARNERS.rows(LEARNERS.query(user=user, params={k: [v] for k, v in query.items()}))
                    columns = LEARNERS.export_columns()
                    accessors = [column.accessor for column in columns]
                    fast = b"".join(bulk_exports.csv_body(queryset, accessors=accessors))
                    portable = b"".join(csv_chunks(columns, row_values(columns, learner_rows(queryset))))
                    heading = csv_heading(columns)
                    assert heading + fast == portable, (user, language, query)
                    typed = list(bulk_exports.typed_rows(queryset, accessors=accessors))
                    assert len(typed) == fast.count(b"\n")


def test_xlsx_keeps_numbers_and_dates_typed(hr_client, world):
    response = hr_client.get(
        "/admin/hr-reports/learners/", {"export": "xlsx", "status": "completed", "ordering": "number"}
    )
    header, first, *_rest = xlsx_rows(b"".join(response.streaming_content))
    row = dict(zip(header, first, strict=True))
    assert row["Employee number"] == "A-001"
    assert row["Progress %"] == 100 and row["Cycle"] == 2
    assert isinstance(row["Completed"], datetime.datetime)
    assert isinstance(row["Due date"], datetime.datetime)  # Excel has no date-only type; openpyxl reads a datetime
    assert row["Due date"].date() == world.enrolments["a1_first"].due_date


def test_old_exports_are_purged_with_their_files(hr_a):
    storage = private_storage()
    name = storage.save("report-exports/old.xlsx", ContentFile(b"x"))
    old = ExportJob.objects.create(user=hr_a, report="learner-detail", status=ExportJob.Status.DONE, file_name=name)
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    recent = ExportJob.objects.create(user=hr_a, report="learner-detail")
    assert purge_old_exports() == 1
    assert list(ExportJob.objects.all()) == [recent]
    assert not storage.exists(name)
