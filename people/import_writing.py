"""Writing a checked people import: units placed parents first, employees created or updated in bulk.

Called inside the import's transaction, only once every row has passed its checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .import_reading import ImportProblem
from .import_rows import EmployeePlan, UnitPlan
from .models import Employee, OrgUnit
from .services import LEARNERS

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
    unchanged: int = 0
    # Rows not written, as located messages (staff accounts: people.import_accounts).
    skipped: list[ImportProblem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.units_created,
                self.units_updated,
                self.units_moved,
                self.employees_created,
                self.employees_updated,
                self.employees_moved,
            )
        )

    def counts(self) -> dict[str, int]:
        """The figures, as the audit log and an import job keep them."""
        return {
            "units_created": self.units_created,
            "units_updated": self.units_updated,
            "units_moved": self.units_moved,
            "employees_created": self.employees_created,
            "employees_updated": self.employees_updated,
            "employees_moved": self.employees_moved,
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
    skipped = counts.get("skipped", 0)
    if skipped:
        text += " " + ngettext(
            "%(count)s row was skipped (see below).", "%(count)s rows were skipped (see below).", skipped
        ) % {"count": skipped}
    return text


# -- units -------------------------------------------------------------------------------------------------


def apply_units(plans: list[UnitPlan], result: ImportResult) -> None:
    by_code = {plan.code: plan for plan in plans}

    def depth_in_file(plan: UnitPlan) -> int:
        depth, current = 0, plan.parent_code
        while current in by_code and depth <= len(by_code):
            depth, current = depth + 1, by_code[current].parent_code
        return depth

    # Parents before children, so every parent exists when its child is placed.
    for plan in sorted(plans, key=depth_in_file):
        unit = OrgUnit.objects.filter(code=plan.code).first()
        parent = OrgUnit.objects.get(code=plan.parent_code) if plan.parent_code else None
        if unit is None:
            fields = {"code": plan.code, "name_ar": plan.name_ar, "name_en": plan.name_en, "kind": plan.kind}
            if parent is None:
                OrgUnit.add_root(**fields)
            else:
                parent.add_child(**fields)
            result.units_created += 1
            continue
        changed = _update_unit(unit, plan)
        result.units_updated += changed
        if _move_unit(unit, parent, plan.parent_code):
            result.units_moved += 1
        elif not changed:
            result.unchanged += 1


def _update_unit(unit: OrgUnit, plan: UnitPlan) -> bool:
    changed = False
    for name in ("name_ar", "name_en", "kind"):
        if getattr(unit, name) != getattr(plan, name):
            setattr(unit, name, getattr(plan, name))
            changed = True
    if changed:
        unit.save(update_fields=["name_ar", "name_en", "kind"])
    return changed


def _move_unit(unit: OrgUnit, parent: OrgUnit | None, parent_code: str) -> bool:
    current_parent = unit.get_parent()
    if (current_parent.code if current_parent else "") == parent_code:
        return False
    # Treebeard rewrites the paths of the whole subtree; HR scopes follow (they point at the unit).
    unit.refresh_from_db()
    if parent is None:
        unit.move(OrgUnit.get_first_root_node(), pos="sorted-sibling")
    else:
        parent.refresh_from_db()
        unit.move(parent, pos="sorted-child")
    return True


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
    """What writing the row would change: the employee's fields by name, and "email" and "manager".

    Needs ``employee.user`` and ``employee.manager`` (select them with the employee).
    """
    wanted = _wanted(plan, units)
    changes = [name for name in EMPLOYEE_FIELDS if getattr(employee, name) != wanted[name]]
    if plan.email and employee.user.email != plan.email:
        changes.append("email")
    current_manager = employee.manager.employee_number if employee.manager_id else ""
    if plan.manager is not None and current_manager != plan.manager:
        changes.append("manager")
    return changes


def _count(changes: list[str], result: ImportResult) -> None:
    if not changes:
        result.unchanged += 1
    elif "org_unit_id" in changes:
        result.employees_moved += 1
    else:
        result.employees_updated += 1


def apply_employees(plans: list[EmployeePlan], result: ImportResult) -> None:
    units = unit_ids()
    existing = {
        employee.employee_number: employee
        for employee in Employee.objects.filter(employee_number__in=[plan.number for plan in plans]).select_related(
            "user", "manager"
        )
    }
    to_update, new_plans, user_emails = [], [], []
    for plan in plans:
        employee = existing.get(plan.number)
        if employee is None:
            new_plans.append((plan, _wanted(plan, units)))
            continue
        changes = employee_changes(employee, plan, units)
        _count(changes, result)
        wanted = _wanted(plan, units)
        fields = [name for name in changes if name in EMPLOYEE_FIELDS]
        for name in fields:
            setattr(employee, name, wanted[name])
        to_update += [employee] if fields else []
        if "email" in changes:
            employee.user.email = plan.email
            user_emails.append(employee.user)
    Employee.objects.bulk_update(to_update, EMPLOYEE_FIELDS, batch_size=1000)
    get_user_model().objects.bulk_update(user_emails, ["email"], batch_size=1000)
    if new_plans:
        _create_employees(new_plans)
        result.employees_created += len(new_plans)
    _apply_managers(plans)


def _apply_managers(plans: list[EmployeePlan]) -> None:
    """Set the file's managers once everyone in it exists (a manager may be a new row of the same file)."""
    wanted_numbers = {plan.number: plan.manager for plan in plans if plan.manager is not None}
    if not wanted_numbers:
        return
    numbers = set(wanted_numbers) | {manager for manager in wanted_numbers.values() if manager}
    ids = dict(Employee.objects.filter(employee_number__in=numbers).values_list("employee_number", "id"))
    changed = []
    for employee in Employee.objects.filter(employee_number__in=wanted_numbers).only("employee_number", "manager_id"):
        manager_number = wanted_numbers[employee.employee_number]
        manager_id = ids[manager_number] if manager_number else None
        if employee.manager_id != manager_id:
            employee.manager_id = manager_id
            changed.append(employee)
    Employee.objects.bulk_update(changed, ["manager"], batch_size=1000)


def _create_employees(new_plans: list[tuple[EmployeePlan, dict[str, Any]]]) -> None:
    user_model = get_user_model()
    # Accounts for imported people have no password: they sign in once one is set (or through SSO).
    unusable = make_password(None)
    users = user_model.objects.bulk_create(
        [user_model(username=plan.username, email=plan.email, password=unusable) for plan, _wanted in new_plans],
        batch_size=1000,
    )
    Employee.objects.bulk_create(
        [
            Employee(user=user, employee_number=plan.number, **wanted)
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
