"""Checking the rows of a people import: each row through a form built from the models' own fields.

The fields (lengths, slug, e-mail, user name, date, choices) come from ``Model._meta.get_field(...)``,
so a model change is a rule change here too. Plain forms rather than ModelForms: a ModelForm would
also check uniqueness with one query per row; duplicates are found for the whole file at once below.
Form errors become the import's own sentences in one place, ``RowForm.problems``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .import_reading import ImportProblem, ParsedFile
from .models import Employee, OrgUnit


class IsoDateField(forms.DateField):
    """Only YYYY-MM-DD, whatever the language: the form's localised formats would read 01/02 two ways."""

    input_formats = ("YYYY-MM-DD",)

    def strptime(self, value: str, format: str) -> datetime.date:
        return datetime.date.fromisoformat(value)


def model_field(model: type[models.Model], name: str, **kwargs: Any) -> forms.Field:
    """The form field the model declares, with the model's own validators too (``formfield()`` leaves
    those to ``full_clean``; the user name's character rule is one)."""
    db_field = model._meta.get_field(name)
    field = db_field.formfield(**kwargs)
    field.validators += [validator for validator in db_field.validators if validator not in field.validators]
    return field


@dataclass(frozen=True)
class FieldText:
    """How the import words a column's errors, by error code; ``key`` names the value in the sentences and
    ``label`` the column, for sentences that say it."""

    messages: dict[str, str]
    label: str = ""
    key: str = "value"


LONGER = gettext_lazy("%(label)s is longer than %(limit)s characters.")
EMPTY = gettext_lazy("%(label)s is empty.")
NAME_AR = FieldText({"required": EMPTY, "max_length": LONGER}, label=gettext_lazy("the Arabic name"))
NAME_EN = FieldText({"required": EMPTY, "max_length": LONGER}, label=gettext_lazy("the English name"))
UNKNOWN_KIND = gettext_lazy("unknown kind %(kind)r; use one of %(kinds)s.")
BAD_USERNAME = gettext_lazy("the user name %(name)r is not valid.")
BAD_EMAIL = gettext_lazy("%(email)r is not an email address.")
BAD_LANGUAGE = gettext_lazy("the preferred language must be ar or en, not %(value)r.")


class SharedFields(dict):
    """Form fields every form of the class shares: ``Form.__init__`` deep-copies its fields, which was
    half the checking time of a file (a form per row, up to 10 MB). Row forms are never rendered and
    never change a field, so there is nothing a copy would protect."""

    def __deepcopy__(self, memo: dict) -> SharedFields:
        return self


def shared_fields(form_class: type[forms.Form]) -> type[forms.Form]:
    form_class.base_fields = SharedFields(form_class.base_fields)
    return form_class


class RowForm(forms.Form):
    texts: ClassVar[dict[str, FieldText]]

    def _clean_fields(self) -> None:
        # Django's own goes through a bound field and its widget for every value, half the checking time of
        # a batch; a row is never rendered and its values are plain text, so each field cleans the value.
        for name, field in self.fields.items():
            try:
                self.cleaned_data[name] = field.clean(self.data.get(name))
                if hasattr(self, f"clean_{name}"):
                    self.cleaned_data[name] = getattr(self, f"clean_{name}")()
            except ValidationError as error:
                self.add_error(name, error)

    def problems(self) -> list[tuple[str, str]]:
        """The row's errors as (field, sentence); an error with no sentence of its own keeps Django's."""
        sentences: list[tuple[str, str]] = []
        for name, errors in self.errors.as_data().items():
            text, field = self.texts[name], self.fields[name]
            params = {
                text.key: self.data.get(name, ""),
                "label": text.label,
                "limit": getattr(field, "max_length", None),
                "kinds": ", ".join(sorted(str(value) for value, _label in getattr(field, "choices", ()) if value)),
            }
            for error in errors:
                template = text.messages.get(error.code or "")
                sentences += [(name, template % params)] if template else [(name, text) for text in error.messages]
        return sentences


@shared_fields
class UnitRowForm(RowForm):
    code = model_field(OrgUnit, "code")
    name_ar = model_field(OrgUnit, "name_ar")
    name_en = model_field(OrgUnit, "name_en")
    kind = model_field(OrgUnit, "kind")

    texts = {
        "code": FieldText(
            label=gettext_lazy("the code"),
            messages={
                "required": gettext_lazy("the code is empty."),
                "invalid": gettext_lazy("the code %(code)r may only contain letters, digits, hyphens and underscores."),
                "max_length": LONGER,
            },
            key="code",
        ),
        "name_ar": NAME_AR,
        "name_en": NAME_EN,
        "kind": FieldText({"required": UNKNOWN_KIND, "invalid_choice": UNKNOWN_KIND}, key="kind"),
    }


User = get_user_model()


