"""Lockout after repeated failed log-ins, per account and per address, on both log-in forms."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def log_in(client, url: str, username: str, password: str, address: str = "10.0.0.1"):
    # The admin's log-in has no language prefix: it follows the browser's language.
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en"
    )


def fail(client, url: str, username: str, times: int, address: str = "10.0.0.1") -> list[int]:
    return [log_in(client, url, username, "wrong-password", address).status_code for _ in range(times)]


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN])
def test_five_failures_lock_the_account_even_for_the_right_password(client, ahmed, url):
    statuses = fail(client, url, "ahmed", 4)
    assert statuses == [200, 200, 200, 200]  # the form with its error, four times
    assert fail(client, url, "ahmed", 1) == [429]  # the fifth failure locks

    response = log_in(client, url, "ahmed", PASSWORD)

    assert response.status_code == 429
    assert "Log-in paused" in response.content.decode()
    assert "paused for 15 minutes, even with the right password" in response.content.decode()
    assert response["Retry-After"] == "900"
    assert not is_signed_in(client)


def test_the_lockout_page_is_in_arabic_on_the_arabic_form(client, ahmed):
    fail(client, "/ar/accounts/login/", "ahmed", 5)

    response = log_in(client, "/ar/accounts/login/", "ahmed", PASSWORD)

    assert response.status_code == 429
    assert 'lang="ar"' in response.content.decode()
    assert "إعادة تعيين كلمة المرور" in response.content.decode()


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, ahmed):
    statuses = fail(client, SITE_LOGIN, "ahmed", 30)

    assert statuses.count(429) == 26
    assert log_in(client, SITE_LOGIN, "ahmed", PASSWORD).status_code == 429
    assert not is_signed_in(client)


def test_the_lockout_ends_after_the_cool_off(client, ahmed):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, SITE_LOGIN, "ahmed", 5)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert log_in(client, SITE_LOGIN, "ahmed", PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        response = log_in(client, SITE_LOGIN, "ahmed", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_tries_while_locked_do_not_extend_the_lockout(client, ahmed):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, SITE_LOGIN, "ahmed", 5)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        assert fail(client, SITE_LOGIN, "ahmed", 3) == [429, 429, 429]
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert log_in(client, SITE_LOGIN, "ahmed", PASSWORD).status_code == 302


def test_the_account_stays_locked_from_another_address(client, ahmed):
    fail(client, SITE_LOGIN, "ahmed", 5, address="10.0.0.1")

    assert log_in(client, SITE_LOGIN, "ahmed", PASSWORD, address="10.9.9.9").status_code == 429


def test_another_account_from_the_same_address_is_not_blocked_by_one_account_lockout(client, ahmed, sara):
    fail(client, SITE_LOGIN, "ahmed", 5)

    response = log_in(client, SITE_LOGIN, "sara", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_twenty_failures_from_one_address_block_every_account_from_it(client, ahmed, sara):
    # Four failures on each of five accounts: no account reaches its limit, the address reaches its own.
    for username in ("a1", "a2", "a3", "a4", "ahmed"):
        fail(client, SITE_LOGIN, username, 4)

    assert log_in(client, SITE_LOGIN, "sara", PASSWORD).status_code == 429
    assert not is_signed_in(client)
    # The same account from another address is fine: only the address is locked.
    assert log_in(client, ADMIN_LOGIN, "sara", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_success_does_not_give_the_failures_back(client, ahmed, sara):
    fail(client, SITE_LOGIN, "ahmed", 4)
    assert log_in(client, SITE_LOGIN, "ahmed", PASSWORD).status_code == 302
    client.post("/en/accounts/logout/")

    assert AccessAttempt.objects.get(username="ahmed").failures_since_start == 4
    # One more failure inside the window locks the account; the address still counts all five.
    assert fail(client, SITE_LOGIN, "ahmed", 1) == [429]
    for username in ("b1", "b2", "b3"):
        fail(client, SITE_LOGIN, username, 5)
    assert log_in(client, SITE_LOGIN, "sara", PASSWORD).status_code == 429


def test_the_client_address_behind_trusted_proxies_is_the_one_counted(client, ahmed, settings):
    settings.QUDRA_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    for _ in range(5):
        client.post(
            SITE_LOGIN, {"username": "x", "password": "y"}, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.7"
        )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
