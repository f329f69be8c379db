"""Every spreadsheet the project serves, CSV or XLSX, makes formula-like text inert (``common.exports.neutralise``).

Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is put into every field that reaches an
export, then each exporter is downloaded and every cell read back (XLSX with openpyxl): no text cell may
start with one of those characters unless it is a number. A guard at the end lists the modules that write
CSV or XLSX, so a new exporter has to be added here.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import Certificate
from common.exports import FORMULA_PREFIXES
from common.storage import private_storage
from courses.models import Enrolment, QuizAttempt
from exports.models import ExportJob
from exports.services import build_export
from external_training.models import ExternalTraining
from feedback.models import Feedback
from impact.models import OpenDataSnapshot
from impact.opendata import FIELDS
from people.services import ADMINISTRATORS, ensure_roles
from tests.factories import EmployeeFactory, UserFactory, add_course, make_org_unit

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
ROOT = Path(__file__).resolve().parents[2]


def unsafe(cell) -> bool:
    """Text a spreadsheet would run: starts like a formula and is not simply a (negative) number."""
    if not isinstance(cell, str) or not cell.startswith(FORMULA_PREFIXES):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row]


def xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def body(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def hostile_world(catalogue):
    """One learner, enrolment, certificate, quiz attempt, feedback and external record per hostile text."""
    ensure_roles(catalogue=catalogue)
    ministry = make_org_unit("alpha", name_en=HOSTILE[0], name_ar=HOSTILE[1])
    for index, text in enumerate(HOSTILE):
        course = add_course(catalogue, title=text, modules=1)
        module = course.get_children().specific().first()
        module.title = text
        module.save_revision().publish()
        employee = EmployeeFactory(
            user=UserFactory(username=f"hostile{index}"),
            employee_number=f"{text[:20]}{index}",
            full_name_en=text,
            full_name_ar=text,
            job_title=text,
            grade=text[:32],
            org_unit=ministry,
        )
        enrolment = Enrolment.objects.create(learner=employee.user, course=course)
        Feedback.objects.create(enrolment=enrolment, rating=4, comment=text, language="en")
        QuizAttempt.objects.create(enrolment=enrolment, module=module, quiz_block_id=text[:64], score=50)
        Certificate.objects.create(
            enrolment=enrolment,
            holder=employee.user,
            course=course,
            holder_name_ar=text,
            holder_name_en=text,
            course_title_ar=text,
            course_title_en=text,
            issued_on=timezone.localdate(),
            status=Certificate.Status.ISSUED,
        )
        ended = timezone.localdate() - datetime.timedelta(days=3)
        ExternalTraining.objects.create(
            learner=employee.user,
            title=text,
            provider=text,
            started_on=ended,
            completed_on=ended,
            hours=Decimal("2.5"),
            evidence=ContentFile(b"%PDF-1.4", name="evidence.pdf"),
            evidence_name=text,
        )
    OpenDataSnapshot.objects.create(
        published_on=timezone.localdate(),
        published_at=timezone.now(),
        minimum_cell=5,
        rows=[dict.fromkeys(FIELDS, text) | {"average_uplift": -3, "suppressed": False} for text in HOSTILE],
    )
    return ministry


@pytest.fixture
def admin_client(client, hostile_world, roles_admin):
    client.force_login(roles_admin)
    return client


@pytest.fixture
def roles_admin(hostile_world):
    from django.contrib.auth.models import Group

    user = UserFactory(username="export.admin", is_superuser=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    EmployeeFactory(user=user, employee_number="ADM-1", org_unit=hostile_world)
    return user


ADMIN_EXPORTS = [
    ("hr_report_completion:index", {}),
    ("hr_report_learners:index", {}),
    ("hr_report_transcripts:index", {}),
    ("certificates_admin:index", {}),
    ("quiz_report:index", {}),
    ("course_feedback:index", {}),
]


@pytest.mark.parametrize(("url_name", "query"), ADMIN_EXPORTS)
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_admin_listings_export_inert_text(admin_client, url_name, query, export_format):
    content = body(admin_client.get(reverse(url_name), {**query, "export": export_format}))
    cells = csv_cells(content) if export_format == "csv" else xlsx_cells(content)
    assert [cell for cell in cells if unsafe(cell)] == []
    # Not vacuous: the hostile text is in the file, made inert.
    assert any(isinstance(cell, str) and cell.startswith(tuple("'" + text for text in HOSTILE)) for cell in cells)


def test_the_external_training_csv_exports_inert_text(admin_client):
    cells = csv_cells(body(admin_client.get("/admin/external-training/", {"status": "all", "export": "csv"})))
    assert [cell for cell in cells if unsafe(cell)] == []
    assert "'" + HOSTILE[0] in cells


def test_a_background_export_is_inert(roles_admin):
    job = ExportJob.objects.create(user=roles_admin, report="learner-detail", query={"_language": ["en"]})
    build_export(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    with private_storage().open(job.file_name, "rb") as handle:
        cells = xlsx_cells(handle.read())
    assert [cell for cell in cells if unsafe(cell)] == []
    assert "'" + HOSTILE[2] in cells


def test_the_open_data_csv_is_inert_and_keeps_negative_numbers(client, hostile_world):
    cells = csv_cells(body(client.get("/en/open-data/data.csv")))
    assert [cell for cell in cells if unsafe(cell)] == []
    assert "'" + HOSTILE[3] in cells and "-3" in cells


@pytest.mark.parametrize("url_name", ["question_template_csv", "question_template_xlsx"])
def test_the_question_templates_are_inert(admin_client, url_name):
    content = body(admin_client.get(reverse(url_name)))
    cells = csv_cells(content) if url_name.endswith("csv") else xlsx_cells(content)
    assert cells and [cell for cell in cells if unsafe(cell)] == []


# Every module that writes CSV or XLSX, and the test above that reads what it writes.
EXPORTERS = {
    "common/exports.py": "the writers every export uses",
    "common/xlsx.py": "the streaming XLSX writer (common.exports.write_xlsx)",
    "reports/views.py": "test_admin_listings_export_inert_text (hr_report_*)",
    "reports/bulk_exports.py": "test_admin_listings_export_inert_text (learners, on PostgreSQL)",
    "exports/services.py": "test_a_background_export_is_inert",
    "certificates/admin_views.py": "test_admin_listings_export_inert_text (certificates_admin)",
    "courses/quiz_report.py": "test_admin_listings_export_inert_text (quiz_report)",
    "feedback/admin_views.py": "test_admin_listings_export_inert_text (course_feedback)",
    "external_training/admin_views.py": "test_the_external_training_csv_exports_inert_text",
    "impact/views.py": "test_the_open_data_csv_is_inert_and_keeps_negative_numbers",
    "courses/question_template.py": "test_the_question_templates_are_inert",
    "courses/question_import_views.py": "test_the_question_templates_are_inert",
}
WRITES_SPREADSHEETS = re.compile(
    r"text/csv|list_export\s*=|csv\.writer\(|csv\.DictWriter\(|Workbook\(|COPY .* TO STDOUT"
)


def test_every_module_that_writes_a_spreadsheet_is_walked_above():
    skipped = {".venv", "node_modules", "tests", "migrations", "var", "static", "locale"}
    found = set()
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if skipped & set(relative.parts):
            continue
        if WRITES_SPREADSHEETS.search(path.read_text(encoding="utf-8")):
            found.add(relative.as_posix())
    assert found <= set(EXPORTERS), f"not walked by this test: {sorted(found - set(EXPORTERS))}"