@shared_fields
class EmployeeRowForm(RowForm):
    employee_number = model_field(Employee, "employee_number")
    full_name_ar = model_field(Employee, "full_name_ar")
    full_name_en = model_field(Employee, "full_name_en")
    org_unit_code = forms.CharField(required=False)
    username = model_field(User, "username")
    email = model_field(User, "email")
    hire_date = model_field(Employee, "hire_date", form_class=IsoDateField)
    preferred_language = model_field(Employee, "preferred_language")
    job_title = model_field(Employee, "job_title")
    grade = model_field(Employee, "grade")
    manager_employee_number = model_field(Employee, "employee_number", required=False)
    civil_number = model_field(Employee, "civil_number", required=False)
    # true or false (also 1/0, yes/no); empty or absent leaves the account as it is.
    active = forms.CharField(required=False)

    texts = {
        "employee_number": FieldText(
            label=gettext_lazy("the employee number"),
            messages={"required": gettext_lazy("the employee number is empty."), "max_length": LONGER},
        ),
        "full_name_ar": NAME_AR,
        "full_name_en": NAME_EN,
        "org_unit_code": FieldText({"unknown": gettext_lazy("unknown organisation unit %(code)r.")}, key="code"),
        # Whatever is wrong with a user name (empty, too long, a character not allowed), one sentence.
        "username": FieldText(
            {"required": BAD_USERNAME, "invalid": BAD_USERNAME, "max_length": BAD_USERNAME},
            key="name",
        ),
        "email": FieldText(
            {"invalid": BAD_EMAIL, "max_length": LONGER}, label=gettext_lazy("the email address"), key="email"
        ),
        "hire_date": FieldText(
            {"invalid": gettext_lazy("the hire date %(date)r is not a date in the form YYYY-MM-DD.")},
            key="date",
        ),
        "preferred_language": FieldText({"required": BAD_LANGUAGE, "invalid_choice": BAD_LANGUAGE}),
        "job_title": FieldText({"max_length": LONGER}, label=gettext_lazy("the job title")),
        "grade": FieldText({"max_length": LONGER}, label=gettext_lazy("the grade")),
        "manager_employee_number": FieldText({"max_length": LONGER}, label=gettext_lazy("the manager's number")),
        "civil_number": FieldText({"max_length": LONGER}, label=gettext_lazy("the civil number")),
        "active": FieldText({"invalid": gettext_lazy("active must be true or false, not %(value)r.")}),
    }

    def __init__(self, data: dict[str, str], *, unit_codes: set[str]) -> None:
        # A missing user name is the employee number in lower case; a missing language is Arabic.
        data = {
            **data,
            "username": data.get("username") or data["employee_number"].lower(),
            "preferred_language": data.get("preferred_language") or Employee.Language.ARABIC,
        }
        super().__init__(data)
        self.unit_codes = unit_codes

    def clean_org_unit_code(self) -> str:
        code = self.cleaned_data["org_unit_code"]
        if code not in self.unit_codes:
            raise ValidationError("unknown organisation unit", code="unknown")
        return code

    def clean_active(self) -> bool | None:
        value = self.cleaned_data["active"].lower()
        if not value:
            return None
        if value not in ACTIVE_WORDS:
            raise ValidationError("not true or false", code="invalid")
        return ACTIVE_WORDS[value]


ACTIVE_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


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
    # The manager's employee number; None when the file has no manager column (managers left as they are).
    manager: str | None = None
    # None: left as it is (no value given).
    civil_number: str | None = None
    active: bool | None = None


# The sentences for a value met twice, as a file says where it was first (a line) and as a request does
# (a row, counted from 0).
TWICE = {
    "line": {
        "code": (gettext_lazy("the unit %(code)s appears twice (first on line %(first)s)."), "code"),
        "employee_number": (
            gettext_lazy("employee number %(number)s appears twice (first on line %(first)s)."),
            "number",
        ),
        "username": (gettext_lazy("user name %(name)s appears twice (first on line %(first)s)."), "name"),
        "civil_number": (gettext_lazy("civil number %(number)s appears twice (first on line %(first)s)."), "number"),
    },
    "row": {
        "code": (gettext_lazy("the unit %(code)s appears twice (first in row %(first)s)."), "code"),
        "employee_number": (
            gettext_lazy("employee number %(number)s appears twice (first in row %(first)s)."),
            "number",
        ),
        "username": (gettext_lazy("user name %(name)s appears twice (first in row %(first)s)."), "name"),
        "civil_number": (gettext_lazy("civil number %(number)s appears twice (first in row %(first)s)."), "number"),
    },
}


class Duplicates:
    """Values met before in the batch, per field: remembers where each was first."""

    def __init__(self, numbering: str) -> None:
        self.messages = TWICE[numbering]
        self.seen: dict[str, dict[str, int]] = {name: {} for name in self.messages}

    def check(self, name: str, value: str | None, line: int) -> list[tuple[str, str]]:
        """The (field, sentence) for a value met before (none the first time, or for an empty value)."""
        if not value:
            return []
        first = self.seen[name].setdefault(value, line)
        if first == line:
            return []
        message, key = self.messages[name]
        return [(name, message % {key: value, "first": first})]


