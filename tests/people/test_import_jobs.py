"""The admin's people import runs as a background job: checked and stored at upload, imported by a worker
in one transaction, its progress and then its outcome on a status page, its files deleted afterwards."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from audit.models import AuditEntry
from common.storage import private_storage
from people import tasks
from people.import_jobs import republish_stale_imports, run_import
from people.models import Employee, PeopleImportJob
from people.services import ADMINISTRATORS, ensure_roles
from tests.builders.brokers import broker_down
from tests.factories import UserFactory, make_org_unit

from .test_imports import EMPLOYEES, UNITS, english, nothing_written  # noqa: F401  (fixture)


@pytest.fixture
def uploader(client, catalogue):
    user = UserFactory(username="import.admin")
    user.groups.add(ensure_roles(catalogue=catalogue)[ADMINISTRATORS])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client.force_login(user)
    return user


def upload(client, **files):
    data = {
        name: SimpleUploadedFile(f"{name}.csv", content if isinstance(content, bytes) else content.encode())
        for name, content in files.items()
    }
    return client.post(reverse("people_import"), data, HTTP_ACCEPT_LANGUAGE="en")


def stored_files() -> list[str]:
    storage = private_storage()
    if not storage.exists("people-imports"):
        return []
    return [folder for folder in storage.listdir("people-imports")[0] if storage.listdir(f"people-imports/{folder}")[1]]


@pytest.mark.parametrize(
    "content",
    [EMPLOYEES.encode() + b"J-003,\x00,y,moj,,,,,\n", b"\x89PNG\r\n\x1a\n\x00", EMPLOYEES.encode("cp1256")],
    ids=["nul byte", "binary", "windows-1256"],
)
def test_an_unreadable_file_is_refused_at_upload_with_its_line(client, uploader, content):
    response = upload(client, units_file=UNITS, employees_file=content)
    page = response.content.decode()
    assert response.status_code == 400
    assert "employees_file.csv, line" in page and "CSV UTF-8" in page
    assert not PeopleImportJob.objects.exists() and stored_files() == []
    nothing_written()


def test_the_upload_returns_at_once_and_the_worker_imports(client, uploader, django_capture_on_commit_callbacks):
    admin = UserFactory(username="admin", email="admin@qudra.om", is_superuser=True)
    Employee.objects.create(
        user=admin, employee_number="J-001", full_name_ar="س", full_name_en="S", org_unit=make_org_unit("other")
    )
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = upload(client, units_file=UNITS, employees_file=EMPLOYEES)
    job = PeopleImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("people_import_status", args=[job.pk])
    # Nothing imported yet: the page shows the job waiting, and reloads itself.
    waiting = client.get(response["Location"]).content.decode()
    assert "<progress" in waiting and 'http-equiv="refresh"' in waiting
    assert not Employee.objects.filter(employee_number="J-002").exists()
    assert len(stored_files()) == 1

    run_import(job_id=str(job.pk))  # what the worker runs

    job.refresh_from_db()
    assert (job.status, job.result["employees_created"], job.result["skipped"]) == ("done", 1, 1)
    page = client.get(response["Location"]).content.decode()
    assert "Import complete." in page and "3 created" in page and 'http-equiv="refresh"' not in page
    assert "employees_file.csv, line 2: skipped: employee J-001 has a staff account" in page
    admin.refresh_from_db()
    assert admin.email == "admin@qudra.om"
    assert AuditEntry.objects.get(action="people.imported").actor == uploader
    assert stored_files() == [] and job.stored_files() == []
    # A second message for the same job (the sweep's, a redelivery) does nothing.
    run_import(job_id=str(job.pk))
    assert AuditEntry.objects.filter(action="people.imported").count() == 1


def test_problems_found_by_the_worker_are_listed_and_nothing_is_written(
    client, uploader, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, units_file=UNITS, employees_file=EMPLOYEES + "J-009,x,y,nowhere,,,,,\n")
    job = PeopleImportJob.objects.get()
    assert job.status == "rejected"
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was imported" in page and "employees_file.csv, line 4: unknown organisation unit" in page
    nothing_written()
    assert stored_files() == [] and not AuditEntry.objects.filter(action="people.imported").exists()


def test_only_the_uploader_sees_the_outcome(client, uploader, catalogue):
    job = PeopleImportJob.objects.create(created_by=uploader, status="done", result={})
    other = UserFactory(username="other.admin", is_superuser=True)
    client.force_login(other)
    assert client.get(reverse("people_import_status", args=[job.pk])).status_code == 404


def test_the_sweep_publishes_a_lost_import_again(client, uploader, settings, eager_celery):
    with broker_down():
        upload(client, employees_file=EMPLOYEES.replace("moj-it-sup", "moj").replace("moj-it", "moj"))
    make_org_unit("moj")
    job = PeopleImportJob.objects.get()
    assert job.status == "pending"
    assert settings.CELERY_BEAT_SCHEDULE["people-imports-sweep"]["task"] == tasks.sweep_people_imports_task.name
    assert republish_stale_imports() == 0  # too recent: its own message may still arrive
    PeopleImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    tasks.sweep_people_imports_task.apply()
    job.refresh_from_db()
    assert job.status == "done" and Employee.objects.filter(employee_number__startswith="J-").count() == 2
