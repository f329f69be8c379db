"""Two web nodes and two workers, each with its own local folders, sharing one PostgreSQL database, one
broker and one object store: what one node writes, every other node reads."""

from __future__ import annotations

import hashlib
import io
import json
import secrets

import pytest
import requests
from django.test import Client
from openpyxl import load_workbook

from certificates.models import Certificate
from courses import services as course_services
from courses.models import ModulePage
from exports.models import ExportJob
from exports.services import request_export
from people.models import HRScope
from people.services import HR_OFFICERS, ensure_roles
from tests.builders.brokers import broker
from tests.builders.hr_world import staff_member
from tests.builders.nodes import deployment, node_environment, own_redis, wait_for
from tests.builders.object_store import moto_server, new_bucket, object_keys
from tests.conftest import requires_postgres

pytestmark = requires_postgres


def _session(user) -> requests.Session:
    """A browser signed in as `user`: the session lives in the shared database, so every node knows it."""
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    csrf = secrets.token_hex(16)  # the CSRF secret itself is a valid token for the header
    session.cookies.set("csrftoken", csrf)
    session.headers["X-CSRFToken"] = csrf
    return session


def _json_lines(log) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_web_nodes_and_two_workers_share_database_broker_and_object_store(
    tmp_path, catalogue, course, learner, certificate_template
):
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    course_services.enrol(learner=learner, course=course)
    for module in modules[:-1]:
        course_services.complete_module(learner=learner, module=module)
    ensure_roles(catalogue=catalogue)
    hr_officer = staff_member("hr.many", HR_OFFICERS, learner.employee.org_unit, "HR-M")
    HRScope.objects.create(user=hr_officer, org_unit=learner.employee.org_unit)
    with moto_server(tmp_path / "moto.log") as endpoint, own_redis(tmp_path) as broker_url:
        store = new_bucket(endpoint)
        environment = node_environment({**store, "CELERY_BROKER_URL": broker_url})
        with deployment(tmp_path, environment, webs=2, workers=2) as ((web_a, web_b), worker_logs):
            # The last module completed through web A; the certificate rendered by a worker.
            learner_browser = _session(learner)
            completed = learner_browser.post(
                f"{web_a}/ar/learning/courses/{course.pk}/modules/{modules[-1].pk}/complete/",
                headers={"X-Request-ID": "completion-from-web-a"},
                allow_redirects=False,
                timeout=30,
            )
            assert completed.status_code == 302
            assert completed.headers["X-Request-ID"] == "completion-from-web-a"
            certificate = wait_for(
                lambda: Certificate.objects.filter(holder=learner, status=Certificate.Status.ISSUED).first(),
                what="the certificate",
            )
            # Downloaded through web B, which never saw the completion, from the object store.
            download = learner_browser.get(f"{web_b}/ar/certificates/{certificate.code}/download/", timeout=30)
            assert download.status_code == 200 and download.content.startswith(b"%PDF-")
            assert hashlib.sha256(download.content).hexdigest() == certificate.sha256
            assert f"private/{certificate.pdf.name}" in object_keys(endpoint, store["QUDRA_S3_BUCKET"])
            # The worker's JSON log lines of that task carry the request id of the POST to web A.
            traced = [line for log in worker_logs for line in _json_lines(log)]
            assert any(line.get("request_id") == "completion-from-web-a" and line.get("task_id") for line in traced)

            # An export asked for here, built by a worker, downloaded from web A and web B alike.
            with broker(broker_url, {}):
                job = request_export(user=hr_officer, report="learner-detail", query={}, total_rows=1, language="en")
            job = wait_for(
                lambda: ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.DONE).first(), what="the export"
            )
            hr_browser = _session(hr_officer)
            for web in (web_a, web_b):
                sheet = hr_browser.get(f"{web}/admin/hr-reports/exports/{job.pk}/download/", timeout=30)
                assert sheet.status_code == 200
                assert load_workbook(io.BytesIO(sheet.content)).active.max_row == job.rows_written + 1
    # Nothing in any node's own folders: no private file was written to a local disk.
    assert not list(tmp_path.glob("**/certificates/**/*.pdf")) and not list(tmp_path.glob("**/*.xlsx"))
