"""Filters of the HR reports (django-filter, Wagtail's admin flavour).

Choices that name organisation data (units, grades) come from the user's scope only, so a unit of
another ministry is neither offered nor accepted: a tampered value makes the form invalid and the
report shows nothing but the error. Query parameters that are not filters are ignored.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from certificates.status import CertificationStatus, with_certification
from courses.audience import courses_in_scope_q
from courses.models import Enrolment, SkillArea
from courses.selectors import record_courses
from courses.status import LearningStatus, learning_status_expression, today
from people.models import Employee, OrgUnit
from people.scope import User, scoped_org_units
from stats.selectors import SummaryFilters

from .selectors import grades_in_scope


class FastSelect(forms.Select):
    """A <select> rendered in Python: Django renders one template per <option>, and the course
    list (hundreds of options on every report page) took a large share of the page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(item) for item in (value if isinstance(value, list | tuple) else [value]) if item is not None}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(option), SELECTED if str(option) in chosen else "", label) for option, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


# A constant attribute, not data: safe to mark as such.
SELECTED = mark_safe(" selected")  # noqa: S308


class ScopedFilterSet(WagtailFilterSet):
    """A report's filters for one user: choices that name organisation data come from their scope."""

    def __init__(self, data=None, *args, user: User, **kwargs) -> None:
        self.user = user
        super().__init__(data, *args, **kwargs)

    def filter_org_unit(self, queryset: QuerySet, name: str, unit: OrgUnit | None) -> QuerySet:
        if unit is None:
            return queryset
        return queryset.filter(**{f"{self.unit_path_field}__startswith": unit.path})

    unit_path_field = "org_unit__path"


class CheckboxFilter(django_filters.BooleanFilter):
    """A tick box: unticked is the default, not an active "False" filter.

    django-filter's BooleanFilter has a yes/no/unknown field; behind a checkbox its unticked False
    differs from the unknown initial value, and the admin listed "Mandatory only: False" as a filter.
    """

    field_class = forms.BooleanField


class UnitChoiceField(django_filters.fields.ModelChoiceField):
    """Units indented by depth, named in the active language."""

    def label_from_instance(self, unit: OrgUnit) -> str:
        return "\u2003" * (unit.depth - 1) + unit.name


class UnitFilter(django_filters.ModelChoiceFilter):
    """Units of the user's scope, as a tree; a unit outside it makes the form invalid."""

    field_class = UnitChoiceField

    def __init__(self, **kwargs) -> None:
        super().__init__(
            label=_("Organisation unit"),
            queryset=OrgUnit.objects.none(),  # replaced per user by get_queryset
            method="filter_org_unit",
            empty_label=_("Whole scope"),
            widget=FastSelect,
            **kwargs,
        )

    def get_queryset(self, request) -> QuerySet[OrgUnit]:
        return scoped_org_units(self.parent.user).order_by("path")


class CourseFilter(django_filters.ChoiceFilter):
    """Courses by id, as learning records point at them (the source-language page of each course), of
    those the user's scope can take.

    Choices are plain (id, title) pairs: building hundreds of page objects for a <select> on every
    report page cost more than the rest of the filter form.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, choices=[], **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            field = super().field
            # Courses open to ministries outside the user's scope are not offered (``courses.audience``).
            courses = record_courses().filter(courses_in_scope_q(self.parent.user))
            field.choices = [(str(pk), title) for pk, title in courses.values_list("id", "title")]
        return self._field


class GradeFilter(django_filters.ChoiceFilter):
    """Grades present in the user's scope; computed per request, as the scope is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, choices=[], **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            field = super().field
            grades = grades_in_scope(self.parent.user)
            # django-filter's ChoiceField adds the empty choice itself.
            field.choices = [(grade, grade) for grade in grades]
        return self._field


class EnrolmentReportFilterSet(ScopedFilterSet):
    """The filters every enrolment-based report offers: course, skill area, unit, status, mandatory, grade, dates."""

    course = CourseFilter(label=_("Course"), field_name="course_id", empty_label=_("Any course"), widget=FastSelect)
    skill_area = django_filters.ChoiceFilter(
        label=_("Skill area"),
        field_name="course__skill_area",
        choices=SkillArea.choices,
        empty_label=_("Any"),
        widget=FastSelect,
    )
    org_unit = UnitFilter()
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=LearningStatus.choices,
        method="filter_status",
        empty_label=_("Any"),
        widget=FastSelect,
    )
    mandatory = CheckboxFilter(
        label=_("Mandatory only"),
        method="filter_mandatory",
        help_text=_("Only courses assigned by HR."),
    )
    grade = GradeFilter(
        label=_("Grade"), field_name="learner__employee__grade", empty_label=_("Any grade"), widget=FastSelect
    )
    enrolled = django_filters.DateFromToRangeFilter(
        label=_("Enrolled between"), field_name="enrolled_at", widget=DateRangePickerWidget
    )
    completed = django_filters.DateFromToRangeFilter(
        label=_("Completed between"), field_name="completed_at", widget=DateRangePickerWidget
    )

    unit_path_field = "learner__employee__org_unit__path"

    class Meta:
        model = Enrolment
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet[Enrolment], name: str, value: str) -> QuerySet[Enrolment]:
        if not value:
            return queryset
        # The learner-facing status: "in progress" and "not started" leave out what is overdue.
        return queryset.alias(learning_status=learning_status_expression()).filter(learning_status=value)

    def filter_mandatory(self, queryset: QuerySet[Enrolment], name: str, value: bool | None) -> QuerySet[Enrolment]:
        return queryset.filter(source=Enrolment.Source.ASSIGNED) if value else queryset

    def summary_filters(self) -> SummaryFilters:
        data = self.form.cleaned_data
        return SummaryFilters(
            course=int(data["course"]) if data.get("course") else None,
            skill_area=data.get("skill_area") or "",
            status=data.get("status") or "",
            mandatory=bool(data.get("mandatory")),
            grade=data.get("grade") or "",
            has_dates=bool(data.get("enrolled") or data.get("completed")),
        )

    def filter_employees(self, employees: QuerySet[Employee]) -> QuerySet[Employee]:
        """The same unit and grade filters, for headcounts (which have no enrolment to filter)."""
        data = self.form.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("org_unit"):
            employees = employees.filter(org_unit__path__startswith=data["org_unit"].path)
        if data.get("grade"):
            employees = employees.filter(grade=data["grade"])
        return employees


class LearnerFilterSet(EnrolmentReportFilterSet):
    """The learner detail adds past cycles (recertification history) on request."""

    history = CheckboxFilter(
        label=_("Include past cycles"),
        method="filter_history",
        help_text=_("Also list enrolments replaced by a recertification."),
    )
    certification = django_filters.ChoiceFilter(
        label=_("Certification"),
        choices=CertificationStatus.choices,
        method="filter_certification",
        empty_label=_("Any"),
        widget=FastSelect,
    )

    def filter_history(self, queryset: QuerySet[Enrolment], name: str, value: bool | None) -> QuerySet[Enrolment]:
        return queryset if value else queryset.filter(is_current=True)

    def filter_certification(self, queryset: QuerySet[Enrolment], name: str, value: str) -> QuerySet[Enrolment]:
        if not value:
            return queryset
        return with_certification(queryset, on=today(), select=False).filter(certification=value)


class EmployeeFilterSet(ScopedFilterSet):
    """Filters of the transcript picker: whose transcript to open."""

    org_unit = UnitFilter()
    grade = GradeFilter(label=_("Grade"), field_name="grade", empty_label=_("Any grade"), widget=FastSelect)

    class Meta:
        model = Employee
        fields: list[str] = []
