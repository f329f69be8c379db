"""Writes of the organisation screens: units, people, HR scopes and roles, each with its audit entry.

Every function runs in one transaction with the audit entry it writes, so a change is never recorded
without happening, nor the reverse. Who may make the change (the subtree a ministry administrator
administers) is checked by the views through ``people.scope`` before they call in here; these functions
check what is true whoever asks: no cycles, nothing into a closed unit, no unit into its own subtree.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import field_changes, record

from .models import Employee, HRScope, OrgUnit
from .services import HR_OFFICERS, MINISTRY_ADMINISTRATORS

ROLE_GROUPS = {HRScope.Role.HR_OFFICER: HR_OFFICERS, HRScope.Role.MINISTRY_ADMIN: MINISTRY_ADMINISTRATORS}


class ChangeRefused(Exception):
    """A change the organisation's rules do not allow; the message says why, in the reader's language."""


def _refuse_closed(unit: OrgUnit | None) -> None:
    if unit is not None and unit.closed_at is not None:
        raise ChangeRefused(_("%(unit)s is closed: it takes no new people or units.") % {"unit": unit})


def _unit_label(unit: OrgUnit | None) -> str:
    return unit.code if unit is not None else ""


@transaction.atomic
def create_unit(
    *,
    actor: User,
    parent: OrgUnit | None,
    code: str,
    name_ar: str,
    name_en: str,
    kind: str,
    request: HttpRequest | None = None,
) -> OrgUnit:
    _refuse_closed(parent)
    fields = {"code": code, "name_ar": name_ar, "name_en": name_en, "kind": kind}
    unit = parent.add_child(**fields) if parent is not None else OrgUnit.add_root(**fields)
    record(
        "orgunit.created",
        actor=actor,
        target=unit,
        changes={**fields, "parent": _unit_label(parent)},
        request=request,
    )
    return unit


@transaction.atomic
def rename_unit(
    *, actor: User, unit: OrgUnit, name_ar: str, name_en: str, request: HttpRequest | None = None
) -> OrgUnit:
    before = {"name_ar": unit.name_ar, "name_en": unit.name_en}
    after = {"name_ar": name_ar, "name_en": name_en}
    changes = field_changes(before, after)
    if not changes:
        return unit
    OrgUnit.objects.filter(pk=unit.pk).update(**after)
    unit.refresh_from_db()
    record("orgunit.renamed", actor=actor, target=unit, changes=changes, request=request)
    return unit


@transaction.atomic
def move_unit(*, actor: User, unit: OrgUnit, parent: OrgUnit | None, request: HttpRequest | None = None) -> OrgUnit:
    """Move a unit and its subtree under ``parent`` (``None``: to the top, as a ministry)."""
    unit.refresh_from_db()
    old_parent = unit.get_parent()
    if parent is not None:
        parent.refresh_from_db()
        if parent.pk == unit.pk or parent.is_descendant_of(unit):
            raise ChangeRefused(_("A unit cannot be moved into itself or into a unit below it."))
    if (old_parent.pk if old_parent else None) == (parent.pk if parent else None):
        raise ChangeRefused(_("The unit is already there."))
    _refuse_closed(parent)
    if parent is None:
        unit.move(OrgUnit.get_first_root_node(), "sorted-sibling")
    else:
        unit.move(parent, "sorted-child")
    unit.refresh_from_db()
    record(
        "orgunit.moved",
        actor=actor,
        target=unit,
        changes={"parent": [_unit_label(old_parent), _unit_label(parent)]},
        request=request,
    )
    return unit


def active_people_below(unit: OrgUnit) -> int:
    return Employee.objects.filter(org_unit__path__startswith=unit.path, user__is_active=True).count()


@transaction.atomic
def close_unit(*, actor: User, unit: OrgUnit, request: HttpRequest | None = None) -> OrgUnit:
    """Close a unit and the open units below it; refused while anyone active still works in them.

    Closing the subtree too means no unit under a closed one still takes people; history is kept.
    """
    unit.refresh_from_db()
    if unit.closed_at is not None:
        raise ChangeRefused(_("The unit is already closed."))
    people = active_people_below(unit)
    if people:
        raise ChangeRefused(
            _("%(count)d active people still work in this unit or below it: move them to another unit first.")
            % {"count": people}
        )
    now = timezone.now()
    below = OrgUnit.objects.filter(path__startswith=unit.path, closed_at__isnull=True)
    codes = sorted(below.exclude(pk=unit.pk).values_list("code", flat=True))
    below.update(closed_at=now)
    unit.refresh_from_db()
    record("orgunit.closed", actor=actor, target=unit, changes={"units_below": ", ".join(codes)}, request=request)
    return unit


@transaction.atomic
def reopen_unit(*, actor: User, unit: OrgUnit, request: HttpRequest | None = None) -> OrgUnit:
    """Reopen one unit (the units below stay closed until reopened each), under an open parent only."""
    unit.refresh_from_db()
    if unit.closed_at is None:
        raise ChangeRefused(_("The unit is open."))
    parent = unit.get_parent()
    if parent is not None and parent.closed_at is not None:
        raise ChangeRefused(_("Reopen %(unit)s first: a unit cannot be open under a closed one.") % {"unit": parent})
    OrgUnit.objects.filter(pk=unit.pk).update(closed_at=None)
    unit.refresh_from_db()
    record("orgunit.reopened", actor=actor, target=unit, request=request)
    return unit


@transaction.atomic
def move_employee(*, actor: User, employee: Employee, unit: OrgUnit, request: HttpRequest | None = None) -> Employee:
    if employee.org_unit_id == unit.pk:
        return employee
    _refuse_closed(unit)
    before = employee.org_unit
    Employee.objects.filter(pk=employee.pk).update(org_unit=unit)
    employee.refresh_from_db()
    record(
        "employee.moved", actor=actor, target=employee, changes={"org_unit": [before.code, unit.code]}, request=request
    )
    return employee


def _manages(manager: Employee, employee: Employee) -> bool:
    """Whether ``employee`` is ``manager`` or above them in the management chain."""
    seen: set[int] = set()
    current: Employee | None = manager
    while current is not None and current.pk not in seen:
        if current.pk == employee.pk:
            return True
        seen.add(current.pk)
        current = current.manager
    return False


@transaction.atomic
def set_manager(
    *, actor: User, employee: Employee, manager: Employee | None, request: HttpRequest | None = None
) -> Employee:
    """Set or clear the line manager; refused for oneself and for a chain that would come back round."""
    if manager is not None and manager.pk == employee.pk:
        raise ChangeRefused(_("A person cannot be their own manager."))
    if manager is not None and _manages(manager, employee):
        raise ChangeRefused(
            _("%(manager)s reports to %(employee)s: this would make a loop.")
            % {"manager": manager, "employee": employee}
        )
    before = employee.manager
    if (before.pk if before else None) == (manager.pk if manager else None):
        return employee
    Employee.objects.filter(pk=employee.pk).update(manager=manager)
    employee.refresh_from_db()
    numbers = [before.employee_number if before else "", manager.employee_number if manager else ""]
    record("employee.manager_changed", actor=actor, target=employee, changes={"manager": numbers}, request=request)
    return employee


@transaction.atomic
def set_active(*, actor: User, employee: Employee, active: bool, request: HttpRequest | None = None) -> Employee:
    """Let a person sign in again, or stop them; their records stay either way."""
    user = employee.user
    if user.pk == actor.pk and not active:
        raise ChangeRefused(_("You cannot deactivate your own account."))
    if active and employee.org_unit.closed_at is not None:
        _refuse_closed(employee.org_unit)
    if user.is_active == active:
        return employee
    type(user).objects.filter(pk=user.pk).update(is_active=active)
    user.refresh_from_db()
    action = "employee.activated" if active else "employee.deactivated"
    record(action, actor=actor, target=employee, changes={"is_active": [not active, active]}, request=request)
    return employee


def _join_group(*, actor: User, user: User, name: str, request: HttpRequest | None) -> None:
    group = Group.objects.get(name=name)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        record("role.granted", actor=actor, target=user, changes={"role": name}, request=request)


def _leave_group(*, actor: User, user: User, name: str, request: HttpRequest | None) -> None:
    group = Group.objects.get(name=name)
    if user.groups.filter(pk=group.pk).exists():
        user.groups.remove(group)
        record("role.revoked", actor=actor, target=user, changes={"role": name}, request=request)


@transaction.atomic
def grant_scope(*, actor: User, user: User, unit: OrgUnit, role: str, request: HttpRequest | None = None) -> HRScope:
    """Give ``user`` a scope on ``unit``'s subtree with ``role``, and the group that role needs."""
    scope, created = HRScope.objects.get_or_create(user=user, org_unit=unit, defaults={"role": role})
    old_role = None if created else scope.role
    if old_role == role:
        raise ChangeRefused(_("%(user)s already has this role on %(unit)s.") % {"user": user, "unit": unit})
    if old_role is not None:
        HRScope.objects.filter(pk=scope.pk).update(role=role)
        scope.refresh_from_db()
    record(
        "hrscope.granted",
        actor=actor,
        target=scope,
        changes={"user": user.get_username(), "org_unit": unit.code, "role": [old_role or "", role]},
        request=request,
    )
    _join_group(actor=actor, user=user, name=ROLE_GROUPS[HRScope.Role(role)], request=request)
    if old_role is not None:
        _leave_group_if_unused(actor=actor, user=user, role=old_role, request=request)
    return scope


