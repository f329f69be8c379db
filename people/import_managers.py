"""The manager column of a people import: each manager must exist (in the file or already) and the
reporting lines must stay a tree, as they will be once the import is written."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .import_reading import ImportProblem
from .import_rows import EmployeePlan
from .models import Employee

MANAGER = "manager_employee_number"


def validate_managers(file_name: str, plans: list[EmployeePlan], errors: list[ImportProblem]) -> None:
    """Add a line-numbered problem for every unknown manager, self-manager and circle of managers."""
    with_manager = [plan for plan in plans if plan.manager]
    if not with_manager:
        return
    in_file = {plan.number for plan in plans}
    elsewhere = {plan.manager for plan in with_manager} - in_file
    known = in_file | set(
        Employee.objects.filter(employee_number__in=elsewhere).values_list("employee_number", flat=True)
    )
    checked = []
    for plan in with_manager:
        if plan.manager == plan.number:
            errors.append(ImportProblem(file_name, plan.line, _("an employee cannot be their own manager."), MANAGER))
        elif plan.manager not in known:
            message = _("unknown manager %(number)r: no employee has this number, in the file or already.")
            errors.append(ImportProblem(file_name, plan.line, message % {"number": plan.manager}, MANAGER))
        else:
            checked.append(plan)
    _check_circles(file_name, plans, checked, errors)


def _check_circles(
    file_name: str, plans: list[EmployeePlan], checked: list[EmployeePlan], errors: list[ImportProblem]
) -> None:
    manager_of = _lines_upwards(plans)
    # People whose line upwards is known to end: walks stop there, so each line is walked about once.
    ends: set[str] = set()
    for plan in checked:
        circle = _circle_from(plan.number, manager_of, ends)
        if circle:
            message = _("the managers go round in a circle: %(circle)s.") % {"circle": " → ".join(circle)}
            errors.append(ImportProblem(file_name, plan.line, message, MANAGER))


def _circle_from(start: str, manager_of: dict[str, str], ends: set[str]) -> list[str] | None:
    """The circle through ``start`` (start first and last), or None when its line upwards ends."""
    walked, current = [start], manager_of.get(start, "")
    while current and current not in ends:
        if current == start:
            return [*walked, start]
        if current in walked:
            # A circle above ``start`` but not through it: reported on the lines of its own members.
            return None
        walked.append(current)
        current = manager_of.get(current, "")
    ends.update(walked)
    return None


def _lines_upwards(plans: list[EmployeePlan]) -> dict[str, str]:
    """The reporting lines as they will be, from the rows up to the top: the rows' managers where the rows
    give one, else the current ones, loaded a level at a time (never the whole organisation)."""
    manager_of = {plan.number: plan.manager or "" for plan in plans if plan.manager is not None}
    wanted = {plan.manager for plan in plans if plan.manager} - set(manager_of)
    while wanted:
        found = dict(
            Employee.objects.filter(employee_number__in=wanted).values_list(
                "employee_number", "manager__employee_number"
            )
        )
        manager_of.update({number: found.get(number) or "" for number in wanted})
        wanted = {manager for manager in found.values() if manager} - set(manager_of)
    return manager_of
