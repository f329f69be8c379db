"""Bulk import of organisation units and employees from CSV files exported by an HR system.

Everything is checked before anything is written: every problem is reported with its file and line
number, and one problem means nothing is imported. A valid import runs in one transaction. Re-importing
the same files changes nothing; an employee whose unit changed is moved; units and employees missing
from a file are left as they are (an import adds and updates, it never deletes).

Reading the files is ``import_reading``, checking the rows (with forms built from the models)
``import_rows``, writing them ``import_writing``; this module is the entry point.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from .import_reading import ImportFailed, ImportProblem, ParsedFile, max_bytes, parse
from .import_rows import validate_employees, validate_units
from .import_writing import ImportResult, apply_employees, apply_units
from .models import OrgUnit
from .services import ADMINISTRATORS

__all__ = ["ImportFailed", "ImportProblem", "ImportResult", "can_import_people", "import_people", "max_bytes"]

UNIT_REQUIRED = ("code", "name_ar", "name_en", "kind")
UNIT_OPTIONAL = ("parent_code",)
EMPLOYEE_REQUIRED = ("employee_number", "full_name_ar", "full_name_en", "org_unit_code")
EMPLOYEE_OPTIONAL = ("username", "email", "job_title", "grade", "hire_date", "preferred_language")


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


def import_people(
    *, units: tuple[str, bytes] | None = None, employees: tuple[str, bytes] | None = None, dry_run: bool = False
) -> ImportResult:
    """Check and import the files, given as (file name, content). Raises ImportFailed; then nothing is written.

    ``dry_run`` checks and counts what would change, then rolls everything back.
    """
    if units is None and employees is None:
        raise ImportFailed([ImportProblem("", None, _("Choose a file of units, of employees, or both."))])
    errors: list[ImportProblem] = []
    parsed_units = _parse(units, errors, required=UNIT_REQUIRED, optional=UNIT_OPTIONAL)
    parsed_employees = _parse(employees, errors, required=EMPLOYEE_REQUIRED, optional=EMPLOYEE_OPTIONAL)
    unit_plans = validate_units(parsed_units, errors) if parsed_units else []
    unit_codes = set(OrgUnit.objects.values_list("code", flat=True)) | {plan.code for plan in unit_plans}
    employee_plans = validate_employees(parsed_employees, errors, unit_codes) if parsed_employees else []
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    with transaction.atomic():
        apply_units(unit_plans, result)
        apply_employees(employee_plans, result)
        if dry_run:
            transaction.set_rollback(True)
    return result
