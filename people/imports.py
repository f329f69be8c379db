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
from django.utils.translation import gettext as _

from .import_reading import ImportFailed, ImportProblem, ParsedFile, check_readable, max_bytes, parse
from .import_writing import ImportResult
from .services import ADMINISTRATORS
from .sync import CHECKING, SAVING, synchronise
from .sync_rows import EMPLOYEE_OPTIONAL, EMPLOYEE_REQUIRED, UNIT_OPTIONAL, UNIT_REQUIRED

__all__ = [
    "CHECKING",
    "SAVING",
    "ImportFailed",
    "ImportProblem",
    "ImportResult",
    "can_import_people",
    "import_people",
    "max_bytes",
]


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
    *,
    units: tuple[str, bytes] | None = None,
    employees: tuple[str, bytes] | None = None,
    dry_run: bool = False,
    actor: User | None = None,
    on_stage: Callable[[str], None] | None = None,
    on_written: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Check and import the files, given as (file name, content). Raises ImportFailed; then nothing is written.

    The files' rows go through the same sync as the API's (``people.sync.synchronise``), all or nothing.
    ``dry_run`` checks and counts what would change, then rolls everything back. ``on_stage`` hears
    "checking" and then "saving" (an import job shows it). A real import that changes anything is one entry
    in the audit log; ``on_written`` runs inside its transaction, so what it records commits with the import
    or not at all.
    """
    if units is None and employees is None:
        raise ImportFailed([ImportProblem("", None, _("Choose a file of units, of employees, or both."))])
    errors: list[ImportProblem] = []
    parsed_units = _parse(units, errors, required=UNIT_REQUIRED, optional=UNIT_OPTIONAL)
    parsed_employees = _parse(employees, errors, required=EMPLOYEE_REQUIRED, optional=EMPLOYEE_OPTIONAL)
    if errors:
        raise ImportFailed(errors)  # a file that cannot be read is not worth checking row by row
    outcome = synchronise(
        units=parsed_units,
        people=parsed_employees,
        within=None,
        dry_run=dry_run,
        all_or_nothing=True,
        actor=actor,
        audit_action="people.imported",
        numbering="line",
        on_stage=on_stage,
        on_written=(lambda done: on_written(done.import_result())) if on_written is not None else None,
    )
    if outcome.errors:
        raise ImportFailed(outcome.errors)
    return outcome.import_result()


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
