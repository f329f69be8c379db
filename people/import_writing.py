"""Writing a checked people import: units placed parents first, employees created or updated in bulk.

Called inside the import's transaction, only once every row has passed its checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .import_reading import ImportProblem
from .import_rows import EmployeePlan, UnitPlan
from .models import Employee, OrgUnit
from .services import LEARNERS
from .sync_result import SyncResult

EMPLOYEE_FIELDS = (
    "full_name_ar",
    "full_name_en",
    "org_unit_id",
    "job_title",
    "grade",
    "hire_date",
    "preferred_language",
)


@dataclass
class ImportResult:
    units_created: int = 0
    units_updated: int = 0
    units_moved: int = 0
    employees_created: int = 0
    employees_updated: int = 0
    employees_moved: int = 0
    employees_deactivated: int = 0
    unchanged: int = 0
    # Rows not written, as located messages (staff accounts: people.import_accounts).
    skipped: list[ImportProblem] = field(default_factory=list)

    @classmethod
    def of(cls, units: SyncResult, people: SyncResult, skipped: list[ImportProblem]) -> ImportResult:
        return cls(
            units_created=units.created,
            units_updated=units.updated,
            units_moved=units.moved,
            employees_created=people.created,
            employees_updated=people.updated,
            employees_moved=people.moved,
            employees_deactivated=people.deactivated,
            unchanged=units.unchanged + people.unchanged,
            skipped=skipped,
        )

    @property
    def changed(self) -> bool:
        return any(value for name, value in self.counts().items() if name not in ("unchanged", "skipped"))

    def counts(self) -> dict[str, int]:
        """The figures, as the audit log and an import job keep them."""
        return {
            "units_created": self.units_created,
            "units_updated": self.units_updated,
            "units_moved": self.units_moved,
            "employees_created": self.employees_created,
            "employees_updated": self.employees_updated,
            "employees_moved": self.employees_moved,
            "employees_deactivated": self.employees_deactivated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }

    def summary(self) -> str:
        return summary_of(self.counts())


def summary_of(counts: dict[str, int]) -> str:
    """One sentence of an import's figures (``ImportResult.counts()``), in the active language."""
    text = (
        _(
            "Units: %(units_created)s created, %(units_updated)s updated, %(units_moved)s moved. Employees: "
            "%(employees_created)s created, %(employees_updated)s updated, %(employees_moved)s moved to another unit. "
            "%(unchanged)s rows were already up to date."
        )
        % counts
    )
    deactivated = counts.get("employees_deactivated", 0)
    if deactivated:
        text += " " + ngettext(
            "%(count)s employee left: their account is deactivated.",
            "%(count)s employees left: their accounts are deactivated.",
            deactivated,
        ) % {"count": deactivated}
    skipped = counts.get("skipped", 0)
    if skipped:
        text += " " + ngettext(
            "%(count)s row was skipped (see below).", "%(count)s rows were skipped (see below).", skipped
        ) % {"count": skipped}
    return text


# -- units -------------------------------------------------------------------------------------------------


def apply_units(plans: list[UnitPlan], result: SyncResult) -> None:
    """Renames in one bulk update; new and moved units one by one, parents first (treebeard places them)."""
    existing = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=[plan.code for plan in plans])}
    parent_paths = {unit.path[: -OrgUnit.steplen] for unit in existing.values()}
    code_by_path = dict(OrgUnit.objects.filter(path__in=parent_paths).values_list("path", "code"))
    renamed, placed = [], []
    for plan in plans:
        unit = existing.get(plan.code)
        if unit is None:
            placed.append(plan)
            result.created += 1
            continue
        changed = _update_unit(unit, plan)
        renamed += [unit] if changed else []
        result.updated += changed
        if code_by_path.get(unit.path[: -OrgUnit.steplen], "") != plan.parent_code:
            placed.append(plan)
            result.moved += 1
        elif not changed:
            result.unchanged += 1
    OrgUnit.objects.bulk_update(renamed, ["name_ar", "name_en", "kind"], batch_size=1000)
    by_code = {plan.code: plan for plan in plans}

    def depth_in_file(plan: UnitPlan) -> int:
        depth, current = 0, plan.parent_code
        while current in by_code and depth <= len(by_code):
            depth, current = depth + 1, by_code[current].parent_code
        return depth

    # Parents before children, so every parent exists when its child is placed.
    for plan in sorted(placed, key=depth_in_file):
        parent = OrgUnit.objects.get(code=plan.parent_code) if plan.parent_code else None
        if plan.code in existing:
            _move_unit(OrgUnit.objects.get(code=plan.code), parent)
            continue
        fields = {"code": plan.code, "name_ar": plan.name_ar, "name_en": plan.name_en, "kind": plan.kind}
        if parent is None:
            OrgUnit.add_root(**fields)
        else:
            parent.add_child(**fields)


def _update_unit(unit: OrgUnit, plan: UnitPlan) -> bool:
    changed = False
    for name in ("name_ar", "name_en", "kind"):
        if getattr(unit, name) != getattr(plan, name):
            setattr(unit, name, getattr(plan, name))
            changed = True
    return changed


def _move_unit(unit: OrgUnit, parent: OrgUnit | None) -> None:
    # Treebeard rewrites the paths of the whole subtree; HR scopes follow (they point at the unit).
    if parent is None:
        unit.move(OrgUnit.get_first_root_node(), pos="sorted-sibling")
    else:
        unit.move(parent, pos="sorted-child")


# -- employees ---------------------------------------------------------------------------------------------


