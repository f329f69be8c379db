"""Account protection in a real browser, in Arabic and in English: the lockout page, the password reset,
two-factor enrolment and sign-in with a recovery code, and the admin's unlock screen. Every page is
checked (language, direction, axe) and shot at 1366 px and 375 px."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.services import ADMINISTRATORS, TRAINERS
from tests.browser.conftest import PASSWORD, Visitor, person, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1366, "height": 900}


def shoot(visitor: Visitor, name: str, **options) -> None:
    visitor.page.set_viewport_size(WIDE)
    visitor.check(name, **options)


def submit(visitor: Visitor, label: str, *, refused: bool = False) -> None:
    visitor.page.get_by_role("button", name=visitor.t(label)).click()
    visitor.page.wait_for_load_state("load")
    if refused:
        # The browser logs a 4xx answer as a console error; here it is the answer the test expects.
        visitor.console_errors[:] = [error for error in visitor.console_errors if "status of 4" not in error[0]]


def lock(live_server, username: str) -> None:
    client = Client()
    for _ in range(5):
        client.post("/en/accounts/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR="127.0.0.1")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_lockout_and_password_reset(language, visitor_for, live_server, roles):
    person(f"locked-{language}", language)
    lock(live_server, f"locked-{language}")
    visitor = visitor_for(language)
    page = visitor.page

    visitor.goto(f"/{language}/accounts/login/")
    shoot(visitor, "login")
    page.get_by_label(visitor.t("Username")).fill(f"locked-{language}")
    page.get_by_label(visitor.t("Password"), exact=True).fill(PASSWORD)
    submit(visitor, "Log in", refused=True)
    assert page.get_by_role("heading", name=visitor.t("Log-in paused")).is_visible()
    shoot(visitor, "locked-out")

    page.get_by_role("link", name=visitor.t("Reset my password")).click()
    page.wait_for_load_state("load")
    shoot(visitor, "password-reset")
    page.get_by_label(visitor.t("E-mail address")).fill("not an address")
    submit(visitor, "Send the link", refused=True)
    shoot(visitor, "password-reset-invalid")
    page.get_by_label(visitor.t("E-mail address")).fill(f"locked-{language}@example.om")
    submit(visitor, "Send the link")
    shoot(visitor, "password-reset-sent")

    link = re.search(r"http://\S+/accounts/password/reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("/", 3)[3]
    visitor.goto(f"/{path}")
    shoot(visitor, "password-reset-new-password")
    page.get_by_label(visitor.t("New password"), exact=True).fill("a-fresh-passphrase-9")
    page.get_by_label(visitor.t("New password again")).fill("a-fresh-passphrase-9")
    submit(visitor, "Save the new password")
    shoot(visitor, "password-reset-complete")
    visitor.goto(f"/{path}")
    shoot(visitor, "password-reset-link-used")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_two_factor_enrolment_and_recovery(language, visitor_for, live_server, roles, settings):
    settings.QUDRA_STAFF_2FA_REQUIRED = True
    trainer = person(f"trainer-{language}", language, TRAINERS)
    visitor = visitor_for(language)
    page = visitor.page

    visitor.log_in(trainer.username, PASSWORD)
    assert "/accounts/two-factor/enrol/" in page.url
    shoot(visitor, "two-factor-enrol")
    page.get_by_label(visitor.t("Code")).fill("000000")
    submit(visitor, "Confirm", refused=True)
    shoot(visitor, "two-factor-enrol-wrong-code")
    device = TOTPDevice.objects.get(user=trainer)
    # As a person would, type the right code after django-otp's pause of 1 s that follows a wrong one.
    pause_ends = device.throttling_failure_timestamp + timedelta(seconds=1)
    time.sleep(max(0.0, (pause_ends - timezone.now()).total_seconds()) + 0.1)
    page.get_by_label(visitor.t("Code")).fill(f"{totp(device.bin_key):06d}")
    submit(visitor, "Confirm")
    shoot(visitor, "recovery-codes")
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10

    again = visitor_for(language, suffix="second-sign-in")
    again.log_in(trainer.username, PASSWORD)
    assert "/accounts/two-factor/" in again.page.url
    shoot(again, "two-factor-verify")
    again.page.get_by_label(again.t("Code")).fill(codes[0])
    submit(again, "Continue")
    assert "/accounts/two-factor/" not in again.page.url
    again.goto(f"/{language}/accounts/two-factor/recovery-codes/")
    shoot(again, "recovery-codes-status")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_unlock_screen(language, chromium, visitor_for, live_server, roles):
    administrator = person(f"chief-{language}", language, ADMINISTRATORS)
    person("ahmed", "ar")
    lock(live_server, "ahmed")
    context = signed_in_context(chromium, live_server, administrator, language, viewport=WIDE)
    visitor = Visitor(
        page=context.new_page(), language=language, base_url=live_server.url, folder=visitor_for(language).folder
    )

    visitor.goto("/admin/accounts/lockouts/")
    shoot(visitor, "unlock-screen")
    visitor.page.get_by_role("button", name=visitor.t("Unlock %(value)s") % {"value": "ahmed"}).click()
    visitor.page.wait_for_load_state("load")
    shoot(visitor, "unlocked")
    assert not visitor.page.get_by_role("button", name=visitor.t("Unlock %(value)s") % {"value": "ahmed"}).count()
    context.close()
