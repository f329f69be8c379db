"""The learner detail report: one row per enrolment in scope, with progress, due date and certificate.

Rows are built a chunk at a time with a constant number of queries, so the screen pages through a
national dataset and an export streams a million rows in bounded memory. On PostgreSQL the exports
take ``bulk_exports`` instead, which computes the same cells in the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from certificates.status import certification_of
from common.exports import row_values
from common.i18n import is_arabic
from courses.models import Enrolment
from courses.status import is_overdue, progress_percent, today

from . import bulk_exports
from .definitions import LINK, Query, ReportColumn, ReportDefinition, filtered, register
from .filters import LearnerFilterSet
from .selectors import CourseModules, CourseTitles, completed_modules, scoped_enrolments, with_certificate_codes

LEARNER_FIELDS = (
    "id",
    "cycle",
    "status",
    "source",
    "due_date",
    "completed_at",
    "learner__employee__id",
    "learner__employee__employee_number",
    "learner__employee__full_name_ar",
    "learner__employee__full_name_en",
    "learner__employee__grade",
    "learner__employee__org_unit__name_ar",
    "learner__employee__org_unit__name_en",
    "course_id",
    "course__title",
    "course__translation_key",
    "course__path",
    "certificate_code",
)


@dataclass(slots=True)
class LearnerRow:
    """One enrolment as the learner detail report and its exports show it."""

    id: int
    cycle: int
    employee_id: int
    employee_number: str
    name_ar: str
    name_en: str
    grade: str
    unit: str
    course: str
    status: str
    status_label: str
    mandatory: bool
    progress_percent: int
    due_date: datetime.date | None
    completed_at: datetime.datetime | None
    overdue: bool
    certificate_code: str = ""
    certification: str = ""

    @property
    def status_display(self) -> str:
        if self.overdue:
            return gettext("%(status)s (overdue)") % {"status": self.status_label}
        return self.status_label

    @property
    def progress_display(self) -> str:
        return f"{self.progress_percent}%"


class LearnerRowBuilder:
    """Turns value tuples of ``LEARNER_FIELDS`` into ``LearnerRow``s, chunk by chunk, with constant queries.

    Written for throughput (a national export is a million rows): labels are translated once, titles
    are looked up by course id, and only in-progress rows need a progress query.
    """

    def __init__(self, *, on: datetime.date | None = None) -> None:
        self.on = on or today()
        self.modules = CourseModules()
        self.titles = CourseTitles()
        self.arabic = is_arabic()
        self.status_labels = {value: str(label) for value, label in Enrolment.Status.choices}

    def build(self, values: list[tuple]) -> list[LearnerRow]:
        completed, in_progress, assigned = (
            Enrolment.Status.COMPLETED,
            Enrolment.Status.IN_PROGRESS,
            Enrolment.Source.ASSIGNED,
        )
        done = completed_modules([row[0] for row in values if row[2] == in_progress])
        self.titles.load((row[13], row[14], row[15]) for row in values)
        on, arabic, labels, titles, modules = self.on, self.arabic, self.status_labels, self.titles, self.modules
        rows = []
        append = rows.append
        for (
            enrolment_id,
            cycle,
            status,
            source,
            due_date,
            completed_at,
            employee_id,
            number,
            name_ar,
            name_en,
            grade,
            unit_ar,
            unit_en,
            course_id,
            _title,
            _translation_key,
            course_path,
            certificate_code,
        ) in values:
            percent = 0
            if status == completed:
                percent = 100
            elif status == in_progress:
                counted, required = modules.counted(course_path)
                percent = progress_percent(completed=False, done=done[enrolment_id][required], counted=counted)
            append(
                LearnerRow(
                    enrolment_id,
                    cycle,
                    employee_id,
                    number,
                    name_ar,
                    name_en,
                    grade,
                    unit_ar if arabic else unit_en,
                    titles.get(course_id),
                    status,
                    labels.get(status, status),
                    source == assigned,
                    percent,
                    due_date,
                    completed_at,
                    is_overdue(status=status, due_date=due_date, on=on),
                    certificate_code or "",
                )
            )
        return rows


def learner_rows(queryset: QuerySet[Enrolment], *, chunk_size: int = 5000) -> Iterator[LearnerRow]:
    """Stream every row of a filtered, ordered enrolment queryset with bounded memory.

    On PostgreSQL ``iterator()`` reads through a server-side cursor, so only one chunk is in memory.
    The cursor lives in a transaction of its own: outside one Django would declare it WITH HOLD, and
    PostgreSQL would compute and store the whole result before the first row came back. The planner is
    told the export wants every row (not a fast first page) and may sort in memory.
    """
    builder = LearnerRowBuilder()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
                cursor.execute("SET LOCAL work_mem = '64MB'")
        chunk: list[tuple] = []
        for values in with_certificate_codes(queryset).values_list(*LEARNER_FIELDS).iterator(chunk_size=chunk_size):
            chunk.append(values)
            if len(chunk) >= chunk_size:
                yield from builder.build(chunk)
                chunk = []
        if chunk:
            yield from builder.build(chunk)


def learner_page_rows(queryset: QuerySet[Enrolment]) -> list[LearnerRow]:
    """The rows of one (already sliced) page, with the certification status of each."""
    rows = LearnerRowBuilder().build(list(with_certificate_codes(queryset).values_list(*LEARNER_FIELDS)))
    certification = certification_of([row.id for row in rows], on=today())
    for row in rows:
        row.certification = str(certification[row.id].label)
    return rows


# Sort keys offered in the column headers, and the fields behind them; anything else is ignored.
ORDERING_FIELDS = {
    "number": ("learner__employee__employee_number",),
    "name_ar": ("learner__employee__full_name_ar",),
    "name_en": ("learner__employee__full_name_en",),
    "unit": ("learner__employee__org_unit__path",),
    "course": ("course__title",),
    "status": ("status",),
    "due": ("due_date",),
    "completed": ("completed_at",),
}


def learner_queryset(query: Query) -> QuerySet[Enrolment]:
    """The enrolments the report lists, filtered and ordered; past cycles only with the "history" filter."""
    enrolments = filtered(scoped_enrolments(query.user, include_history=True), query)
    prefix = "-" if query.ordering.startswith("-") else ""
    fields = ORDERING_FIELDS[query.ordering.lstrip("-")]
    # The primary key last makes pages stable when many rows share a value.
    return enrolments.order_by(*(prefix + name for name in fields), prefix + "id")


def _accessors() -> list[str]:
    return [column.accessor for column in LEARNERS.export_columns()]


def _export_values(queryset: QuerySet[Enrolment]) -> Iterable[tuple]:
    if bulk_exports.available():
        # PostgreSQL computes every cell: several times faster than building rows in Python.
        return bulk_exports.typed_rows(queryset, accessors=_accessors())
    rows = learner_rows(queryset, chunk_size=settings.QUDRA_REPORTS_EXPORT_CHUNK_SIZE)
    return row_values(LEARNERS.export_columns(), rows)


def _csv_body(queryset: QuerySet[Enrolment]) -> Iterator[bytes] | None:
    return bulk_exports.csv_body(queryset, accessors=_accessors()) if bulk_exports.available() else None


LEARNERS = register(
    ReportDefinition(
        name="learner-detail",
        title=_("Learner detail"),
        filterset_class=LearnerFilterSet,
        default_ordering="number",
        rows=learner_queryset,
        export_values=_export_values,
        csv_body=_csv_body,
        columns=(
            ReportColumn("employee_number", _("Employee number"), kind=LINK, sort_key="number"),
            ReportColumn("name_ar", _("Name (Arabic)"), sort_key="name_ar"),
            ReportColumn("name_en", _("Name (English)"), sort_key="name_en"),
            ReportColumn("grade", _("Grade"), on_screen=False),
            ReportColumn("unit", _("Organisation unit"), sort_key="unit"),
            ReportColumn("course", _("Course"), sort_key="course"),
            ReportColumn("cycle", _("Cycle"), on_screen=False),
            ReportColumn("status_label", _("Status"), sort_key="status", screen_accessor="status_display"),
            ReportColumn("mandatory", _("Mandatory"), on_screen=False),
            ReportColumn("progress_display", _("Progress"), in_export=False),
            ReportColumn("progress_percent", _("Progress %"), on_screen=False),
            ReportColumn("due_date", _("Due date"), sort_key="due"),
            ReportColumn("completed_at", _("Completed"), sort_key="completed"),
            ReportColumn("overdue", _("Overdue"), on_screen=False),
            ReportColumn("certificate_code", _("Certificate code")),
            ReportColumn("certification", _("Certification"), in_export=False),
        ),
    )
)
