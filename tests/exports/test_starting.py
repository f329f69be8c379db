"""A background export starts only on a POST, and one person may have only a few unfinished at once."""

from __future__ import annotations

from exports.models import ExportJob

URL = "/admin/hr-reports/learners/"
EXPORT = f"{URL}?export=xlsx&history=on"


def test_a_get_asks_to_confirm_and_starts_nothing(hr_client, settings):
    settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS = 1
    response = hr_client.get(EXPORT)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in page and f'action="{EXPORT.replace("&", "&amp;")}"' in page
    assert "Build the spreadsheet" in page
    assert not ExportJob.objects.exists()


def test_a_post_starts_it(hr_client, hr_a, settings):
    settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS = 1
    response = hr_client.post(EXPORT)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.user == hr_a and job.query["history"] == ["on"]


def test_a_post_to_the_listing_itself_is_not_allowed(hr_client):
    assert hr_client.post(URL).status_code == 405
    assert not ExportJob.objects.exists()


def test_beyond_the_limit_a_post_is_refused_with_429(hr_client, hr_a, settings):
    settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS = 1
    settings.QUDRA_EXPORTS_MAX_UNFINISHED_PER_USER = 2
    ExportJob.objects.create(user=hr_a, report="learner-detail", status=ExportJob.Status.DONE)
    ExportJob.objects.create(user=hr_a, report="learner-detail", status=ExportJob.Status.FAILED)
    assert hr_client.post(EXPORT).status_code == 302  # finished and failed jobs do not count
    assert hr_client.post(EXPORT).status_code == 302
    refused = hr_client.post(EXPORT)
    assert refused.status_code == 429
    assert "You already have 2 spreadsheets being built" in refused.content.decode()
    assert ExportJob.objects.filter(status=ExportJob.Status.PENDING).count() == 2
    # Once one is built, the next may start.
    ExportJob.objects.filter(status=ExportJob.Status.PENDING).first().delete()
    assert hr_client.post(EXPORT).status_code == 302
