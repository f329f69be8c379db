"""Exports, evidence files and people imports in an S3-compatible store (moto's server on loopback)."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from common.storage import private_storage
from exports.models import ExportJob
from external_training.models import ExternalTraining
from people.models import Employee, PeopleImportJob
from tests.builders.object_store import s3_client

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UNITS = "code,parent_code,kind,name_ar,name_en\nmoh,,ministry,وزارة الصحة,Ministry of Health\n"
EMPLOYEES = (
    "employee_number,full_name_ar,full_name_en,org_unit_code,email,job_title,grade,hire_date,preferred_language\n"
    "H-001,سالم الحارثي,Salim Al-Harthy,moh,,Nurse,8,,ar\n"
)


def _no_public_grant(object_store, key: str) -> bool:
    acl = s3_client(object_store["QUDRA_S3_ENDPOINT_URL"]).get_object_acl(
        Bucket=object_store["QUDRA_S3_BUCKET"], Key=key
    )
    return not [grant for grant in acl["Grants"] if "URI" in grant["Grantee"]]


def test_a_background_export_is_written_to_the_bucket_and_downloaded(
    object_store, bucket_keys, hr_client, hr_a, settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post("/admin/hr-reports/learners/?export=xlsx&history=on")
    job = ExportJob.objects.get(user=hr_a)
    assert job.status == ExportJob.Status.DONE
    assert bucket_keys() == [f"private/{job.file_name}"]
    response = hr_client.get(f"/admin/hr-reports/exports/{job.pk}/download/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == job.rows_written + 1
    private_storage().delete(job.file_name)
    assert hr_client.get(f"/admin/hr-reports/exports/{job.pk}/download/").status_code == 404


def test_evidence_of_external_training_is_kept_in_the_bucket_and_served_to_its_owner(
    db, object_store, bucket_keys, client, world
):
    learner = world.employees["a1"].user
    client.force_login(learner)
    response = client.post(
        "/en/learning/external-training/",
        {
            "title": "Cloud fundamentals",
            "provider": "Oman Institute of Technology",
            "started_on": "2026-01-04",
            "completed_on": "2026-01-06",
            "hours": "12.5",
            "evidence": SimpleUploadedFile("attendance.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    record = ExternalTraining.objects.get(learner=learner)
    assert bucket_keys() == [f"private/{record.evidence.name}"]
    download = client.get(reverse("external_training:evidence", args=[record.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.force_login(world.employees["b1"].user)
    assert client.get(reverse("external_training:evidence", args=[record.pk])).status_code == 404


def test_a_people_import_waits_in_the_bucket_and_is_removed_once_imported(
    object_store, bucket_keys, client, administrator, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    files = {
        "units_file": SimpleUploadedFile("units.csv", UNITS.encode()),
        "employees_file": SimpleUploadedFile("employees.csv", EMPLOYEES.encode()),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people_import"), files)
    assert response.status_code == 302
    assert PeopleImportJob.objects.get().status == "done"
    assert Employee.objects.filter(employee_number="H-001", org_unit__code="moh").exists()
    assert bucket_keys() == []
