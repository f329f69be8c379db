"""An HR officer, in Arabic and in English: assign a course to a directorate, then the completion report,
a filter, the XLSX export and an employee's transcript."""

from __future__ import annotations

import io
import re
import time

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from courses.models import Enrolment
from tests.browser.conftest import Visitor
from tests.builders.hr_world import build_hr_world, staff_member
from tests.conftest import requires_redis

pytestmark = [pytest.mark.browser, requires_redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(db):
    return build_hr_world()


@pytest.fixture
def hr_officer(world):
    from people.services import HR_OFFICERS

    return staff_member("hr.alpha", HR_OFFICERS, world.units["A"], "HR-A", scope=world.units["A"])


def wait_for_enrolment(user, course) -> Enrolment:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        enrolment = Enrolment.objects.filter(learner=user, course=course, source="assigned").first()
        if enrolment is not None:
            return enrolment
        time.sleep(0.25)
    raise AssertionError("the worker did not enrol the directorate within 30 seconds")


def speak(user, language: str) -> None:
    """The admin follows the user's preferred language."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


# Columns of the completion summary: unit, learners, enrolled, not started, in progress, completed, overdue, %.
ENROLLED, OVERDUE = 2, 6


def unit_row(visitor: Visitor, unit):
    name = unit.name_ar if visitor.language == "ar" else unit.name_en
    return (
        visitor.page.get_by_role("table")
        .get_by_role("row")
        .filter(has=visitor.page.get_by_role("link", name=name, exact=True))
    )


def open_report(visitor: Visitor, menu_label: str) -> None:
    page = visitor.page
    page.get_by_role("button", name=visitor.t("Reports")).click()
    page.get_by_role("link", name=visitor.t(menu_label), exact=True).click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_hr_journey(language, visitor_for, world, hr_officer, celery_worker_thread, tmp_path):
    speak(hr_officer, language)
    visitor = visitor_for(language)
    page = visitor.page
    visitor.log_in("hr.alpha", "pass-word-123")
    visitor.goto("/admin/")
    visitor.check("admin-dashboard")

    # Assign Cyber hygiene to Alpha Directorate Two, due 30 days after assignment; a real worker enrols people.
    page.get_by_role("link", name=visitor.t("Mandatory training")).click()
    page.wait_for_load_state("load")
    visitor.check("assignments")
    visitor.goto("/admin/assignments/add/")
    visitor.check("assign-form")
    cyber, directorate = world.courses[1], world.units["A2"]
    page.get_by_label(visitor.t("Course"), exact=True).select_option(str(cyber.pk))
    page.get_by_label(visitor.t("Organisation unit"), exact=True).select_option(str(directorate.pk))
    page.get_by_label(visitor.t("Days after being assigned")).check()
    page.get_by_label(visitor.t("Number of days")).fill("30")
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Assign"), exact=True).click()
    expect(page.get_by_text(visitor.t("The training is assigned. People are being enrolled now."))).to_be_visible()
    visitor.check("assignment-detail")
    wait_for_enrolment(world.employees["a3"].user, cyber)

    open_report(visitor, "Completion summary")
    visitor.check("completion-summary")
    one, two = unit_row(visitor, world.units["A1"]), unit_row(visitor, world.units["A2"])
    expect(one.get_by_role("cell").nth(ENROLLED)).to_have_text("3")
    expect(two.get_by_role("cell").nth(ENROLLED)).to_have_text("2")  # the assigned course is counted
    assert page.get_by_text("Bravo").count() == 0  # ministry B is outside this officer's scope

    # Filter by status through the admin's filter menu; the results refresh in place.
    page.get_by_role("button", name=re.compile(re.escape(visitor.t("Show filters")))).click()
    page.get_by_role("button", name=visitor.t("Status"), exact=True).click()
    page.get_by_label(visitor.t("Status"), exact=True).select_option(label=visitor.t("Overdue"))
    page.wait_for_url("**status=overdue**")
    # One overdue enrolment in the scope, in Alpha Directorate One; none in Directorate Two.
    expect(one.get_by_role("cell").nth(ENROLLED)).to_have_text("1")
    expect(one.get_by_role("cell").nth(OVERDUE)).to_have_text("1")
    expect(two.get_by_role("cell").nth(ENROLLED)).to_have_text("0")
    page.reload()  # the page as the filtered address shows it, with the filter menu closed
    visitor.check("completion-summary-overdue")

    page.get_by_role("button", name=visitor.t("Actions")).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=visitor.t("Download XLSX")).click()
    xlsx_path = tmp_path / "report.xlsx"
    download_info.value.save_as(xlsx_path)
    workbook = load_workbook(io.BytesIO(xlsx_path.read_bytes()))
    rows = [tuple(cell.value for cell in row) for row in workbook.active.iter_rows()]
    assert rows[0][1] == visitor.t("Organisation unit")
    one_name = world.units["A1"].name_ar if language == "ar" else world.units["A1"].name_en
    assert ("alpha-d1", one_name, 2, 1, 1, 0, 0, 1, 0) in rows  # the filtered figures, as on screen
    assert not any("bravo" in str(cell).lower() for row in rows for cell in row)

    open_report(visitor, "Employee transcripts")
    visitor.check("transcripts")
    employee = world.employees["a1"]
    name = employee.full_name_ar if language == "ar" else employee.full_name_en
    row = page.get_by_role("table").get_by_role("row").filter(has_text=name)
    row.get_by_role("link", name=employee.employee_number).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    # Both of the employee's courses, the completed cycle included.
    expect(page.get_by_role("main")).to_contain_text(world.courses[0].title)
    expect(page.get_by_role("main")).to_contain_text(world.courses[1].title)
    visitor.check("transcript")
