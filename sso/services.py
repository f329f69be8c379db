"""Signing an employee in from the identity provider's claims: matching, linking, creating, updating.

The rules (docs/sso.md):

- An account is found only through its employee record: by the civil number claim or by the employee
  number claim, never by e-mail. Claims that point at two different records, or at a record that carries
  another civil number, are refused.
- A record found by its employee number that has no civil number yet is linked to the claim's civil
  number (an audit entry says so).
- A staff or superuser account is signed in only when every identifier the claims carry equals its
  employee record's, with nothing to link: single sign-on never widens who can act as an administrator.
- With ``QUDRA_SSO_CREATE_USERS`` a person with no record gets an account and a record in the open unit
  the unit-code claim names (audit entry); an unknown or closed unit is refused.
- With ``QUDRA_SSO_UPDATE_PROFILE`` the names, e-mail and line manager follow the claims at each sign-in.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from audit.services import field_changes, record
from people.models import Employee, OrgUnit
from people.services import LEARNERS

from . import conf

logger = logging.getLogger(__name__)

# How far up a manager chain is walked to refuse a loop (A manages B manages A).
MAX_MANAGER_CHAIN = 50


class Refusal(StrEnum):
    """Why a sign-in was refused; each has its own explanation on the refusal page."""

    NO_EMPLOYEE = "no-employee"
    INACTIVE = "inactive"
    CONFLICT = "conflict"
    UNIT = "unit"
    INCOMPLETE = "incomplete"
    PRIVILEGED = "privileged"
    INVALID = "invalid"
    DENIED = "denied"
    UNAVAILABLE = "unavailable"


class SignInRefused(Exception):
    def __init__(self, reason: Refusal, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """What the provider's claims say about the person, under Qudra's names."""

    subject: str
    civil_number: str = ""
    employee_number: str = ""
    unit_code: str = ""
    manager_employee_number: str = ""
    name_ar: str = ""
    name_en: str = ""
    email: str = ""

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Identity:
        def read(key: str) -> str:
            value = claims.get(conf.claim_name(key))
            # Numbers may arrive as JSON numbers; anything structured is not an identifier.
            return str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""

        return cls(subject=str(claims.get("sub", "")), **{key: read(key) for key in conf.CLAIM_KEYS})


def _refuse(reason: Refusal, detail: str) -> SignInRefused:
    logger.info("single sign-on refused (%s): %s", reason, detail)
    return SignInRefused(reason, detail)


@transaction.atomic
def sign_in(*, identity: Identity, language: str, request: HttpRequest | None = None) -> User:
    """The user these claims sign in, after linking, creating or updating what the rules allow."""
    _check_identifiers(identity)
    employee = _matching_employee(identity)
    if employee is None:
        try:
            with transaction.atomic():
                return _create_account(identity, language=language, request=request)
        except IntegrityError:
            # A concurrent first sign-in of the same person created the record a moment ago.
            employee = _matching_employee(identity)
            if employee is None:
                raise _refuse(Refusal.CONFLICT, "the account could not be created") from None
    user = employee.user
    _check_may_sign_in(user, employee, identity)
    _link_civil_number(employee, identity, request)
    if settings.QUDRA_SSO_UPDATE_PROFILE:
        _update_profile(employee, identity, request)
    return user


def _check_identifiers(identity: Identity) -> None:
    if not identity.civil_number and not identity.employee_number:
        raise _refuse(Refusal.INCOMPLETE, "neither a civil number nor an employee number claim")
    # An identifier longer than its column would have to be cut, and a cut identifier is someone else's.
    for field in ("civil_number", "employee_number"):
        if len(getattr(identity, field)) > int(getattr(Employee._meta.get_field(field), "max_length", 0) or 0):
            raise _refuse(Refusal.INCOMPLETE, f"the {field} claim is too long")


def _locked_employee(**lookup: str) -> Employee | None:
    return Employee.objects.select_for_update().select_related("user").filter(**lookup).first()


def _matching_employee(identity: Identity) -> Employee | None:
    by_civil = _locked_employee(civil_number=identity.civil_number) if identity.civil_number else None
    by_number = _locked_employee(employee_number=identity.employee_number) if identity.employee_number else None
    if by_civil is not None and by_number is not None and by_civil.pk != by_number.pk:
        raise _refuse(Refusal.CONFLICT, "the civil number and the employee number belong to two records")
    employee = by_civil or by_number
    if employee is not None and by_civil is None and identity.civil_number and employee.civil_number:
        raise _refuse(Refusal.CONFLICT, "the record found by employee number carries another civil number")
    return employee


def _matches_exactly(employee: Employee, identity: Identity) -> bool:
    civil_ok = not identity.civil_number or employee.civil_number == identity.civil_number
    number_ok = not identity.employee_number or employee.employee_number == identity.employee_number
    return civil_ok and number_ok


def _check_may_sign_in(user: User, employee: Employee, identity: Identity) -> None:
    if not user.is_active:
        raise _refuse(Refusal.INACTIVE, f"account {user.pk} is inactive")
    if (user.is_staff or user.is_superuser) and not _matches_exactly(employee, identity):
        raise _refuse(Refusal.PRIVILEGED, f"privileged account {user.pk} does not match its record exactly")


def _link_civil_number(employee: Employee, identity: Identity, request: HttpRequest | None) -> None:
    if not identity.civil_number or employee.civil_number:
        return
    employee.civil_number = identity.civil_number
    employee.save(update_fields=["civil_number"])
    record(
        "sso.linked",
        actor=employee.user,
        target=employee,
        changes={"civil_number": [None, identity.civil_number], "subject": identity.subject},
        request=request,
    )


def _update_profile(employee: Employee, identity: Identity, request: HttpRequest | None) -> None:
    user = employee.user
    before = {
        "full_name_ar": employee.full_name_ar,
        "full_name_en": employee.full_name_en,
        "manager": employee.manager_id,
        "email": user.email,
    }
    employee.full_name_ar = identity.name_ar[:255] or employee.full_name_ar
    employee.full_name_en = identity.name_en[:255] or employee.full_name_en
    manager = _manager_for(employee, identity.manager_employee_number)
    if manager is not None:
        employee.manager = manager
    user.email = identity.email or user.email
    after = {
        "full_name_ar": employee.full_name_ar,
        "full_name_en": employee.full_name_en,
        "manager": employee.manager_id,
        "email": user.email,
    }
    changes = field_changes(before, after)
    if not changes:
        return
    employee.save(update_fields=["full_name_ar", "full_name_en", "manager"])
    user.save(update_fields=["email"])
    record("sso.profile_updated", actor=user, target=employee, changes=changes, request=request)


def _manager_for(employee: Employee, manager_number: str) -> Employee | None:
    """The line manager the claim names, unless unknown, the employee themselves, or one of their reports."""
    if not manager_number or manager_number == employee.employee_number:
        return None
    manager = Employee.objects.filter(employee_number=manager_number).first()
    if manager is None:
        logger.info("manager claim %s names no employee; the line manager is left as it was", manager_number)
        return None
    chain: Employee | None = manager
    for _step in range(MAX_MANAGER_CHAIN):
        if chain is None:
            return manager
        if employee.pk is not None and chain.pk == employee.pk:
            logger.info("manager claim %s would make a loop; left as it was", manager_number)
            return None
        chain = chain.manager
    return manager


def _open_unit(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first() if code else None
    if unit is None or unit.closed_at is not None:
        raise _refuse(Refusal.UNIT, f"unit code {code!r} is unknown or closed")
    return unit


def _create_account(identity: Identity, *, language: str, request: HttpRequest | None) -> User:
    if not settings.QUDRA_SSO_CREATE_USERS:
        raise _refuse(Refusal.NO_EMPLOYEE, f"no employee record matches subject {identity.subject}")
    name_ar = (identity.name_ar or identity.name_en)[:255]
    name_en = (identity.name_en or identity.name_ar)[:255]
    if not identity.employee_number or not name_ar:
        raise _refuse(Refusal.INCOMPLETE, "creating an account needs an employee number and a name")
    unit = _open_unit(identity.unit_code)
    username = identity.employee_number.lower()
    if User.objects.filter(username=username).exists():
        raise _refuse(Refusal.CONFLICT, f"user name {username} is taken by an account with no matching record")
    # No usable password: the account signs in through the identity provider only.
    user = User.objects.create_user(username=username, email=identity.email, password=None)
    employee = Employee(
        user=user,
        employee_number=identity.employee_number,
        civil_number=identity.civil_number or None,
        full_name_ar=name_ar,
        full_name_en=name_en,
        org_unit=unit,
        preferred_language=language if language in dict(Employee.Language.choices) else Employee.Language.ARABIC,
    )
    employee.manager = _manager_for(employee, identity.manager_employee_number)
    employee.save()
    learners = Group.objects.filter(name=LEARNERS).first()
    if learners is not None:
        user.groups.add(learners)
    record(
        "sso.account_created",
        actor=user,
        target=employee,
        changes={
            "employee_number": identity.employee_number,
            "civil_number": identity.civil_number,
            "org_unit": unit.code,
            "subject": identity.subject,
        },
        request=request,
    )
    return user
