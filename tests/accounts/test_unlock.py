"""The admin's locked-out log-ins screen: who is listed, unlocking, the audit entry, who may use it."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from audit.models import AuditEntry
from people.services import ADMINISTRATORS, HR_OFFICERS
from tests.builders.roles import member_of, speaks

from .conftest import PASSWORD
from .test_lockout import SITE_LOGIN, fail, log_in

pytestmark = pytest.mark.django_db

SCREEN = "/admin/accounts/lockouts/"


@pytest.fixture
def administrator(roles):
    return speaks(member_of(ADMINISTRATORS, "chief"), "en")


@pytest.fixture
def admin_client(administrator):
    from django.test import Client

    client = Client()
    client.force_login(administrator)
    return client


def test_the_screen_lists_locked_accounts_and_addresses(client, admin_client, ahmed):
    fail(client, SITE_LOGIN, "ahmed", 5, address="10.0.0.7")
    for username in ("x1", "x2", "x3", "x4"):
        fail(client, SITE_LOGIN, username, 5, address="10.0.0.8")
    fail(client, SITE_LOGIN, "sara", 2, address="10.0.0.9")  # below every limit: not listed

    page = admin_client.get(SCREEN).content.decode()

    assert "Locked-out log-ins" in page
    for shown in ("ahmed", "10.0.0.7", "10.0.0.8", "x1", "x4", "Unlock ahmed", "Unlock address 10.0.0.8"):
        assert shown in page
    assert "10.0.0.9" not in page and "Unlock sara" not in page


def test_unlocking_an_account_lets_the_right_password_in_and_is_audited(client, admin_client, administrator, ahmed):
    fail(client, SITE_LOGIN, "ahmed", 5)
    assert log_in(client, SITE_LOGIN, "ahmed", PASSWORD).status_code == 429

    response = admin_client.post(SCREEN, {"kind": "account", "value": "ahmed"}, follow=True)

    assert "ahmed can log in again; 5 failed attempts were forgotten." in response.content.decode()
    assert "Unlock ahmed" not in response.content.decode()
    assert not AccessAttempt.objects.filter(username="ahmed").exists()
    entry = AuditEntry.objects.get(action="account.unlocked")
    assert entry.actor == administrator
    assert entry.target_type == "auth.user" and entry.target_id == str(ahmed.pk)
    assert entry.changes == {"kind": "account", "username": "ahmed", "failures": 5}
    assert log_in(client, SITE_LOGIN, "ahmed", PASSWORD).status_code == 302


def test_unlocking_an_address(client, admin_client, sara):
    for username in ("x1", "x2", "x3", "x4"):
        fail(client, SITE_LOGIN, username, 5)
    assert log_in(client, SITE_LOGIN, "sara", PASSWORD).status_code == 429

    admin_client.post(SCREEN, {"kind": "address", "value": "10.0.0.1"})

    entry = AuditEntry.objects.get(action="account.unlocked")
    assert entry.changes == {"kind": "address", "ip_address": "10.0.0.1", "failures": 20}
    assert entry.target_id == ""
    assert log_in(client, SITE_LOGIN, "sara", PASSWORD).status_code == 302


def test_unlocking_what_is_not_locked_says_so_and_writes_nothing(admin_client):
    response = admin_client.post(SCREEN, {"kind": "account", "value": "ghost"}, follow=True)

    assert "ghost was not locked out (any more)." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_a_bad_unlock_request_is_refused_with_a_message(admin_client):
    response = admin_client.post(SCREEN, {"kind": "everyone", "value": "x"}, follow=True)

    assert "Choose a lockout to lift." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_only_administrators_see_and_use_the_screen(client, roles, ahmed):
    hr_officer = member_of(HR_OFFICERS, "hr")
    fail(client, SITE_LOGIN, "ahmed", 5)
    client.force_login(hr_officer)

    # The admin answers a refused page by sending to its dashboard with a message.
    for response in (client.get(SCREEN), client.post(SCREEN, {"kind": "account", "value": "ahmed"})):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert AccessAttempt.objects.filter(username="ahmed").exists()
    assert "Locked-out log-ins" not in client.get("/admin/").content.decode()


def test_the_settings_menu_offers_it_to_administrators(admin_client):
    assert SCREEN in admin_client.get("/admin/").content.decode()
