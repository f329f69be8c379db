"""Writing a checked people import: units placed parents first, employees created or updated in bulk.

Called inside the import's transaction, only once every row has passed its checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

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

    def summary(self) -> str:
        return _(
            "Units: %(uc)s created, %(uu)s updated, %(um)s moved. Employees: %(ec)s created, %(eu)s updated, "
            "%(em)s moved to another unit. %(same)s rows were already up to date."
        ) % {
            "uc": self.units_created,
            "uu": self.units_updated,
            "um": self.units_moved,
            "ec": self.employees_created,
            "eu": self.employees_updated,
            "em": self.employees_moved,
            "same": self.unchanged,
        }


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


def apply_employees(plans: list[EmployeePlan], result: ImportResult) -> None:
    units = dict(OrgUnit.objects.values_list("code", "id"))
    existing = {
        employee.employee_number: employee
        for employee in Employee.objects.filter(employee_number__in=[plan.number for plan in plans]).select_related(
            "user"
        )
    }
    to_update, new_plans, user_emails = [], [], []
    for plan in plans:
        wanted = {
            "full_name_ar": plan.name_ar,
            "full_name_en": plan.name_en,
            "org_unit_id": units[plan.unit_code],
            "job_title": plan.job_title,
            "grade": plan.grade,
            "hire_date": plan.hire_date,
            "preferred_language": plan.language,
        }
        employee = existing.get(plan.number)
        if employee is None:
            new_plans.append((plan, wanted))
            continue
        changes = _update_employee(employee, plan, wanted, result)
        to_update += [employee] if changes["fields"] else []
        user_emails += [employee.user] if changes["email"] else []
    Employee.objects.bulk_update(to_update, EMPLOYEE_FIELDS, batch_size=1000)
    get_user_model().objects.bulk_update(user_emails, ["email"], batch_size=1000)
    if new_plans:
        _create_employees(new_plans)
        result.employees_created += len(new_plans)


def _update_employee(
    employee: Employee, plan: EmployeePlan, wanted: dict[str, Any], result: ImportResult
) -> dict[str, bool]:
    """Sets what changed on the employee (and its user's e-mail), counts it, and says what to save."""
    changes = [name for name in EMPLOYEE_FIELDS if getattr(employee, name) != wanted[name]]
    email_changed = bool(plan.email) and employee.user.email != plan.email
    if not changes and not email_changed:
        result.unchanged += 1
    elif "org_unit_id" in changes:
        result.employees_moved += 1
    else:
        result.employees_updated += 1
    if email_changed:
        employee.user.email = plan.email
    for name in changes:
        setattr(employee, name, wanted[name])
    return {"fields": bool(changes), "email": email_changed}


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
