"""An HR officer of ministry A never sees ministry B: not in any report, filter, export, URL or transcript."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from exports.models import ExportJob

from .conftest import assert_no_leak

REPORTS = ["hr_report_completion", "hr_report_learners", "hr_report_transcripts"]


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        rows = workbook.active.iter_rows(values_only=True)
        return "\n".join("\t".join("" if value is None else str(value) for value in row) for row in rows)
    return content.decode("utf-8-sig")


def _tampered_queries(world) -> list[dict]:
    b_unit, b_dept = world.units["B"], world.units["B1"]
    b_employee = world.employees["b1"]
    return [
        {},
        {"org_unit": b_unit.pk},
        {"org_unit": b_dept.pk},
        {"org_unit__in": f"{b_unit.pk},{world.units['A'].pk}"},
        {"learner__employee__org_unit": b_unit.pk},
        {"learner__employee__org_unit__path__startswith": b_unit.path},
        {"org_unit__path__startswith": b_unit.path},
        {"learner": b_employee.user_id},
        {"learner__in": b_employee.user_id},
        {"pk__in": ",".join(str(e.pk) for e in world.enrolments.values())},
        {"id": world.enrolments["b1_first"].pk},
        {"q": "Bravo"},
        {"q": "B-00"},
        {"ordering": "learner__employee__org_unit__path"},
        {"ordering": "-learner__employee__full_name_en"},
        {"ordering": "org_unit__name_en"},
        {"ordering": "password"},
        {"grade": "5"},
        {"status": "overdue", "org_unit": b_unit.pk},
        {"unknown_filter": "1", "scope": "all", "all": "1"},
    ]


@pytest.mark.parametrize("report", REPORTS)
def test_no_report_shows_ministry_b_whatever_the_query_string(hr_client, world, report):
    """Every tampered query against the results fragment and the CSV export; a few against the full
    page and the XLSX export too (they share the same queryset, and full pages are slow to render)."""
    queries = _tampered_queries(world)
    index, results = reverse(f"{report}:index"), reverse(f"{report}:index_results")
    requests = [(results, query) for query in queries] + [(index, {**query, "export": "csv"}) for query in queries]
    requests += [(index, query) for query in queries[:4]] + [(index, {**q, "export": "xlsx"}) for q in queries[:4]]
    for url, query in requests:
        response = hr_client.get(url, query)
        assert response.status_code == 200, (query, response.status_code)
        assert_no_leak(_body(response))


def test_unit_filter_offers_only_units_in_scope(hr_client, world):
    expected = {"", *(str(world.units[key].pk) for key in ("A", "A1", "A1P", "A2"))}
    for report in REPORTS:
        page = hr_client.get(reverse(f"{report}:index")).content.decode()
        assert set(select_options(page, "org_unit")) == expected


def select_options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no {name} filter"
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def test_grade_filter_offers_only_grades_in_scope(hr_client, world):
    page = hr_client.get(reverse("hr_report_learners:index")).content.decode()
    # Grade 5 exists only in ministry B.
    assert select_options(page, "grade") == ["", "7", "8", "9"]


def test_unit_of_another_ministry_in_the_filter_shows_an_error_and_no_rows(hr_client, world):
    response = hr_client.get(reverse("hr_report_learners:index"), {"org_unit": world.units["B"].pk})
    page = response.content.decode()
    assert "not valid for your part of the organisation" in page
    assert "Alpha One" not in page


def test_transcript_of_ministry_b_employee_is_not_found(hr_client, world):
    for employee in (world.employees["b1"], world.employees["b2"]):
        # LocaleMiddleware retries an admin 404 under /ar/ first; it ends in a 404 either way.
        for name in ("hr_report_transcripts:detail", "hr_report_transcripts:pdf"):
            response = hr_client.get(reverse(name, args=[employee.pk]), follow=True)
            assert response.status_code == 404
            assert_no_leak(response.content.decode())


def test_drill_down_into_ministry_b_is_refused(hr_client, world):
    response = hr_client.get(reverse("hr_report_completion:index"), {"org_unit": world.units["B1"].pk})
    assert_no_leak(response.content.decode())
    assert "Ministry Bravo" not in response.content.decode()


def test_export_jobs_of_another_user_are_not_found(client, world, hr_a, hr_b):
    job = ExportJob.objects.create(user=hr_b, report="learner-detail", status=ExportJob.Status.DONE, file_name="x")
    client.force_login(hr_a)
    assert client.get(reverse("hr_report_exports:status", args=[job.pk]), follow=True).status_code == 404
    assert client.get(reverse("hr_report_exports:download", args=[job.pk]), follow=True).status_code == 404


def test_dashboard_of_hr_a_shows_only_ministry_a(hr_client, world):
    page = hr_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Alpha Directorate One" in page
    assert_no_leak(page)


def test_hr_b_sees_ministry_b_and_not_a(client, world, hr_b):
    client.force_login(hr_b)
    page = client.get(reverse("hr_report_learners:index")).content.decode()
    assert "Bravo One" in page
    assert "Alpha" not in page