def _leave_group_if_unused(*, actor: User, user: User, role: str, request: HttpRequest | None) -> None:
    if not HRScope.objects.filter(user=user, role=role).exists():
        _leave_group(actor=actor, user=user, name=ROLE_GROUPS[HRScope.Role(role)], request=request)


@transaction.atomic
def revoke_scope(*, actor: User, scope: HRScope, request: HttpRequest | None = None) -> None:
    """Remove a scope; the user leaves the role's group when no scope of that role is left."""
    user, role = scope.user, scope.role
    record(
        "hrscope.revoked",
        actor=actor,
        target=scope,
        changes={"user": user.get_username(), "org_unit": scope.org_unit.code, "role": role},
        request=request,
    )
    HRScope.objects.filter(pk=scope.pk).delete()
    _leave_group_if_unused(actor=actor, user=user, role=role, request=request)


@transaction.atomic
def set_role(*, actor: User, user: User, role: str, member: bool, request: HttpRequest | None = None) -> None:
    """Add ``user`` to a role's group, or take them out of it (trainers; administrators for administrators)."""
    if not member and user.pk == actor.pk:
        raise ChangeRefused(_("You cannot take a role away from yourself."))
    if member:
        _join_group(actor=actor, user=user, name=role, request=request)
    else:
        _leave_group(actor=actor, user=user, name=role, request=request)
