"""Accounts a people import leaves alone: anyone with rights beyond learning.

An import file comes from an HR system, or from whoever can upload one. If a row could change a staff
account's e-mail, its unit or its manager, one line of CSV would be enough to take over an administrator
(the password reset mails the new address) or to move them under a ministry administrator's scope. So a
row for such a person is never written: it is reported as skipped, with its line and the reason, and the
account is changed by hand in the admin. Rows that would change nothing are counted as up to date.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .import_reading import ImportProblem
from .import_rows import EmployeePlan
from .models import Employee
from .services import ADMINISTRATORS, HR_OFFICERS, TRAINERS

STAFF_ROLES = (TRAINERS, HR_OFFICERS, ADMINISTRATORS)


def staff_q(prefix: str = "") -> Q:
    """Users (through ``prefix``) who are superusers, staff, in a staff role or hold an HR scope."""
    return (
        Q(**{f"{prefix}is_superuser": True})
        | Q(**{f"{prefix}is_staff": True})
        | Q(**{f"{prefix}groups__name__in": STAFF_ROLES})
        | Q(**{f"{prefix}hr_scopes__isnull": False})
    )


def staff_employees(numbers: list[str]) -> QuerySet[Employee]:
    return (
        Employee.objects.filter(staff_q("user__"), employee_number__in=numbers)
        .distinct()
        .select_related("user", "manager")
    )


def skip_message(plan: EmployeePlan) -> str:
    return _(
        "skipped: employee %(number)s has a staff account (superuser, staff, a role or an HR scope), which an "
        "import never changes. Change it in the admin."
    ) % {"number": plan.number}


def split_staff_rows(
    file_name: str, plans: list[EmployeePlan], differs
) -> tuple[list[EmployeePlan], list[ImportProblem], int]:
    """The rows to write, the skipped rows (as located messages) and how many staff rows were up to date.

    ``differs(employee, plan)`` says whether writing the row would change anything.
    """
    staff = {employee.employee_number: employee for employee in staff_employees([plan.number for plan in plans])}
    if not staff:
        return plans, [], 0
    kept, skipped, unchanged = [], [], 0
    for plan in plans:
        employee = staff.get(plan.number)
        if employee is None:
            kept.append(plan)
        elif differs(employee, plan):
            skipped.append(ImportProblem(file_name, plan.line, skip_message(plan)))
        else:
            unchanged += 1
    return kept, skipped, unchanged
