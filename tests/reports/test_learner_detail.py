"""Learner detail: one row per current enrolment in scope, with progress, and a constant number of queries."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment
from tests.factories import EmployeeFactory, UserFactory

URL = "/admin/hr-reports/learners/"


def rows(response) -> dict[tuple[str, str], object]:
    return {(row.employee_number, row.course): row for row in response.context["object_list"]}


def test_rows_show_every_current_enrolment_in_scope(hr_client, world):
    response = hr_client.get(URL)
    found = rows(response)
    assert set(found) == {
        ("A-001", "Digital transformation"),
        ("A-001", "Cyber hygiene"),
        ("A-002", "Digital transformation"),
        ("A-003", "Digital transformation"),
        ("A-004", "Cyber hygiene"),
    }
    in_progress = found[("A-001", "Cyber hygiene")]
    assert (in_progress.progress_percent, in_progress.status) == (50, "in_progress")
    assert found[("A-003", "Digital transformation")].progress_percent == 33
    late = found[("A-002", "Digital transformation")]
    assert late.overdue and late.mandatory and late.progress_percent == 0
    page = response.content.decode()
    assert "Alpha One" in page and "ألفا واحد" in page
    assert "Not started (overdue)" in page


def test_filters_status_course_grade_and_dates(hr_client, world):
    assert set(rows(hr_client.get(URL, {"status": "completed"}))) == {
        ("A-001", "Digital transformation"),
        ("A-004", "Cyber hygiene"),
    }
    assert set(rows(hr_client.get(URL, {"status": "overdue"}))) == {("A-002", "Digital transformation")}
    assert len(rows(hr_client.get(URL, {"course": world.courses[1].pk}))) == 2
    assert {key[0] for key in rows(hr_client.get(URL, {"grade": "7"}))} == {"A-001", "A-003"}
    recent = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert set(rows(hr_client.get(URL, {"completed_from": recent}))) == {("A-004", "Cyber hygiene")}
    assert len(rows(hr_client.get(URL, {"org_unit": world.units["A1"].pk, "mandatory": "on"}))) == 2


def test_past_cycles_on_request(hr_client, world):
    assert len(rows(hr_client.get(URL))) == 5
    with_history = hr_client.get(URL, {"history": "on"}).context["object_list"]
    assert sorted((row.employee_number, row.cycle) for row in with_history if row.course == "Digital transformation")[
        :2
    ] == [
        ("A-001", 1),
        ("A-001", 2),
    ]
    assert len(with_history) == 6


def test_sorting_and_hidden_orderings(hr_client, world):
    ordered = [row.employee_number for row in hr_client.get(URL, {"ordering": "-number"}).context["object_list"]]
    assert ordered == sorted(ordered, reverse=True)
    by_name = [row.name_en for row in hr_client.get(URL, {"ordering": "name_en"}).context["object_list"]]
    assert by_name == sorted(by_name)
    # Not a column: ignored, default order kept.
    tampered = hr_client.get(URL, {"ordering": "learner__password"})
    assert [row.employee_number for row in tampered.context["object_list"]] == sorted(ordered)


def _add_learners(world, count: int, prefix: str = "extra") -> None:
    for index in range(count):
        employee = EmployeeFactory(
            user=UserFactory(username=f"{prefix}{index}"),
            employee_number=f"A-{prefix}-{index:02d}",
            org_unit=world.units["A2"],
        )
        Enrolment.objects.create(learner=employee.user, course=world.courses[index % 2], status="in_progress")


def _queries(client, query=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, query or {}).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_rows_on_a_page(hr_client, world, settings):
    settings.QUDRA_REPORTS_PAGE_SIZE = 50
    hr_client.get(URL)  # warm per-process caches (content types, site, menu) before counting
    few = _queries(hr_client)
    _add_learners(world, 30)
    many = _queries(hr_client)
    assert many == few, f"{few} queries for 5 rows, {many} for 35"
    assert many <= 40


def test_count_is_capped_for_national_scale(hr_client, world, settings):
    settings.QUDRA_REPORTS_COUNT_CAP = 3
    page = hr_client.get(URL).content.decode()
    assert "More than 3 enrolments match" in page


def test_certificate_code_column_shows_issued_codes(hr_client, world):
    enrolment = world.enrolments["a1_first"]
    Certificate.objects.create(
        enrolment=enrolment,
        holder=enrolment.learner,
        course=enrolment.course,
        code="QUDRATESTCODE1",
        holder_name_ar="ألفا واحد",
        holder_name_en="Alpha One",
        course_title_ar="التحول",
        course_title_en="Digital transformation",
        issued_on=timezone.localdate(),
        status="issued",
    )
    assert rows(hr_client.get(URL))[("A-001", "Digital transformation")].certificate_code == "QUDRATESTCODE1"


def test_summary_and_transcript_queries_do_not_grow_with_rows(hr_client, world):
    for prefix, url in (("sum", "/admin/hr-reports/completion/"), ("tra", "/admin/hr-reports/transcripts/")):
        hr_client.get(url)
        few = _queries_at(hr_client, url)
        _add_learners(world, 12, prefix=prefix)
        assert _queries_at(hr_client, url) == few, url


def _queries_at(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_unticked_boxes_are_not_listed_as_active_filters(hr_client, world):
    def active_filters(query: dict) -> str:
        page = hr_client.get(URL, query).content.decode()
        start = page.find('<ul class="w-active-filters">')
        return page[start : page.find("</ul>", start)] if start >= 0 else ""

    assert "w-pill" not in active_filters({})
    ticked = active_filters({"mandatory": "on"})
    assert "Mandatory only" in ticked and "Include past cycles" not in ticked
    # Ticked or not, the rows are those of the filter: assigned enrolments only when ticked.
    assigned = rows(hr_client.get(URL, {"mandatory": "on"}))
    assert assigned and all(row.mandatory for row in assigned.values())
