"""An administrator, in Arabic and in English, imports people: a file that cannot be read is refused at
once, a valid upload shows the job's progress, then its outcome with the skipped staff row; a file with
a wrong row lists the problems and imports nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from people.import_jobs import run_import
from people.models import Employee, OrgUnit, PeopleImportJob
from people.services import ADMINISTRATORS
from tests.browser.conftest import PASSWORD, person
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DESKTOP_WIDE = {"width": 1366, "height": 900}
UNITS = "code,parent_code,kind,name_ar,name_en\nmoj,,ministry,وزارة العدل,Ministry of Justice\n"
EMPLOYEES = (
    "employee_number,full_name_ar,full_name_en,org_unit_code,email,manager_employee_number\n"
    "J-001,سالم الحارثي,Salim Al-Harthy,moj,salim@example.om,\n"
    "J-002,منى البلوشية,Muna Al-Balushi,moj,,J-001\n"
    "A-1,المدير,Admin,moj,attacker@evil.example,\n"
)


def csv_file(name: str, content: bytes) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": content}


def wide(visitor, name: str) -> None:
    """The 1,366 px screenshot next to the ones ``check`` takes."""
    visitor.page.set_viewport_size(DESKTOP_WIDE)
    visitor.page.screenshot(path=visitor.folder / f"{name}-{visitor.language}-1366px.png", full_page=True)


def upload(visitor, **files) -> None:
    page = visitor.page
    if "units" in files:
        page.get_by_label(visitor.t("Organisation units (CSV)")).set_input_files(csv_file("units.csv", files["units"]))
    page.get_by_label(visitor.t("Employees (CSV)")).set_input_files(csv_file("employees.csv", files["employees"]))
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Import"), exact=True).click()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_administrator_imports_people_in_the_background(language, visitor_for, roles, catalogue):
    person("importer", language, ADMINISTRATORS)
    admin = UserFactory(username="admin", email="admin@qudra.om", is_superuser=True)
    Employee.objects.create(
        user=admin,
        employee_number="A-1",
        full_name_ar="المدير",
        full_name_en="Admin",
        org_unit=OrgUnit.add_root(code="hq", name_ar="المقر", name_en="Headquarters", kind="ministry"),
    )
    visitor = visitor_for(language)
    page = visitor.page
    visitor.log_in("importer", PASSWORD)
    visitor.goto("/admin/people/import/")
    visitor.check("people-import")
    wide(visitor, "people-import")

    upload(visitor, employees=EMPLOYEES.encode() + b"J-003,\x00,x,moj,,\n")
    expect(page.get_by_role("alert")).to_contain_text("employees.csv")
    # Chromium logs the 400 itself as a "failed resource": that is the answer expected here.
    assert [text for text, _ in visitor.console_errors] == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    visitor.console_errors.clear()
    visitor.check("people-import-unreadable")
    wide(visitor, "people-import-unreadable")
    assert not PeopleImportJob.objects.exists()

    upload(visitor, units=UNITS.encode(), employees=EMPLOYEES.encode())
    job = PeopleImportJob.objects.get()
    # The page reloads itself every five seconds while it waits: its screenshots are taken between two loads.
    page.reload()
    expect(page.locator("progress")).to_be_visible()
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    wide(visitor, "people-import-progress")
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=visitor.folder / f"people-import-progress-{language}-375px.png", full_page=True)

    run_import(job_id=str(job.pk))  # what the worker does
    page.reload()
    expect(page.get_by_text("A-1", exact=False).first).to_be_visible()
    visitor.check("people-import-result")
    wide(visitor, "people-import-result")
    admin.refresh_from_db()
    assert admin.email == "admin@qudra.om"
    assert Employee.objects.get(employee_number="J-002").manager.employee_number == "J-001"

    visitor.goto("/admin/people/import/")
    upload(visitor, employees=EMPLOYEES.replace(",moj,,J-001", ",nowhere,,J-404").encode())
    run_import(job_id=str(PeopleImportJob.objects.latest("created_at").pk))
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("employees.csv")
    visitor.check("people-import-problems")
    wide(visitor, "people-import-problems")
