"""Bulk import of organisation units and employees from CSV files exported by an HR system.

Everything is checked before anything is written: every problem is reported with its file and line
number, and one problem means nothing is imported. A valid import runs in one transaction. Re-importing
the same files changes nothing; an employee whose unit changed is moved; units and employees missing
from a file are left as they are (an import adds and updates, it never deletes).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Employee, OrgUnit
from .services import ADMINISTRATORS, LEARNERS

UNIT_REQUIRED = ("code", "name_ar", "name_en", "kind")
UNIT_OPTIONAL = ("parent_code",)
EMPLOYEE_REQUIRED = ("employee_number", "full_name_ar", "full_name_en", "org_unit_code")
EMPLOYEE_OPTIONAL = ("username", "email", "job_title", "grade", "hire_date", "preferred_language")
MAX_REPORTED_ERRORS = 200


def max_bytes() -> int:
    return settings.QUDRA_IMPORT_MAX_BYTES


def can_import_people(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


@dataclass(frozen=True)
class ImportProblem:
    """One problem, located: which file and which line (``None`` for the file as a whole)."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return _("%(file)s, line %(line)s: %(message)s") % {
            "file": self.file,
            "line": self.line,
            "message": self.message,
        }


class ImportFailed(Exception):
    """The files were rejected; nothing was written."""

    def __init__(self, errors: list[ImportProblem]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors[:MAX_REPORTED_ERRORS]))

    @property
    def messages(self) -> list[str]:
        shown = [str(error) for error in self.errors[:MAX_REPORTED_ERRORS]]
        if len(self.errors) > MAX_REPORTED_ERRORS:
            shown.append(_("… and %(count)s more problems.") % {"count": len(self.errors) - MAX_REPORTED_ERRORS})
        return shown


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


@dataclass
class Row:
    line: int
    values: dict[str, str]


@dataclass
class ParsedFile:
    name: str
    rows: list[Row] = field(default_factory=list)


# -- reading -----------------------------------------------------------------------------------------


