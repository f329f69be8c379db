"""The login pages with and without single sign-on, and local passwords under QUDRA_LOCAL_LOGIN."""

from __future__ import annotations

import pytest
from django.core import checks
from django.utils import translation

from tests.builders.identity_provider import CLIENT_ID
from tests.factories import EmployeeFactory, UserFactory

PASSWORD = "pass-word-123"  # UserFactory's
BUTTON = "Sign in with the government identity"


def button_text(language: str) -> str:
    with translation.override(language):
        return translation.gettext(BUTTON)


@pytest.fixture
def configured(settings, db):
    """Single sign-on configured; no request reaches the provider on these pages."""
    settings.QUDRA_SSO_ISSUER = "https://id.example.gov.om"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    return settings


def test_without_configuration_there_is_no_button_and_no_working_url(client, db):
    page = client.get("/en/accounts/login/")
    admin_page = client.get("/admin/login/")

    assert BUTTON not in page.text
    assert BUTTON not in admin_page.text
    assert 'name="password"' in page.text
    assert client.get("/en/accounts/sso/sign-in/").status_code == 404
    assert client.get("/sso/callback/?code=x&state=y", follow=True).status_code == 404


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_learner_login_page_offers_the_button_after_the_password_form(client, configured, language):
    page = client.get(f"/{language}/accounts/login/?next=/{language}/learning/").text

    assert button_text(language) in page
    assert f'href="/{language}/accounts/sso/sign-in/?next=/{language}/learning/"' in page
    assert page.index('name="password"') < page.index("data-sso-sign-in")


def test_the_admin_login_page_offers_the_button(client, configured):
    page = client.get("/admin/login/?next=/admin/pages/", headers={"accept-language": "en"}).text

    assert button_text("en") in page
    assert 'href="/en/accounts/sso/sign-in/?next=/admin/pages/"' in page
    assert page.index('name="password"') < page.index("data-sso-sign-in")


def test_with_passwords_restricted_the_button_comes_first(client, configured):
    configured.QUDRA_LOCAL_LOGIN = "break-glass"
    configured.QUDRA_BREAK_GLASS_USERNAMES = ["rescue"]

    page = client.get("/en/accounts/login/").text

    assert page.index("data-sso-sign-in") < page.index('name="password"')
    assert "Password sign-in is kept for emergency accounts only" in page


def test_with_passwords_off_neither_login_page_shows_a_password_form(client, configured):
    configured.QUDRA_LOCAL_LOGIN = "off"

    page = client.get("/en/accounts/login/").text
    admin_page = client.get("/admin/login/").text

    assert BUTTON in page
    assert 'name="password"' not in page
    assert 'name="password"' not in admin_page
    assert "sso/sign-in/" in admin_page


@pytest.fixture
def accounts(db):
    return {
        "rescue": EmployeeFactory(user=UserFactory(username="rescue", is_staff=True, is_superuser=True)).user,
        "learner": EmployeeFactory(user=UserFactory(username="plain")).user,
    }


def log_in(client, username: str):
    return client.post("/en/accounts/login/", {"username": username, "password": PASSWORD})


def admin_log_in(client, username: str):
    return client.post("/admin/login/", {"username": username, "password": PASSWORD})


def test_break_glass_mode_lets_only_the_named_accounts_use_a_password_on_both_forms(client, settings, accounts):
    settings.QUDRA_LOCAL_LOGIN = "break-glass"
    settings.QUDRA_BREAK_GLASS_USERNAMES = ["rescue"]

    refused = log_in(client, "plain")
    assert refused.status_code == 200
    assert "Please enter a correct" in refused.text
    assert "_auth_user_id" not in client.session
    assert admin_log_in(client, "plain").status_code == 200
    assert "_auth_user_id" not in client.session

    assert admin_log_in(client, "rescue").status_code == 302
    assert client.session["_auth_user_id"] == str(accounts["rescue"].pk)


def test_passwords_off_refuses_every_account(client, settings, accounts):
    settings.QUDRA_LOCAL_LOGIN = "off"
    settings.QUDRA_BREAK_GLASS_USERNAMES = ["rescue"]

    assert log_in(client, "rescue").status_code == 200
    assert admin_log_in(client, "rescue").status_code == 200
    assert "_auth_user_id" not in client.session


def test_all_mode_keeps_passwords_for_everyone(client, accounts):
    assert log_in(client, "plain").status_code == 302
    assert client.session["_auth_user_id"] == str(accounts["learner"].pk)


def test_a_password_session_opened_before_the_switch_ends_at_its_next_request(client, settings, accounts, catalogue):
    assert log_in(client, "plain").status_code == 302
    assert client.get("/en/learning/").status_code == 200

    settings.QUDRA_LOCAL_LOGIN = "break-glass"
    settings.QUDRA_BREAK_GLASS_USERNAMES = ["rescue"]

    response = client.get("/en/learning/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize(
    ("mode", "names", "sso", "expected"),
    [
        ("all", [], False, []),
        ("sometimes", [], True, ["sso.E001"]),
        ("break-glass", ["rescue"], False, ["sso.W001"]),
        ("break-glass", [], True, ["sso.W002"]),
        ("off", [], True, []),
    ],
)
def test_the_system_checks_say_when_the_sign_in_configuration_locks_people_out(settings, mode, names, sso, expected):
    settings.QUDRA_LOCAL_LOGIN = mode
    settings.QUDRA_BREAK_GLASS_USERNAMES = names
    settings.QUDRA_SSO_ISSUER = "https://id.example.gov.om" if sso else ""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID if sso else ""

    found = [message.id for message in checks.run_checks(tags=[checks.Tags.security]) if message.id.startswith("sso.")]

    assert found == expected


def test_the_refusal_page_knows_only_its_own_reasons(client, configured):
    assert client.get("/en/accounts/sso/refused/anything/").status_code == 404
    page = client.get("/en/accounts/sso/refused/inactive/")
    assert page.status_code == 403
    assert "Your account is inactive" in page.text
    assert 'href="/en/accounts/sso/sign-in/"' in page.text
