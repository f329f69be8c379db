"""Writes of the accounts app: unlocking log-ins, enrolling a second factor, recovery codes, verifying."""

from __future__ import annotations

import math
import re

import django_otp
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import record

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
TOTP_PATTERN = re.compile(r"^\d{6}$")


class NotLocked(Exception):
    """The account or address to unlock has no failures recorded (any more)."""


class WaitBeforeNextCode(Exception):
    """django-otp refuses any code, right or wrong, for 1, 2, 4... seconds after each wrong one."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def _check_code(device: Device, code: str) -> bool:
    allowed, details = device.verify_is_allowed()
    if not allowed and details and "locked_until" in details:
        raise WaitBeforeNextCode(max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds())))
    return device.verify_token(code)


@transaction.atomic
def unlock(*, kind: str, value: str, actor: User, request: HttpRequest) -> int:
    """Forget the failed log-ins of one account (``kind="account"``) or one address; audited."""
    field = "username" if kind == "account" else "ip_address"
    attempts = AccessAttempt.objects.select_for_update().filter(**{field: value})
    failures = sum(attempt.failures_since_start for attempt in attempts)
    if not failures:
        raise NotLocked(value)
    attempts.delete()
    target = User.objects.filter(username=value).first() if kind == "account" else None
    record(
        "account.unlocked",
        actor=actor,
        target=target,
        changes={"kind": kind, field: value, "failures": failures},
        request=request,
    )
    return failures


@transaction.atomic
def start_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator key, created once and kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def _new_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.QUDRA_2FA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def confirm_enrolment(*, request: HttpRequest, user: User, token: str) -> list[str] | None:
    """Confirm the pending key with its first code: the key replaces any earlier one, the session counts as
    verified and a fresh set of recovery codes is returned (to show once). None if the code is wrong;
    WaitBeforeNextCode if it came too soon after a wrong one."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None or not _check_code(device, normalise_code(token)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    django_otp.login(request, device)
    record("account.2fa_enrolled", actor=user, target=user, request=request)
    return codes


@transaction.atomic
def regenerate_recovery_codes(*, request: HttpRequest, user: User) -> list[str]:
    """Replace every recovery code of the user by new ones; the old ones stop working at once."""
    codes = _new_recovery_codes(user)
    record("account.recovery_codes_regenerated", actor=user, target=user, request=request)
    return codes


def normalise_code(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()


@transaction.atomic
def verify_second_factor(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a six-digit code against the user's authenticator or anything else against their recovery
    codes (each works once); on success the session is verified. django-otp throttles every device:
    after a wrong code the next try waits 1, 2, 4... seconds (WaitBeforeNextCode)."""
    code = normalise_code(token)
    model = TOTPDevice if TOTP_PATTERN.match(code) else StaticDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None or not _check_code(device, code):
        return False
    django_otp.login(request, device)
    if model is StaticDevice:
        record("account.recovery_code_used", actor=user, target=user, request=request)
    return True
