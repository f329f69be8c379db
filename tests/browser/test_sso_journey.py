"""Single sign-on in a real browser against a real OpenID Connect provider on loopback, in both languages:
the login page's button, the provider's approval, the learner's own page, the refusal page, the logout."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.builders.identity_provider import configure, running_provider
from tests.factories import EmployeeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OVERFLOWS = "() => document.scrollingElement.scrollWidth > document.documentElement.clientWidth"
# The common laptop width, shot besides the suite's desktop and phone widths for the pages this app adds.
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def provider(settings):
    with running_provider() as running:
        configure(settings, running)
        settings.QUDRA_LOCAL_LOGIN = "break-glass"
        settings.QUDRA_BREAK_GLASS_USERNAMES = ["rescue"]
        yield running


def approve_at_provider(visitor, sub: str) -> None:
    """The provider's own page (not Qudra's): type the subject and approve."""
    page = visitor.page
    page.wait_for_url("**/oauth2/authorize?**")
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_load_state("load")
    # The provider's page asks for a stylesheet on the internet and a favicon it lacks: its errors, not ours.
    visitor.errors.clear()
    visitor.console_errors.clear()


def fits_a_phone(page) -> bool:
    page.set_viewport_size(PHONE)
    overflow = page.evaluate(OVERFLOWS)
    page.set_viewport_size(DESKTOP)
    return not overflow


def shoot_laptop(visitor, name: str) -> None:
    visitor.page.set_viewport_size(LAPTOP)
    visitor.page.screenshot(path=visitor.folder / f"{name}-{visitor.language}-1366px.png", full_page=True)
    visitor.page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_sign_in_with_the_government_identity_and_out_again(language, visitor_for, provider, catalogue, catalogue_en):
    employee = EmployeeFactory(civil_number="12345678", full_name_ar="سالم الحارثي", full_name_en="Salim Al-Harthy")
    provider.set_user("salim", {"civil_number": "12345678"})
    visitor = visitor_for(language)
    page = visitor.page

    visitor.goto("/admin/login/")
    visitor.check("admin-login-with-sso", axe=False)  # Wagtail's page; axe runs on Qudra's own pages
    shoot_laptop(visitor, "admin-login-with-sso")
    assert page.get_by_role("link", name=visitor.t("Sign in with the government identity")).count()

    visitor.goto(f"/{language}/accounts/login/")
    visitor.check("login-with-sso")
    shoot_laptop(visitor, "login-with-sso")
    button = page.get_by_role("link", name=visitor.t("Sign in with the government identity"))
    assert fits_a_phone(page)
    button.click()
    approve_at_provider(visitor, "salim")

    page.wait_for_url(f"**/{language}/learning/")
    visitor.check("signed-in-by-sso")
    assert page.get_by_text(employee.full_name_ar if language == "ar" else employee.full_name_en).count()

    page.get_by_role("button", name=visitor.t("Log out")).first.click()
    page.wait_for_url("**/oauth2/end_session?**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_load_state("load")
    assert page.url.startswith(visitor.base_url)
    assert page.get_by_role("link", name=visitor.t("Log in")).count()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_person_with_no_employee_record_reads_why_in_their_language(language, visitor_for, provider, catalogue):
    provider.set_user("stranger", {"civil_number": "99999999"})
    visitor = visitor_for(language)
    page = visitor.page

    visitor.goto(f"/{language}/accounts/login/")
    page.get_by_role("link", name=visitor.t("Sign in with the government identity")).click()
    approve_at_provider(visitor, "stranger")

    page.wait_for_url(f"**/{language}/accounts/sso/refused/no-employee/")
    page.wait_for_load_state("load")
    # The refusal page answers 403 by design, which Chromium logs as a failed load; nothing else may be logged.
    expected = "Failed to load resource: the server responded with a status of 403 (Forbidden)"
    visitor.console_errors[:] = [error for error in visitor.console_errors if error[0] != expected]
    visitor.check("sso-refused")
    shoot_laptop(visitor, "sso-refused")
    assert page.get_by_role("heading", name=visitor.t("No employee record matches your identity")).count()
    assert fits_a_phone(page)
    assert page.get_by_role("button", name=visitor.t("Log out")).count() == 0
