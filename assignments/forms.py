"""The HR form to assign a course: target, optional narrowing, due date rule."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.audience import courses_in_scope_q
from courses.models import source_pages
from courses.selectors import counted_module_ids, record_courses
from people.models import Employee, OrgUnit
from people.scope import scoped_employees, scoped_org_units
from programmes.models import ProgrammePage

from .models import Assignment
from .services import AssignmentRefused, check_audience


def split_list(value: str) -> list[str]:
    """Values typed one per line or separated by commas."""
    return sorted({part.strip() for part in re.split(r"[,\n،]", value or "") if part.strip()})


class AssignmentForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=record_courses().filter(live=True).order_by("title"),
        required=False,
        error_messages={"invalid_choice": _("Choose a published course from the list.")},
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=source_pages(ProgrammePage.objects.live()).order_by("title"),
        required=False,
        help_text=_("Or a whole programme: its courses open to each person as their prerequisites are met."),
        error_messages={"invalid_choice": _("Choose a published programme from the list.")},
    )
    # Any unit validates here; the view answers 403 for a unit outside the officer's scope, so that
    # guessing ids is refused rather than reported as a typing mistake. Only units in scope are offered.
    org_unit = forms.ModelChoiceField(
        label=_("Organisation unit"),
        queryset=OrgUnit.objects.all(),
        required=False,
        help_text=_("Everyone in this unit and the units below it."),
        error_messages={"invalid_choice": _("Choose an organisation unit from the list.")},
    )
    grades = forms.CharField(
        label=_("Only these grades"), required=False, help_text=_("Optional. Separate grades with commas.")
    )
    job_titles = forms.CharField(
        label=_("Only these job titles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. One job title per line."),
    )
    employee_numbers = forms.CharField(
        label=_("Chosen employees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Employee numbers, one per line or separated by commas."),
    )
    due_rule = forms.ChoiceField(label=_("Due date"), choices=Assignment.DueRule.choices, widget=forms.RadioSelect)
    due_on = forms.DateField(label=_("Complete by"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    due_days = forms.IntegerField(label=_("Number of days"), required=False, min_value=1, max_value=3650)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Courses open to ministries the officer's scope does not reach are not offered (``courses.audience``).
        course_field = self.fields["course"]
        course_field.queryset = course_field.queryset.filter(courses_in_scope_q(user))
        units = scoped_org_units(user).order_by("path")
        self.fields["org_unit"].widget.choices = [("", "---------")] + [
            (unit.pk, f"{'— ' * (unit.depth - 1)}{unit.name}") for unit in units
        ]

    def clean_course(self):
        course = self.cleaned_data.get("course")
        if course is not None and not counted_module_ids(course=course):
            raise forms.ValidationError(
                _("This course has no published module yet, so nobody could complete it. Assign it once it has one.")
            )
        return course

    def clean_employee_numbers(self) -> list[Employee]:
        numbers = split_list(self.cleaned_data["employee_numbers"])
        # Looked up in the officer's scope only: a number of another ministry gets the same answer as one
        # that does not exist, so the form cannot be used to find out who works elsewhere.
        employees = list(scoped_employees(self.user).filter(employee_number__in=numbers).select_related("org_unit"))
        unknown = sorted(set(numbers) - {employee.employee_number for employee in employees})
        if unknown:
            raise forms.ValidationError(
                _("No employee in your organisation has the number(s): %(numbers)s."),
                params={"numbers": ", ".join(unknown)},
            )
        return employees

    def clean(self) -> dict:
        data = super().clean()
        unit, employees = data.get("org_unit"), data.get("employee_numbers") or []
        data["grades"] = split_list(data.get("grades", ""))
        data["job_titles"] = split_list(data.get("job_titles", ""))
        picked = [data.get("course"), data.get("programme")]
        if picked.count(None) != 1 and not (self.has_error("course") or self.has_error("programme")):
            raise forms.ValidationError(_("Choose either a course or a programme to assign."))
        if unit is None and not employees and "employee_numbers" not in self.errors:
            raise forms.ValidationError(_("Choose an organisation unit or list the employees to assign."))
        if unit is None and (data["grades"] or data["job_titles"]):
            self.add_error("org_unit", _("Grades and job titles narrow an organisation unit: choose the unit."))
        try:
            check_audience(course=data.get("course"), org_unit=unit, employees=employees)
        except AssignmentRefused as refused:
            self.add_error(None, str(refused))
        rule = data.get("due_rule")
        if rule == Assignment.DueRule.ON_DATE:
            if data.get("due_on") is None:
                self.add_error("due_on", _("Give the date by which the course must be completed."))
            elif data["due_on"] < timezone.localdate():
                self.add_error("due_on", _("The due date cannot be in the past."))
        elif rule and data.get("due_days") is None:
            self.add_error("due_days", _("Give the number of days people have to complete the course."))
        return data
