"""Reads of the accounts app: who counts as staff for two-factor authentication, and current lockouts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.services import ADMINISTRATORS, HR_OFFICERS, TRAINERS

STAFF_GROUPS = (TRAINERS, HR_OFFICERS, ADMINISTRATORS)


def is_staff_member(user: User | AnonymousUser) -> bool:
    """Superusers, Trainers, HR officers, Administrators and anyone with an HR scope (HR officers and
    ministry administrators alike): the people whose accounts reach other people's data or the admin."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        User.objects.filter(pk=user.pk).filter(Q(groups__name__in=STAFF_GROUPS) | Q(hr_scopes__isnull=False)).exists()
    )


@dataclass(frozen=True)
class Lockout:
    """An account or an address past its failure limit inside the cool-off window."""

    kind: str  # "account" or "address"
    value: str  # the username or the address
    failures: int
    last_failure: datetime
    unlocks_at: datetime
    related: list[str] = field(default_factory=list)  # the addresses an account was tried from, or the accounts


def _window():
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)


def _related(kind: str, values: list[str]) -> dict[str, list[str]]:
    """For each locked account its addresses, for each locked address its accounts (sorted, distinct)."""
    key, other = ("username", "ip_address") if kind == "account" else ("ip_address", "username")
    related: dict[str, set[str]] = {value: set() for value in values}
    for row in _window().filter(**{f"{key}__in": values}).values(key, other).distinct():
        if row[other]:
            related[row[key]].add(row[other])
    return {value: sorted(items) for value, items in related.items()}


def _locked(kind: str, limit: int) -> list[Lockout]:
    key = "username" if kind == "account" else "ip_address"
    rows = list(
        _window()
        .exclude(**{f"{key}__isnull": True})
        .values(key)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=limit)
        .order_by("-last")
    )
    related = _related(kind, [row[key] for row in rows])
    return [
        Lockout(
            kind=kind,
            value=row[key],
            failures=row["failures"],
            last_failure=row["last"],
            unlocks_at=row["last"] + settings.AXES_COOLOFF_TIME,
            related=related[row[key]],
        )
        for row in rows
    ]


def current_lockouts() -> list[Lockout]:
    """Every account and address locked out now, most recent failure first; three queries each kind."""
    lockouts = _locked("account", settings.QUDRA_LOCKOUT_ACCOUNT_FAILURES)
    lockouts += _locked("address", settings.QUDRA_LOCKOUT_ADDRESS_FAILURES)
    return sorted(lockouts, key=lambda lockout: lockout.last_failure, reverse=True)


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
