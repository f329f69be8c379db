"""Only administrators and scoped HR officers reach a report; learners, trainers and strangers never do."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from exports.models import ExportJob
from people.services import HR_OFFICERS
from tests.factories import UserFactory

REPORT_INDEXES = ["hr_report_completion", "hr_report_learners", "hr_report_transcripts"]


def every_report_url(world, job) -> list[str]:
    employee = world.employees["a1"]
    urls = []
    for name in REPORT_INDEXES:
        index = reverse(f"{name}:index")
        urls += [index, reverse(f"{name}:index_results"), f"{index}?export=csv", f"{index}?export=xlsx"]
    urls += [
        reverse("hr_report_transcripts:detail", args=[employee.pk]),
        reverse("hr_report_transcripts:pdf", args=[employee.pk]),
        reverse("hr_report_exports:status", args=[job.pk]),
        reverse("hr_report_exports:download", args=[job.pk]),
    ]
    return urls


@pytest.fixture
def someone_elses_job(hr_a):
    return ExportJob.objects.create(user=hr_a, report="learner-detail", status=ExportJob.Status.DONE, file_name="x")


def _assert_refused(response) -> None:
    # Wagtail turns a PermissionDenied in the admin into a redirect to the dashboard with a message;
    # users without admin access are sent to the login page. Either way: no report content.
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert not urlparse(response["Location"]).path.startswith("/admin/hr-reports/")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Alpha One" not in body


@pytest.mark.parametrize("who", ["learner", "trainer", "hr_without_scope", "anonymous"])
def test_learner_trainer_and_strangers_are_refused_on_every_report_url(client, world, trainer, someone_elses_job, who):
    if who == "learner":
        client.force_login(world.employees["a2"].user)
    elif who == "trainer":
        client.force_login(trainer)
    elif who == "hr_without_scope":
        user = UserFactory(username="hr.unscoped")
        user.groups.add(Group.objects.get(name=HR_OFFICERS))
        client.force_login(user)
    for url in every_report_url(world, someone_elses_job):
        _assert_refused(client.get(url))


def test_reports_menu_shows_reports_to_hr_only(client, world, hr_a, trainer):
    client.force_login(trainer)
    assert reverse("hr_report_completion:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(hr_a)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in REPORT_INDEXES:
        assert reverse(f"{name}:index") in home


def test_administrator_and_hr_officer_open_every_report(client, world, hr_a, administrator):
    for user in (hr_a, administrator):
        client.force_login(user)
        for name in REPORT_INDEXES:
            response = client.get(reverse(f"{name}:index"))
            assert response.status_code == 200
            assert "Alpha" in response.content.decode()