def unit_ids() -> dict[str, int]:
    return dict(OrgUnit.objects.values_list("code", "id"))


def _wanted(plan: EmployeePlan, units: dict[str, int]) -> dict[str, Any]:
    return {
        "full_name_ar": plan.name_ar,
        "full_name_en": plan.name_en,
        # None for a unit of the same file not written yet (a staff row is judged before the units are).
        "org_unit_id": units.get(plan.unit_code),
        "job_title": plan.job_title,
        "grade": plan.grade,
        "hire_date": plan.hire_date,
        "preferred_language": plan.language,
    }


def employee_changes(employee: Employee, plan: EmployeePlan, units: dict[str, int]) -> list[str]:
    """What writing the row would change: the employee's fields by name, and "email", "manager",
    "civil_number" and "active". Needs ``employee.user`` and ``employee.manager`` (select them with the employee).
    """
    wanted = _wanted(plan, units)
    changes = [name for name in EMPLOYEE_FIELDS if getattr(employee, name) != wanted[name]]
    if plan.email and employee.user.email != plan.email:
        changes.append("email")
    current_manager = employee.manager.employee_number if employee.manager_id else ""
    if plan.manager is not None and current_manager != plan.manager:
        changes.append("manager")
    if plan.civil_number is not None and employee.civil_number != plan.civil_number:
        changes.append("civil_number")
    if plan.active is not None and employee.user.is_active != plan.active:
        changes.append("active")
    return changes


def _count(changes: list[str], plan: EmployeePlan, result: SyncResult) -> None:
    if not changes:
        result.unchanged += 1
    elif "active" in changes and plan.active is False:
        result.deactivated += 1
    elif "org_unit_id" in changes:
        result.moved += 1
    else:
        result.updated += 1


def apply_employees(plans: list[EmployeePlan], result: SyncResult) -> None:
    units = unit_ids()
    existing = {
        employee.employee_number: employee
        for employee in Employee.objects.filter(employee_number__in=[plan.number for plan in plans]).select_related(
            "user", "manager"
        )
    }
    to_update, new_plans, users = [], [], []
    for plan in plans:
        employee = existing.get(plan.number)
        if employee is None:
            new_plans.append((plan, _wanted(plan, units)))
            continue
        changes = employee_changes(employee, plan, units)
        _count(changes, plan, result)
        wanted = {**_wanted(plan, units), "civil_number": plan.civil_number}
        fields = [name for name in changes if name in wanted]
        for name in fields:
            setattr(employee, name, wanted[name])
        to_update += [employee] if fields else []
        if "email" in changes or "active" in changes:
            employee.user.email = plan.email or employee.user.email
            employee.user.is_active = employee.user.is_active if plan.active is None else plan.active
            users.append(employee.user)
    Employee.objects.bulk_update(to_update, [*EMPLOYEE_FIELDS, "civil_number"], batch_size=1000)
    get_user_model().objects.bulk_update(users, ["email", "is_active"], batch_size=1000)
    created = _create_employees(new_plans) if new_plans else []
    result.created += len(created)
    _apply_managers(plans, [*existing.values(), *created])


def _apply_managers(plans: list[EmployeePlan], employees: list[Employee]) -> None:
    """Set the rows' managers once everyone in them exists (a manager may be a new row of the same batch)."""
    wanted = {plan.number: plan.manager for plan in plans if plan.manager is not None}
    if not wanted:
        return
    ids = {employee.employee_number: employee.pk for employee in employees}
    elsewhere = {manager for manager in wanted.values() if manager and manager not in ids}
    ids.update(Employee.objects.filter(employee_number__in=elsewhere).values_list("employee_number", "id"))
    links = []
    for employee in employees:
        if employee.employee_number not in wanted:
            continue
        manager = wanted[employee.employee_number]
        manager_id = ids[manager] if manager else None
        if employee.manager_id != manager_id:
            links.append((employee.pk, manager_id))
    _set_managers(links)


def _set_managers(links: list[tuple[int, int | None]]) -> None:
    if not links:
        return
    if connection.vendor != "postgresql":
        Employee.objects.bulk_update([Employee(pk=pk, manager_id=manager) for pk, manager in links], ["manager"])
        return
    # One statement with two arrays: bulk_update builds a CASE branch per row, 10 s for 10,000 new people.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_employee AS employee SET manager_id = link.manager_id "
            "FROM unnest(%s::bigint[], %s::bigint[]) AS link(id, manager_id) WHERE employee.id = link.id",
            [[pk for pk, _manager in links], [manager for _pk, manager in links]],
        )


def _create_employees(new_plans: list[tuple[EmployeePlan, dict[str, Any]]]) -> list[Employee]:
    user_model = get_user_model()
    # Accounts for imported people have no password: they sign in once one is set (or through SSO).
    unusable = make_password(None)
    users = user_model.objects.bulk_create(
        [
            user_model(username=plan.username, email=plan.email, password=unusable, is_active=plan.active is not False)
            for plan, _wanted in new_plans
        ],
        batch_size=1000,
    )
    employees = Employee.objects.bulk_create(
        [
            Employee(user=user, employee_number=plan.number, civil_number=plan.civil_number, **wanted)
            for user, (plan, wanted) in zip(users, new_plans, strict=True)
        ],
        batch_size=1000,
    )
    learners = Group.objects.filter(name=LEARNERS).first()
    if learners is not None:
        membership = user_model.groups.through
        membership.objects.bulk_create(
            [membership(user_id=user.pk, group_id=learners.pk) for user in users], batch_size=1000
        )
    return employees