def _located(parsed: ParsedFile, line: int, problems: list[tuple[str, str]]) -> list[ImportProblem]:
    return [ImportProblem(parsed.name, line, message, name) for name, message in problems]


def validate_units(parsed: ParsedFile, errors: list[ImportProblem], numbering: str = "line") -> list[UnitPlan]:
    """The rows that pass their own checks, as plans; the tree as a whole is ``check_tree``."""
    plans: list[UnitPlan] = []
    duplicates = Duplicates(numbering)
    for row in parsed.rows:
        form = UnitRowForm(row.values)
        problems = form.problems() + duplicates.check("code", row.values["code"], row.line)
        errors += _located(parsed, row.line, problems)
        if not problems:
            data = form.cleaned_data
            plans.append(
                UnitPlan(
                    row.line,
                    data["code"],
                    data["name_ar"],
                    data["name_en"],
                    data["kind"],
                    row.values.get("parent_code", ""),
                )
            )
    return plans


def check_tree(parsed: ParsedFile, plans: list[UnitPlan], errors: list[ImportProblem]) -> None:
    """Parents must exist (in the file or already), and the tree must stay a tree: walk up the parents
    the units will have after the import (the file's, else the current ones) and never meet yourself."""
    final_parent = final_parents(plans)
    for plan in plans:
        if plan.parent_code and plan.parent_code not in final_parent:
            message = _("unknown parent unit %(code)r.") % {"code": plan.parent_code}
            errors.append(ImportProblem(parsed.name, plan.line, message, "parent_code"))
            continue
        seen, current = {plan.code}, plan.parent_code
        while current and current not in seen:
            seen.add(current)
            current = final_parent.get(current, "")
        if current:
            message = _("%(code)s would end up inside itself: its parents go round in a circle.") % {"code": plan.code}
            errors.append(ImportProblem(parsed.name, plan.line, message, "parent_code"))


def final_parents(plans: list[UnitPlan]) -> dict[str, str]:
    """Every unit's parent code ("" for a ministry) as it will be once ``plans`` are written."""
    existing = dict(OrgUnit.objects.values_list("code", "path"))
    code_by_path = {path: code for code, path in existing.items()}
    final_parent = {code: code_by_path.get(path[: -OrgUnit.steplen], "") for code, path in existing.items()}
    final_parent.update({plan.code: plan.parent_code for plan in plans})
    return final_parent


def validate_employees(
    parsed: ParsedFile, errors: list[ImportProblem], unit_codes: set[str], numbering: str = "line"
) -> list[EmployeePlan]:
    """The rows that pass their own checks, as plans; user names and civil numbers already taken are
    ``check_taken``."""
    plans: list[EmployeePlan] = []
    duplicates = Duplicates(numbering)
    for row in parsed.rows:
        form = EmployeeRowForm(row.values, unit_codes=unit_codes)
        problems = form.problems()
        for name in ("employee_number", "username", "civil_number"):
            problems += duplicates.check(name, form.data.get(name), row.line)
        errors += _located(parsed, row.line, problems)
        if not problems:
            plans.append(_employee_plan(row.line, form.cleaned_data, row.values))
    return plans


def _employee_plan(line: int, data: dict[str, Any], given: dict[str, str]) -> EmployeePlan:
    return EmployeePlan(
        line=line,
        number=data["employee_number"],
        name_ar=data["full_name_ar"],
        name_en=data["full_name_en"],
        unit_code=data["org_unit_code"],
        username=data["username"],
        email=data["email"],
        job_title=data["job_title"],
        grade=data["grade"],
        hire_date=data["hire_date"],
        language=data["preferred_language"],
        manager=data["manager_employee_number"] if "manager_employee_number" in given else None,
        civil_number=data["civil_number"] or None,
        active=data["active"],
    )


def check_taken(parsed: ParsedFile, plans: list[EmployeePlan], errors: list[ImportProblem]) -> None:
    """A new employee's user name must not belong to somebody else already, nor anyone's civil number."""
    numbers = [plan.number for plan in plans]
    existing_numbers = set(
        Employee.objects.filter(employee_number__in=numbers).values_list("employee_number", flat=True)
    )
    wanted = {plan.username: plan for plan in plans if plan.number not in existing_numbers}
    for username in User.objects.filter(username__in=wanted).values_list("username", flat=True):
        message = _("the user name %(name)s already belongs to another account.") % {"name": username}
        errors.append(ImportProblem(parsed.name, wanted[username].line, message, "username"))
    civil = {plan.civil_number: plan for plan in plans if plan.civil_number}
    if not civil:
        return
    holders = Employee.objects.filter(civil_number__in=civil).values_list("civil_number", "employee_number")
    for civil_number, holder in holders:
        if civil[civil_number].number != holder:
            message = _("the civil number %(number)s already belongs to another employee.") % {"number": civil_number}
            errors.append(ImportProblem(parsed.name, civil[civil_number].line, message, "civil_number"))
