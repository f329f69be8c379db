"""Bulk import of organisation units and employees from CSV files exported by an HR system.

Everything is checked before anything is written: every problem is reported with its file and line
number, and one problem means nothing is imported. A valid import runs in one transaction. Re-importing
the same files changes nothing; an employee whose unit changed is moved; units and employees missing
from a file are left as they are (an import adds and updates, it never deletes).

Reading the files is ``import_reading``, checking the rows (with forms built from the models)
``import_rows``, writing them ``import_writing``; this module is the entry point.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record

from .import_accounts import split_staff_rows
from .import_managers import validate_managers
from .import_reading import ImportFailed, ImportProblem, ParsedFile, check_readable, max_bytes, parse
from .import_rows import EmployeePlan, validate_employees, validate_units
from .import_writing import ImportResult, apply_employees, apply_units, employee_changes, unit_ids
from .models import OrgUnit
from .services import ADMINISTRATORS

__all__ = ["ImportFailed", "ImportProblem", "ImportResult", "can_import_people", "import_people", "max_bytes"]

UNIT_REQUIRED = ("code", "name_ar", "name_en", "kind")
UNIT_OPTIONAL = ("parent_code",)
EMPLOYEE_REQUIRED = ("employee_number", "full_name_ar", "full_name_en", "org_unit_code")
EMPLOYEE_OPTIONAL = (
    "username",
    "email",
    "job_title",
    "grade",
    "hire_date",
    "preferred_language",
    "manager_employee_number",
)
CHECKING, SAVING = "checking", "saving"


def can_import_people(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def _parse(
    source: tuple[str, bytes] | None,
    errors: list[ImportProblem],
    *,
    required: tuple[str, ...],
    optional: tuple[str, ...],
) -> ParsedFile | None:
    """The file's rows, or None (its problems added to ``errors``, so the other file is still checked)."""
    if source is None:
        return None
    try:
        return parse(source[1], name=source[0], required=required, optional=optional)
    except ImportFailed as failure:
        errors += failure.errors
        return None


def _staff_rows_skipped(parsed: ParsedFile, plans: list[EmployeePlan], result: ImportResult) -> list[EmployeePlan]:
    units = unit_ids()
    kept, skipped, unchanged = split_staff_rows(
        parsed.name, plans, lambda employee, plan: bool(employee_changes(employee, plan, units))
    )
    result.skipped += skipped
    result.unchanged += unchanged
    return kept


def import_people(
    *,
    units: tuple[str, bytes] | None = None,
    employees: tuple[str, bytes] | None = None,
    dry_run: bool = False,
    actor: User | None = None,
    on_stage: Callable[[str], None] | None = None,
    on_written: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Check and import the files, given as (file name, content). Raises ImportFailed; then nothing is written.

    ``dry_run`` checks and counts what would change, then rolls everything back. ``on_stage`` hears
    "checking" and then "saving" (an import job shows it). A real import is one entry in the audit log;
    ``on_written`` runs inside its transaction, so what it records commits with the import or not at all.
    """
    if units is None and employees is None:
        raise ImportFailed([ImportProblem("", None, _("Choose a file of units, of employees, or both."))])
    stage = on_stage or (lambda name: None)
    stage(CHECKING)
    errors: list[ImportProblem] = []
    parsed_units = _parse(units, errors, required=UNIT_REQUIRED, optional=UNIT_OPTIONAL)
    parsed_employees = _parse(employees, errors, required=EMPLOYEE_REQUIRED, optional=EMPLOYEE_OPTIONAL)
    if errors:
        raise ImportFailed(errors)  # a file that cannot be read is not worth checking row by row
    unit_plans = validate_units(parsed_units, errors) if parsed_units else []
    unit_codes = set(OrgUnit.objects.values_list("code", flat=True)) | {plan.code for plan in unit_plans}
    employee_plans = validate_employees(parsed_employees, errors, unit_codes) if parsed_employees else []
    result = ImportResult()
    if parsed_employees and not errors:
        employee_plans = _staff_rows_skipped(parsed_employees, employee_plans, result)
        validate_managers(parsed_employees.name, employee_plans, errors)
    if errors:
        raise ImportFailed(errors)
    stage(SAVING)
    with transaction.atomic():
        apply_units(unit_plans, result)
        apply_employees(employee_plans, result)
        if dry_run:
            transaction.set_rollback(True)
        else:
            record("people.imported", actor=actor, changes=result.counts())
            if on_written is not None:
                on_written(result)
    return result


def check_uploads(*, units: tuple[str, bytes] | None, employees: tuple[str, bytes] | None) -> int:
    """Refuse, before anything is queued, files that cannot be read or have a wrong header (ImportFailed).

    Returns about how many rows the files have. The rows themselves are checked by the import.
    """
    if units is None and employees is None:
        raise ImportFailed([ImportProblem("", None, _("Choose a file of units, of employees, or both."))])
    errors: list[ImportProblem] = []
    rows = 0
    for source, required, optional in (
        (units, UNIT_REQUIRED, UNIT_OPTIONAL),
        (employees, EMPLOYEE_REQUIRED, EMPLOYEE_OPTIONAL),
    ):
        if source is None:
            continue
        try:
            rows += check_readable(source[1], name=source[0], required=required, optional=optional)
        except ImportFailed as failure:
            errors += failure.errors
    if errors:
        raise ImportFailed(errors)
    return rows
