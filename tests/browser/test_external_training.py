"""External training in a browser, in Arabic and English: a learner records training on a phone with its
evidence file, HR approves it in the admin, and the learner's transcript counts it, marked external."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from external_training.models import ExternalTraining
from people.models import HRScope
from people.services import HR_OFFICERS, ensure_roles
from tests.browser.conftest import DESKTOP, PHONE, person, signed_in_context, t
from tests.browser.test_small_screens import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
TITLE = {"ar": "أساسيات الحوسبة السحابية", "en": "Cloud fundamentals"}


def _fits(page, *, scrolling_tables: bool = False) -> None:
    """Nothing wider than the phone; with ``scrolling_tables`` a table may be wider inside its own
    horizontally scrolling box (``.table-scroll``), as long as the page itself does not scroll."""
    measured = page.evaluate(OVERFLOW)
    assert measured["scroll"] <= measured["width"], measured
    widest = measured["widest"]
    if scrolling_tables and widest and widest["tag"] == "TABLE":
        assert page.locator(".table-scroll > table").count() > 0
        return
    assert not widest, measured


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_learner_records_training_and_hr_approves_it(language, chromium, live_server, catalogue, tmp_path):
    ensure_roles(catalogue=catalogue)
    learner = person("salma", language)
    officer = person("hr.officer", language, HR_OFFICERS)
    HRScope.objects.create(user=officer, org_unit=learner.employee.org_unit)
    evidence = tmp_path / "attendance.pdf"
    evidence.write_bytes(PDF)

    phone = signed_in_context(chromium, live_server, learner, language, viewport=PHONE)
    page = phone.new_page()
    try:
        page.goto(f"{live_server.url}/{language}/learning/transcript/")
        page.get_by_role("link", name=t(language, "Record training done elsewhere")).click()
        page.get_by_label(t(language, "Title of the training")).fill(TITLE[language])
        page.get_by_label(t(language, "Provider"), exact=True).fill("Oman Institute of Technology")
        page.get_by_label(t(language, "Start date")).fill("2026-10-04")
        page.get_by_label(t(language, "End date")).fill("2026-10-06")
        page.get_by_label(t(language, "Hours"), exact=True).fill("12.5")
        page.get_by_label(t(language, "Evidence"), exact=True).set_input_files(evidence)
        page.get_by_role("button", name=t(language, "Send for review")).click()
        page.get_by_text(t(language, "Your training is recorded. HR will review it.")).wait_for()
        record = page.locator(".external-record").filter(has_text=TITLE[language])
        assert t(language, "Awaiting review") in record.inner_text()
        _fits(page)
        page.screenshot(path=tmp_path / f"external-{language}-phone.png", full_page=True)
    finally:
        phone.close()
    assert ExternalTraining.objects.get().status == "pending"

    admin = signed_in_context(chromium, live_server, officer, language, viewport=DESKTOP)
    page = admin.new_page()
    try:
        page.goto(f"{live_server.url}/admin/external-training/")
        page.get_by_role("link", name=TITLE[language]).click()
        page.get_by_label(t(language, "Approve")).check()
        page.get_by_role("button", name=t(language, "Save decision")).click()
        page.get_by_text(t(language, "The record is approved.")).wait_for()
    finally:
        admin.close()
    assert ExternalTraining.objects.get().status == "approved"

    phone = signed_in_context(chromium, live_server, learner, language, viewport=PHONE)
    page = phone.new_page()
    try:
        page.goto(f"{live_server.url}/{language}/learning/transcript/")
        external = page.locator("section", has=page.get_by_role("heading", name=t(language, "External training")))
        assert TITLE[language] in external.inner_text() and t(language, "External") in external.inner_text()
        _fits(page, scrolling_tables=True)
        page.screenshot(path=tmp_path / f"transcript-{language}-phone.png", full_page=True)
    finally:
        phone.close()
    assert Group.objects.filter(name=HR_OFFICERS).exists()
