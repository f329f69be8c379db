"""A ministry administrator, in Arabic and in English: the unit tree, renaming a unit, adding one below it, finding a
person and choosing their line manager, the HR scopes; and an administrator reading the audit log."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from audit.models import AuditEntry
from people.models import Employee, OrgUnit
from people.services import ADMINISTRATORS, MINISTRY_ADMINISTRATORS
from tests.browser.conftest import PASSWORD, Visitor
from tests.builders.hr_world import build_hr_world, staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The width of a common laptop screen, shot besides the suite's desktop and phone widths.
LAPTOP = {"width": 1366, "height": 900}


def look(visitor: Visitor, name: str) -> None:
    visitor.check(name)
    page = visitor.page
    size = page.viewport_size
    page.set_viewport_size(LAPTOP)
    page.screenshot(
        path=visitor.folder / f"{len(visitor.checked):02d}-{name}-{visitor.language}-1366px.png", full_page=True
    )
    page.set_viewport_size(size)


def speaking(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def world(db):
    return build_hr_world()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_ministry_administrator_manages_their_ministry(visitor_for, world, language):
    admin = staff_member(
        "admin.alpha", MINISTRY_ADMINISTRATORS, world.units["A"], "MA-A", scope=world.units["A"], role="admin"
    )
    speaking(admin, language)
    visitor = visitor_for(language)
    page = visitor.page
    visitor.log_in("admin.alpha", PASSWORD)

    visitor.goto("/admin/organisation/units/")
    look(visitor, "units")
    expect(page.get_by_role("table")).not_to_contain_text("Bravo")
    unit = world.units["A1"]
    page.get_by_role("link", name=unit.name_ar if language == "ar" else unit.name_en).click()
    look(visitor, "unit")
    page.get_by_label(visitor.t("name (English)")).fill("Data Directorate")
    page.get_by_role("button", name=visitor.t("Save the names")).click()
    expect(page.get_by_text(visitor.t("The unit is renamed."))).to_be_visible()
    assert OrgUnit.objects.get(pk=unit.pk).name_en == "Data Directorate"

    page.get_by_role("link", name=visitor.t("Add a unit below this one")).click()
    look(visitor, "unit-add")

    visitor.goto("/admin/organisation/people/")
    look(visitor, "people")
    employee = world.employees["a1"]
    visitor.goto(f"/admin/organisation/people/{employee.pk}/?find=A-004")
    look(visitor, "person")
    page.get_by_role("button", name=visitor.t("Make line manager")).click()
    with translation.override(language):
        reports_to = visitor.t("Reports to %(manager)s.") % {"manager": world.employees["a4"]}
    expect(page.get_by_text(reports_to)).to_be_visible()
    assert Employee.objects.get(pk=employee.pk).manager_id == world.employees["a4"].pk

    visitor.goto("/admin/organisation/scopes/")
    look(visitor, "scopes")
    assert AuditEntry.objects.filter(actor=admin).count() == 2


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_administrator_reads_the_audit_log(visitor_for, world, language):
    administrator = staff_member("administrator", ADMINISTRATORS, world.units["A"], "ADM-1")
    speaking(administrator, language)
    visitor = visitor_for(language)
    visitor.log_in("administrator", PASSWORD)
    visitor.goto(f"/admin/organisation/units/{world.units['B1'].pk}/")
    visitor.page.get_by_label(visitor.t("name (Arabic)")).fill("مديرية برافو للبيانات")
    visitor.page.get_by_role("button", name=visitor.t("Save the names")).click()

    visitor.goto("/admin/audit/")
    look(visitor, "audit-log")
    expect(visitor.page.get_by_role("table")).to_contain_text("مديرية برافو للبيانات")
