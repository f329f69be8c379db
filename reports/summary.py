"""The completion summary: enrolment counts per organisation unit, drilling down the organisation tree.

Counts come from the pre-aggregated statistics when they are fresh and can answer the filters, and
are counted live otherwise; either way they arrive per employee's own unit and are rolled up here to
the row whose path prefixes it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment
from courses.status import LearningStatus, overdue_q
from people.models import Employee, OrgUnit
from people.scope import User, scoped_employees
from stats.selectors import UnitCounts, stats_unit_counts

from .definitions import NUMBER, PLAIN, TITLE, Query, ReportColumn, ReportDefinition, filtered, register
from .filters import EnrolmentReportFilterSet
from .selectors import UnitLine, roll_up, scoped_enrolments, top_units

OVERDUE = LearningStatus.OVERDUE.value
# The order of UnitCounts.enrolments' figures.
ENROLMENT_COUNTS = ("enrolled", "not_started", "in_progress", "completed", "overdue")


@dataclass
class SummaryRow(UnitLine):
    """One line of the completion summary."""

    learners: int = 0
    enrolled: int = 0
    not_started: int = 0
    in_progress: int = 0
    completed: int = 0
    overdue: int = 0

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def completion_display(self) -> str:
        percent = self.completion_percent
        return "—" if percent is None else f"{percent}%"

    @property
    def code(self) -> str:
        return self.unit.code

    @property
    def completion_percent(self) -> int | None:
        if not self.enrolled:
            return None
        return round(100 * self.completed / self.enrolled)

    def add(self, other: SummaryRow) -> None:
        for name in ("learners", "enrolled", "not_started", "in_progress", "completed", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Summary:
    parent: OrgUnit | None
    rows: list[SummaryRow]
    total: SummaryRow | None
    # When the counts come from the pre-aggregated statistics: their refresh time; None means live.
    as_of: datetime.datetime | None = None


def live_unit_counts(
    *, enrolments: QuerySet[Enrolment], employees: QuerySet[Employee], on: datetime.date | None = None
) -> UnitCounts:
    """Exact counts straight from the learning records (two queries)."""
    headcount = dict(employees.values_list("org_unit_id").annotate(n=Count("id")).order_by())
    status = Enrolment.Status
    rows = (
        enrolments.values_list("learner__employee__org_unit_id")
        .annotate(
            enrolled=Count("id"),
            not_started=Count("id", filter=Q(status=status.NOT_STARTED)),
            in_progress=Count("id", filter=Q(status=status.IN_PROGRESS)),
            completed=Count("id", filter=Q(status=status.COMPLETED)),
            overdue=Count("id", filter=overdue_q(on)),
        )
        .order_by()
    )
    return UnitCounts(headcount=headcount, enrolments={row[0]: tuple(row[1:]) for row in rows})


def completion_summary(*, user: User, parent: OrgUnit | None, counts: UnitCounts) -> Summary:
    """One row per child unit of ``parent`` (or per top unit), plus the parent's own staff.

    Counts arrive per employee's own unit and are rolled up here to the row whose path prefixes it.
    """
    rows, row_for_unit = roll_up(user, parent, SummaryRow)
    for unit_id, headcount in counts.headcount.items():
        if unit_id in row_for_unit:
            row_for_unit[unit_id].learners += headcount
    for unit_id, figures in counts.enrolments.items():
        if unit_id in row_for_unit:
            row = row_for_unit[unit_id]
            row.add(SummaryRow(unit=row.unit, **dict(zip(ENROLMENT_COUNTS, figures, strict=True))))
    result = [row for row in rows if not row.own_staff_only or row.learners or row.enrolled]
    total = None
    if result:
        total = SummaryRow(unit=parent or OrgUnit(name_en="", name_ar=""))
        for row in result:
            total.add(row)
    return Summary(parent=parent, rows=result, total=total, as_of=counts.as_of)


def summary_parent(query: Query) -> OrgUnit | None:
    """The unit whose children are the rows: the one filtered by, else the only scope root, else none."""
    if not query.filters.is_valid():
        return None
    chosen = query.filters.form.cleaned_data.get("org_unit")
    if chosen is not None:
        return chosen
    # An HR officer of one ministry starts inside it: one row for the whole ministry says little.
    roots = top_units(query.user)
    return roots[0] if len(roots) == 1 else None


def summary_of(query: Query) -> Summary | None:
    """The summary as filtered, or None when a filter value is invalid."""
    if not query.filters.is_valid():
        return None
    user, parent = query.user, summary_parent(query)
    counts = stats_unit_counts(user=user, parent=parent, filters=query.filters.summary_filters())
    if counts is None:
        counts = live_unit_counts(
            enrolments=filtered(scoped_enrolments(user), query),
            employees=query.filters.filter_employees(scoped_employees(user)),
        )
    return completion_summary(user=user, parent=parent, counts=counts)


def sorted_rows(summary: Summary | None, ordering: str) -> list[SummaryRow]:
    if summary is None:
        return []
    key = ordering.lstrip("-")
    if key == "name":
        rows = sorted(summary.rows, key=lambda row: (not row.own_staff_only, row.label))
    else:
        attribute = "completion_percent" if key == "completion" else key
        rows = sorted(summary.rows, key=lambda row: (getattr(row, attribute) is None, getattr(row, attribute)))
    if ordering.startswith("-"):
        rows.reverse()
    return rows


SUMMARY = register(
    ReportDefinition(
        name="completion-summary",
        title=_("Completion summary"),
        filterset_class=EnrolmentReportFilterSet,
        default_ordering="name",
        rows=lambda query: sorted_rows(summary_of(query), query.ordering),
        columns=(
            ReportColumn("code", _("Unit code"), on_screen=False),
            ReportColumn("label", _("Organisation unit"), kind=TITLE, sort_key="name"),
            *(
                ReportColumn(name, heading, kind=NUMBER, sort_key=name)
                for name, heading in (
                    ("learners", _("Learners")),
                    ("enrolled", _("Enrolled")),
                    ("not_started", _("Not started")),
                    ("in_progress", _("In progress")),
                    ("completed", _("Completed")),
                    ("overdue", _("Overdue")),
                )
            ),
            ReportColumn(
                "completion_percent",
                _("Completion %"),
                kind=PLAIN,
                sort_key="completion",
                screen_accessor="completion_display",
            ),
        ),
    )
)