def decode(data: bytes, *, name: str) -> str:
    """The file's text, or ImportFailed saying exactly why it cannot be read."""
    if len(data) > max_bytes():
        raise ImportFailed(
            [
                ImportProblem(
                    name,
                    None,
                    _("the file is %(size).1f MB; files of at most %(limit)d MB are accepted. Split it in parts.")
                    % {"size": len(data) / 1024 / 1024, "limit": max_bytes() // 1024 // 1024},
                )
            ]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed(
            [
                ImportProblem(
                    name,
                    None,
                    _('the file is saved as UTF-16 ("Unicode text"). Save it as "CSV UTF-8" and upload it again.'),
                )
            ]
        )
    try:
        # "utf-8-sig" accepts the byte order mark Excel writes at the start of "CSV UTF-8" files.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailed(
            [
                ImportProblem(
                    name,
                    line,
                    _(
                        "this line is not valid UTF-8 (byte 0x%(byte)02x). The file was probably saved in another "
                        'encoding, such as Windows Arabic (1256): save it as "CSV UTF-8" and upload it again.'
                    )
                    % {"byte": data[error.start]},
                )
            ]
        ) from error


def parse(data: bytes, *, name: str, required: tuple[str, ...], optional: tuple[str, ...]) -> ParsedFile:
    text = decode(data, name=name)
    reader = csv.reader(io.StringIO(text, newline=""))
    parsed = ParsedFile(name=name)
    errors: list[ImportProblem] = []
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ImportFailed([ImportProblem(name, 1, str(error))]) from error
    if not header or not any(cell.strip() for cell in header):
        raise ImportFailed([ImportProblem(name, 1, _("the file is empty: the first line must name the columns."))])
    columns = [cell.strip().lower() for cell in header]
    missing = [column for column in required if column not in columns]
    unknown = [column for column in columns if column not in required + optional]
    duplicated = sorted({column for column in columns if columns.count(column) > 1})
    problems = []
    if missing:
        problems.append(_("missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if duplicated:
        problems.append(_("columns named twice: %(columns)s.") % {"columns": ", ".join(duplicated)})
    if problems:
        expected = ", ".join(required + optional)
        problems.append(_("Expected the columns %(columns)s.") % {"columns": expected})
        raise ImportFailed([ImportProblem(name, 1, " ".join(problems))])
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                errors.append(
                    ImportProblem(
                        name,
                        line,
                        _("expected %(expected)s fields, found %(found)s.")
                        % {"expected": len(columns), "found": len(cells)},
                    )
                )
                continue
            parsed.rows.append(
                Row(line=line, values={column: cell.strip() for column, cell in zip(columns, cells, strict=True)})
            )
    except csv.Error as error:
        errors.append(ImportProblem(name, reader.line_num, str(error)))
    if errors:
        raise ImportFailed(errors)
    return parsed


# -- validating ------------------------------------------------------------------------------------------


@dataclass
class UnitPlan:
    line: int
    code: str
    name_ar: str
    name_en: str
    kind: str
    parent_code: str


@dataclass
class EmployeePlan:
    line: int
    number: str
    name_ar: str
    name_en: str
    unit_code: str
    username: str
    email: str
    job_title: str
    grade: str
    hire_date: datetime.date | None
    language: str


def _length(errors, name, line, label, value, limit) -> None:
    if len(value) > limit:
        errors.append(
            ImportProblem(
                name, line, _("%(label)s is longer than %(limit)s characters.") % {"label": label, "limit": limit}
            )
        )


def validate_units(parsed: ParsedFile, errors: list[ImportProblem]) -> list[UnitPlan]:
    plans: list[UnitPlan] = []
    seen: dict[str, int] = {}
    kinds = {choice.value for choice in OrgUnit.Kind}
    for row in parsed.rows:
        values, line, count = row.values, row.line, len(errors)
        code = values["code"]
        if not code:
            errors.append(ImportProblem(parsed.name, line, _("the code is empty.")))
        else:
            try:
                validate_slug(code)
            except ValidationError:
                errors.append(
                    ImportProblem(
                        parsed.name,
                        line,
                        _("the code %(code)r may only contain letters, digits, hyphens and underscores.")
                        % {"code": code},
                    )
                )
            if code in seen:
                errors.append(
                    ImportProblem(
                        parsed.name,
                        line,
                        _("the unit %(code)s appears twice (first on line %(first)s).")
                        % {"code": code, "first": seen[code]},
                    )
                )
            seen.setdefault(code, line)
        _length(errors, parsed.name, line, _("the code"), code, 64)
        for column, label in (("name_ar", _("the Arabic name")), ("name_en", _("the English name"))):
            if not values[column]:
                errors.append(ImportProblem(parsed.name, line, _("%(label)s is empty.") % {"label": label}))
            _length(errors, parsed.name, line, label, values[column], 255)
        if values["kind"] not in kinds:
            errors.append(
                ImportProblem(
                    parsed.name,
                    line,
                    _("unknown kind %(kind)r; use one of %(kinds)s.")
                    % {"kind": values["kind"], "kinds": ", ".join(sorted(kinds))},
                )
            )
        if len(errors) == count:
            plans.append(
                UnitPlan(
                    line=line,
                    code=code,
                    name_ar=values["name_ar"],
                    name_en=values["name_en"],
                    kind=values["kind"],
                    parent_code=values.get("parent_code", ""),
                )
            )
    # Parents must exist (in the file or already), and the tree must stay a tree: walk up the parents
    # the units will have after the import (the file's, else the current ones) and never meet yourself.
    existing = dict(OrgUnit.objects.values_list("code", "path"))
    code_by_path = {path: code for code, path in existing.items()}
    final_parent = {code: code_by_path.get(path[: -OrgUnit.steplen], "") for code, path in existing.items()}
    final_parent.update({plan.code: plan.parent_code for plan in plans})
    for plan in plans:
        if plan.parent_code and plan.parent_code not in final_parent:
            errors.append(
                ImportProblem(parsed.name, plan.line, _("unknown parent unit %(code)r.") % {"code": plan.parent_code})
            )
            continue
        seen, current = {plan.code}, plan.parent_code
        while current:
            if current in seen:
                errors.append(
                    ImportProblem(
                        parsed.name,
                        plan.line,
                        _("%(code)s would end up inside itself: its parents go round in a circle.")
                        % {"code": plan.code},
                    )
                )
                break
            seen.add(current)
            current = final_parent.get(current, "")
    return plans


def validate_employees(parsed: ParsedFile, errors: list[ImportProblem], unit_codes: set[str]) -> list[EmployeePlan]:
    plans: list[EmployeePlan] = []
    numbers: dict[str, int] = {}
    usernames: dict[str, int] = {}
    username_validator = UnicodeUsernameValidator()
    languages = {choice.value for choice in Employee.Language}
    for row in parsed.rows:
        values, line, count = row.values, row.line, len(errors)
        number = values["employee_number"]
        if not number:
            errors.append(ImportProblem(parsed.name, line, _("the employee number is empty.")))
        elif number in numbers:
            errors.append(
                ImportProblem(
                    parsed.name,
                    line,
                    _("employee number %(number)s appears twice (first on line %(first)s).")
                    % {"number": number, "first": numbers[number]},
                )
            )
        numbers.setdefault(number, line)
        _length(errors, parsed.name, line, _("the employee number"), number, 32)
        for column, label in (("full_name_ar", _("the Arabic name")), ("full_name_en", _("the English name"))):
            if not values[column]:
                errors.append(ImportProblem(parsed.name, line, _("%(label)s is empty.") % {"label": label}))
            _length(errors, parsed.name, line, label, values[column], 255)
        unit_code = values["org_unit_code"]
        if unit_code not in unit_codes:
            errors.append(
                ImportProblem(parsed.name, line, _("unknown organisation unit %(code)r.") % {"code": unit_code})
            )
        username = values.get("username") or number.lower()
        try:
            username_validator(username)
        except ValidationError:
            errors.append(
                ImportProblem(parsed.name, line, _("the user name %(name)r is not valid.") % {"name": username})
            )
        if username in usernames:
            errors.append(
                ImportProblem(
                    parsed.name,
                    line,
                    _("user name %(name)s appears twice (first on line %(first)s).")
                    % {"name": username, "first": usernames[username]},
                )
            )
        usernames.setdefault(username, line)
        email = values.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    ImportProblem(parsed.name, line, _("%(email)r is not an email address.") % {"email": email})
                )
        hire_date = None
        if values.get("hire_date"):
            try:
                hire_date = datetime.date.fromisoformat(values["hire_date"])
            except ValueError:
                errors.append(
                    ImportProblem(
                        parsed.name,
                        line,
                        _("the hire date %(date)r is not a date in the form YYYY-MM-DD.")
                        % {"date": values["hire_date"]},
                    )
                )
        language = values.get("preferred_language") or Employee.Language.ARABIC
        if language not in languages:
            errors.append(
                ImportProblem(
                    parsed.name,
                    line,
                    _("the preferred language must be ar or en, not %(value)r.") % {"value": language},
                )
            )
        _length(errors, parsed.name, line, _("the job title"), values.get("job_title", ""), 255)
        _length(errors, parsed.name, line, _("the grade"), values.get("grade", ""), 32)
        if len(errors) == count:
            plans.append(
                EmployeePlan(
                    line=line,
                    number=number,
                    name_ar=values["full_name_ar"],
                    name_en=values["full_name_en"],
                    unit_code=unit_code,
                    username=username,
                    email=email,
                    job_title=values.get("job_title", ""),
                    grade=values.get("grade", ""),
                    hire_date=hire_date,
                    language=language,
                )
            )
    # A new employee's user name must not belong to somebody else already.
    existing_numbers = set(
        Employee.objects.filter(employee_number__in=numbers).values_list("employee_number", flat=True)
    )
    wanted = {plan.username: plan for plan in plans if plan.number not in existing_numbers}
    user_model = get_user_model()
    for username in user_model.objects.filter(username__in=wanted).values_list("username", flat=True):
        plan = wanted[username]
        errors.append(
            ImportProblem(
                parsed.name,
                plan.line,
                _("the user name %(name)s already belongs to another account.") % {"name": username},
            )
        )
    return plans


# -- writing -----------------------------------------------------------------------------------------------


def _apply_units(plans: list[UnitPlan], result: ImportResult) -> None:
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
        changed = False
        for name in ("name_ar", "name_en", "kind"):
            if getattr(unit, name) != getattr(plan, name):
                setattr(unit, name, getattr(plan, name))
                changed = True
        if changed:
            unit.save(update_fields=["name_ar", "name_en", "kind"])
            result.units_updated += 1
        current_parent = unit.get_parent()
        if (current_parent.code if current_parent else "") != plan.parent_code:
            # Treebeard rewrites the paths of the whole subtree; HR scopes follow (they point at the unit).
            unit.refresh_from_db()
            if parent is None:
                unit.move(OrgUnit.get_first_root_node(), pos="sorted-sibling")
            else:
                parent.refresh_from_db()
                unit.move(parent, pos="sorted-child")
            result.units_moved += 1
        elif not changed:
            result.unchanged += 1


def _apply_employees(plans: list[EmployeePlan], result: ImportResult) -> None:
    units = dict(OrgUnit.objects.values_list("code", "id"))
    existing = {
        employee.employee_number: employee
        for employee in Employee.objects.filter(employee_number__in=[plan.number for plan in plans]).select_related(
            "user"
        )
    }
    fields = ("full_name_ar", "full_name_en", "org_unit_id", "job_title", "grade", "hire_date", "preferred_language")
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
        changes = [name for name in fields if getattr(employee, name) != wanted[name]]
        email_changed = bool(plan.email) and employee.user.email != plan.email
        if not changes and not email_changed:
            result.unchanged += 1
            continue
        if "org_unit_id" in changes:
            result.employees_moved += 1
        else:
            result.employees_updated += 1
        if email_changed:
            employee.user.email = plan.email
            user_emails.append(employee.user)
        for name in changes:
            setattr(employee, name, wanted[name])
        if changes:
            to_update.append(employee)
    Employee.objects.bulk_update(to_update, fields, batch_size=1000)
    get_user_model().objects.bulk_update(user_emails, ["email"], batch_size=1000)
    if not new_plans:
        return
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
    result.employees_created += len(new_plans)


def import_people(
    *, units: tuple[str, bytes] | None = None, employees: tuple[str, bytes] | None = None, dry_run: bool = False
) -> ImportResult:
    """Check and import the files, given as (file name, content). Raises ImportFailed; then nothing is written.

    ``dry_run`` checks and counts what would change, then rolls everything back.
    """
    if units is None and employees is None:
        raise ImportFailed([ImportProblem("", None, _("Choose a file of units, of employees, or both."))])
    errors: list[ImportProblem] = []
    parsed_units = parsed_employees = None
    for source, required, optional, target in (
        (units, UNIT_REQUIRED, UNIT_OPTIONAL, "units"),
        (employees, EMPLOYEE_REQUIRED, EMPLOYEE_OPTIONAL, "employees"),
    ):
        if source is None:
            continue
        try:
            parsed = parse(source[1], name=source[0], required=required, optional=optional)
        except ImportFailed as failure:
            errors += failure.errors
            continue
        if target == "units":
            parsed_units = parsed
        else:
            parsed_employees = parsed
    unit_plans = validate_units(parsed_units, errors) if parsed_units else []
    unit_codes = set(OrgUnit.objects.values_list("code", flat=True)) | {plan.code for plan in unit_plans}
    employee_plans = validate_employees(parsed_employees, errors, unit_codes) if parsed_employees else []
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    with transaction.atomic():
        _apply_units(unit_plans, result)
        _apply_employees(employee_plans, result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def iter_messages(failure: ImportFailed) -> Iterator[str]:
    yield from failure.messages
