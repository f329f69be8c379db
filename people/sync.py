"""Synchronising organisation units and people from an HR system: bulk upserts by unit code and employee number.

The API's sync endpoints (``sync_units``, ``sync_people``) and the CSV import (``people.imports``) both
run ``synchronise``, so movers, leavers, staff accounts and every check follow one set of rules
(``docs/people-import.md``). Every row is checked first, in bulk (a few queries per batch, however many
rows); then what changed is written with bulk creates and updates, in one transaction. A batch that
changes nothing writes nothing, not even an audit entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils.translation import gettext as _

from audit.services import record
from common.formatting import format_number

from .import_accounts import split_staff_rows
from .import_managers import validate_managers
from .import_reading import ImportProblem, ParsedFile
from .import_rows import EmployeePlan, UnitPlan, check_taken, check_tree, validate_employees, validate_units
from .import_writing import ImportResult, apply_employees, apply_units, employee_changes, unit_ids
from .models import OrgUnit
from .sync_result import RowError, SyncResult
from .sync_rows import (
    EMPLOYEE_OPTIONAL,
    EMPLOYEE_REQUIRED,
    UNIT_OPTIONAL,
    UNIT_REQUIRED,
    check_people_within,
    check_units_within,
    rows_of,
)

__all__ = ["MAX_ROWS", "RowError", "SyncResult", "sync_people", "sync_units", "synchronise"]

MAX_ROWS = 10_000
SYNCED = "people.synced"
CHECKING, SAVING = "checking", "saving"
# The PostgreSQL advisory lock every sync and import holds, so two of them never create the same rows.
SYNC_LOCK = 0x5155_5359  # "QUSY"


@dataclass
class Outcome:
    units: SyncResult = field(default_factory=SyncResult)
    people: SyncResult = field(default_factory=SyncResult)
    errors: list[ImportProblem] = field(default_factory=list)
    skipped: list[ImportProblem] = field(default_factory=list)

    def import_result(self) -> ImportResult:
        return ImportResult.of(self.units, self.people, self.skipped)


@contextmanager
def _one_at_a_time() -> Iterator[None]:
    """Hold the sync lock from the first check to the commit: a second sync waits, then sees the first's rows."""
    if connection.vendor != "postgresql":
        yield  # SQLite writes one transaction at a time anyway
        return
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # Released when the caller's transaction ends, after the rows it writes are committed.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SYNC_LOCK])
            yield
            return
        cursor.execute("SELECT pg_advisory_lock(%s)", [SYNC_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [SYNC_LOCK])


def _settle(
    parsed: ParsedFile, plans: list, errors: list[ImportProblem], check: Callable[[list, list[ImportProblem]], None]
) -> list:
    """The plans without a problem, checked again without the ones dropped (a child of a refused unit, a
    report of a refused manager) until no more drop out."""
    while True:
        failed = {problem.line for problem in errors if problem.file == parsed.name}
        kept = [plan for plan in plans if plan.line not in failed]
        if len(kept) == len(plans):
            return kept
        found: list[ImportProblem] = []
        check(kept, found)
        errors += found
        plans = kept


def _check_units(parsed: ParsedFile, outcome: Outcome, within: OrgUnit | None, numbering: str) -> list[UnitPlan]:
    errors = outcome.errors
    plans = validate_units(parsed, errors, numbering)
    check_tree(parsed, plans, errors)
    if within is not None:
        check_units_within(parsed, plans, within, errors)
    return _settle(parsed, plans, errors, lambda kept, found: check_tree(parsed, kept, found))


def _check_people(
    parsed: ParsedFile,
    outcome: Outcome,
    within: OrgUnit | None,
    all_or_nothing: bool,
    numbering: str,
    new_units: set[str],
) -> list[EmployeePlan]:
    errors = outcome.errors
    unit_codes = set(OrgUnit.objects.values_list("code", flat=True)) | new_units
    plans = validate_employees(parsed, errors, unit_codes, numbering)
    check_taken(parsed, plans, errors)
    if within is not None:
        check_people_within(parsed, plans, within, errors)
    if all_or_nothing and errors:
        return plans  # nothing is written; staff rows and managers are judged once the rows are right
    plans = _settle(parsed, plans, errors, lambda kept, found: None)
    units = unit_ids()
    plans, skipped, unchanged = split_staff_rows(
        parsed.name, plans, lambda employee, plan: bool(employee_changes(employee, plan, units))
    )
    outcome.skipped += skipped
    outcome.people.unchanged += unchanged
    validate_managers(parsed.name, plans, errors)
    return _settle(parsed, plans, errors, lambda kept, found: validate_managers(parsed.name, kept, found))


def synchronise(
    *,
    units: ParsedFile | None,
    people: ParsedFile | None,
    within: OrgUnit | None,
    dry_run: bool,
    all_or_nothing: bool,
    actor: User | None,
    audit_action: str = SYNCED,
    numbering: str = "row",
    on_stage: Callable[[str], None] | None = None,
    on_written: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """Check every row, then write what the good rows change (none at all if ``all_or_nothing`` and a row has
    a problem; everything rolled back if ``dry_run``). ``on_written`` runs inside the transaction."""
    outcome = Outcome()
    stage = on_stage or (lambda name: None)
    with _one_at_a_time():
        stage(CHECKING)
        unit_plans = _check_units(units, outcome, within, numbering) if units else []
        people_plans: list[EmployeePlan] = []
        if people:
            people_plans = _check_people(
                people, outcome, within, all_or_nothing, numbering, {plan.code for plan in unit_plans}
            )
        if all_or_nothing and outcome.errors:
            return outcome
        stage(SAVING)
        with transaction.atomic():
            apply_units(unit_plans, outcome.units)
            apply_employees(people_plans, outcome.people)
            if dry_run:
                transaction.set_rollback(True)
                return outcome
            outcome.units.applied = outcome.people.applied = True
            result = outcome.import_result()
            if result.changed:
                record(audit_action, actor=actor, changes=result.counts())
            if on_written is not None:
                on_written(outcome)
    return outcome


def _too_many(rows: Sequence[object]) -> SyncResult | None:
    if len(rows) <= MAX_ROWS:
        return None
    message = _("A request holds at most %(limit)s rows; this one has %(count)s. Send it in several requests.")
    return SyncResult(
        errors=[RowError(MAX_ROWS, "", message % {"limit": format_number(MAX_ROWS), "count": format_number(len(rows))})]
    )


def _row_errors(problems: list[ImportProblem]) -> list[RowError]:
    return sorted((RowError(problem.line or 0, problem.field, problem.message) for problem in problems), key=_index)


def _index(error: RowError) -> int:
    return error.index


def _finish(result: SyncResult, outcome: Outcome) -> SyncResult:
    result.errors = _row_errors(outcome.errors)
    result.skipped = _row_errors(outcome.skipped)
    return result


def _sync(
    rows: Sequence[Mapping[str, Any]],
    *,
    name: str,
    within: OrgUnit | None,
    dry_run: bool,
    all_or_nothing: bool,
    actor: User | None,
) -> SyncResult:
    """One batch of units (``name`` "units") or of people ("people"), checked and then synchronised."""
    refused = _too_many(rows)
    if refused is not None:
        return refused
    required, optional = (UNIT_REQUIRED, UNIT_OPTIONAL) if name == "units" else (EMPLOYEE_REQUIRED, EMPLOYEE_OPTIONAL)
    errors: list[ImportProblem] = []
    parsed = rows_of(rows, name=name, required=required, optional=optional, errors=errors)
    outcome = Outcome(errors=errors)
    if not (all_or_nothing and errors):
        outcome = synchronise(
            units=parsed if name == "units" else None,
            people=parsed if name == "people" else None,
            within=within,
            dry_run=dry_run,
            all_or_nothing=all_or_nothing,
            actor=actor,
        )
        outcome.errors = errors + outcome.errors
    return _finish(outcome.units if name == "units" else outcome.people, outcome)


def sync_units(
    rows: Sequence[Mapping[str, Any]],
    *,
    within: OrgUnit | None,
    dry_run: bool,
    all_or_nothing: bool,
    actor: User | None,
) -> SyncResult:
    """Create or update the units of ``rows`` (keys: code, parent_code, kind, name_ar, name_en)."""
    return _sync(rows, name="units", within=within, dry_run=dry_run, all_or_nothing=all_or_nothing, actor=actor)


def sync_people(
    rows: Sequence[Mapping[str, Any]],
    *,
    within: OrgUnit | None,
    dry_run: bool,
    all_or_nothing: bool,
    actor: User | None,
) -> SyncResult:
    """Create or update the employees of ``rows`` (the columns of the CSV import, plus civil_number and active)."""
    return _sync(rows, name="people", within=within, dry_run=dry_run, all_or_nothing=all_or_nothing, actor=actor)
