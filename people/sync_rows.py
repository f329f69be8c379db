"""The rows of a sync request made into the rows a CSV file gives, and the checks of a subtree.

A request's row is a JSON object; the CSV import's row is a line of text under a header. Both become
``import_reading.Row`` (values as stripped text, keyed by column), so every later check is the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from .import_reading import CONTROL_CHARACTERS, ImportProblem, ParsedFile, Row
from .import_rows import EmployeePlan, UnitPlan, final_parents
from .models import Employee, OrgUnit

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
    "civil_number",
    "active",
)
# Fields a request may give as true or false rather than text.
BOOLEAN_FIELDS = frozenset({"active"})


def _text(name: str, value: Any) -> tuple[str | None, str | None]:
    """The value as the CSV import would read it, or the sentence saying why it cannot be."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        if name in BOOLEAN_FIELDS:
            return ("true" if value else "false"), None
    elif isinstance(value, str | int):
        text = str(value).strip()
        if CONTROL_CHARACTERS.search(text):
            return None, _("%(field)s contains a control character.") % {"field": name}
        return text, None
    return None, _("%(field)s must be text.") % {"field": name}


def _row_values(row: object, fields: tuple[str, ...]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    if not isinstance(row, Mapping):
        return {}, [("", _("a row must be an object of named fields."))]
    values: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for name, value in row.items():
        if name not in fields:
            problems.append((str(name), _("unknown field %(field)r.") % {"field": str(name)}))
            continue
        text, problem = _text(name, value)
        if problem is not None:
            problems.append((name, problem))
        elif text is not None:
            values[name] = text
    return values, problems


def rows_of(
    rows: Sequence[object],
    *,
    name: str,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    errors: list[ImportProblem],
) -> ParsedFile:
    """The request's rows as a parsed file, each row's "line" its index; rows that cannot be read are errors."""
    parsed = ParsedFile(name=name)
    for index, row in enumerate(rows):
        values, problems = _row_values(row, required + optional)
        if problems:
            errors += [ImportProblem(name, index, message, field) for field, message in problems]
            continue
        # A missing required field is an empty one: the row checks say which.
        parsed.rows.append(Row(line=index, values=dict.fromkeys(required, "") | values))
    return parsed


OUTSIDE = "outside"


def check_units_within(parsed: ParsedFile, plans: list[UnitPlan], within: OrgUnit, errors: list[ImportProblem]) -> None:
    """Every unit must be in ``within``'s subtree and stay there; ``within`` itself may be renamed, not moved."""
    inside = set(OrgUnit.objects.filter(path__startswith=within.path).values_list("code", flat=True))
    existing = set(OrgUnit.objects.filter(code__in=[plan.code for plan in plans]).values_list("code", flat=True))
    final_parent = final_parents(plans)
    current_parent = final_parents([])
    for plan in plans:
        if plan.code in existing and plan.code not in inside:
            message = _("the unit %(code)s is outside the part of the organisation this client may change.")
            errors.append(ImportProblem(parsed.name, plan.line, message % {"code": plan.code}, "code"))
        elif plan.code == within.code:
            if plan.parent_code != current_parent.get(plan.code, ""):
                message = _(
                    "%(code)s is the top of the part of the organisation this client may change: it cannot move."
                )
                errors.append(ImportProblem(parsed.name, plan.line, message % {"code": plan.code}, "parent_code"))
        elif not _reaches(plan.parent_code, within.code, final_parent):
            message = _("the parent unit %(code)r is outside the part of the organisation this client may change.")
            errors.append(ImportProblem(parsed.name, plan.line, message % {"code": plan.parent_code}, "parent_code"))


def _reaches(start: str, top: str, final_parent: dict[str, str]) -> bool:
    seen: set[str] = set()
    current = start
    while current and current not in seen:
        if current == top:
            return True
        seen.add(current)
        current = final_parent.get(current, "")
    return False


def check_people_within(
    parsed: ParsedFile, plans: list[EmployeePlan], within: OrgUnit, errors: list[ImportProblem]
) -> None:
    """Each person's unit, the person as they are now and their manager must all be in ``within``'s subtree."""
    inside_units = set(OrgUnit.objects.filter(path__startswith=within.path).values_list("code", flat=True))
    numbers = {plan.number for plan in plans}
    # A manager in the batch counts too: a row cannot bring someone from outside in.
    managers = {plan.manager for plan in plans if plan.manager}
    outside = set(
        Employee.objects.filter(employee_number__in=numbers | managers)
        .exclude(org_unit__path__startswith=within.path)
        .values_list("employee_number", flat=True)
    )
    for plan in plans:
        if plan.unit_code not in inside_units:
            message = _("the unit %(code)s is outside the part of the organisation this client may change.")
            errors.append(ImportProblem(parsed.name, plan.line, message % {"code": plan.unit_code}, "org_unit_code"))
        if plan.number in outside:
            message = _("employee %(number)s works outside the part of the organisation this client may change.")
            errors.append(ImportProblem(parsed.name, plan.line, message % {"number": plan.number}, "employee_number"))
        if plan.manager in outside:
            message = _("employee %(number)s works outside the part of the organisation this client may change.")
            errors.append(
                ImportProblem(parsed.name, plan.line, message % {"number": plan.manager}, "manager_employee_number")
            )
