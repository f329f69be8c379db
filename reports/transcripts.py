"""Employee transcripts: the picker of whose transcript to open, and one person's whole training record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.codes import format_code
from certificates.status import CertificationStatus, certification_of
from common.i18n import pick
from courses.models import CoursePage, Enrolment, ModuleProgress
from courses.selectors import titles_by_language
from courses.status import learning_status, progress_percent, today
from external_training.selectors import ApprovedTraining, approved_training
from people.models import Employee
from people.scope import User, scoped_employees
from programmes.selectors import ProgrammeRecord, programme_history

from .definitions import PLAIN, TITLE, Query, ReportColumn, ReportDefinition, filtered, register
from .filters import EmployeeFilterSet
from .selectors import CourseModules, certificate_codes, completed_modules

SEARCH_FIELDS = ("employee_number", "full_name_ar", "full_name_en")


@dataclass
class TranscriptRow:
    enrolment: Enrolment
    title_ar: str
    title_en: str
    skill_area: str
    hours: int
    average_score: Decimal | None
    progress_percent: int
    status_label: str
    certificate_code: str = ""
    certification: CertificationStatus | None = None

    @property
    def title(self) -> str:
        return pick(self.title_ar, self.title_en) or self.title_ar or self.title_en

    @property
    def display_code(self) -> str:
        return format_code(self.certificate_code)


@dataclass
class ProgrammeRow:
    record: ProgrammeRecord
    certificate_code: str = ""

    display_code = TranscriptRow.display_code


@dataclass
class Transcript:
    employee: Employee
    rows: list[TranscriptRow] = field(default_factory=list)
    programmes: list[ProgrammeRow] = field(default_factory=list)
    # Training done elsewhere that HR approved: listed apart, marked external, counted in the hours.
    external: ApprovedTraining = field(default_factory=ApprovedTraining)
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def completed_count(self) -> int:
        return sum(1 for row in self.rows if row.enrolment.status == Enrolment.Status.COMPLETED)

    @property
    def completed_hours(self) -> Decimal:
        courses = sum(row.hours for row in self.rows if row.enrolment.status == Enrolment.Status.COMPLETED)
        return courses + self.external.hours


def transcript_employees(user: User) -> QuerySet[Employee]:
    return scoped_employees(user).select_related("org_unit", "user")


def employee_transcript(employee: Employee) -> Transcript:
    """Every enrolment of one person, past cycles included, newest first, their programmes and approved
    external training (ten queries)."""
    enrolments = list(
        Enrolment.objects.filter(learner_id=employee.user_id)
        .select_related("course")
        .order_by("-enrolled_at", "-cycle")
    )
    ids = [enrolment.id for enrolment in enrolments]
    titles = titles_by_language(CoursePage, (enrolment.course.translation_key for enrolment in enrolments))
    scores = dict(
        ModuleProgress.objects.filter(enrolment_id__in=ids, best_score__isnull=False)
        .values_list("enrolment_id")
        .annotate(average=Avg("best_score"))
        .order_by()
    )
    done = completed_modules([e.id for e in enrolments if e.status == Enrolment.Status.IN_PROGRESS])
    codes = certificate_codes(ids)
    on = today()
    certification = certification_of([e.id for e in enrolments if e.is_current], on=on)
    modules = CourseModules()
    rows = []
    for enrolment in enrolments:
        course = enrolment.course
        names = titles.get(str(course.translation_key), {})
        percent = 0
        if enrolment.status == Enrolment.Status.COMPLETED:
            percent = 100
        elif enrolment.status == Enrolment.Status.IN_PROGRESS:
            counted, required = modules.counted(course.path)
            percent = progress_percent(completed=False, done=done[enrolment.id][required], counted=counted)
        average = scores.get(enrolment.id)
        rows.append(
            TranscriptRow(
                enrolment=enrolment,
                title_ar=names.get("ar", course.title),
                title_en=names.get("en", ""),
                skill_area=course.get_skill_area_display(),
                hours=course.estimated_hours,
                average_score=round(average, 1) if average is not None else None,
                progress_percent=percent,
                status_label=learning_status(enrolment, on=on).label,
                certificate_code=codes.get(enrolment.id, ""),
                certification=certification.get(enrolment.id),
            )
        )
    programmes = programme_history(learner_id=employee.user_id)
    codes = certificate_codes([record.enrolment.pk for record in programmes], via="programme_enrolment_id")
    rows_of_programmes = [ProgrammeRow(record, codes.get(record.enrolment.pk, "")) for record in programmes]
    external = approved_training(learner_id=employee.user_id)
    return Transcript(employee=employee, rows=rows, programmes=rows_of_programmes, external=external)


def transcript_rows(query: Query) -> QuerySet[Employee]:
    employees = filtered(transcript_employees(query.user), query, SEARCH_FIELDS)
    return employees.order_by(query.ordering, "-id" if query.ordering.startswith("-") else "id")


TRANSCRIPTS = register(
    ReportDefinition(
        name="transcripts",
        title=_("Employee transcripts"),
        filterset_class=EmployeeFilterSet,
        default_ordering="employee_number",
        rows=transcript_rows,
        search_fields=SEARCH_FIELDS,
        columns=(
            ReportColumn("employee_number", _("Employee number"), kind=TITLE, sort_key="employee_number"),
            ReportColumn("full_name_ar", _("Name (Arabic)"), kind=PLAIN, sort_key="full_name_ar"),
            ReportColumn("full_name_en", _("Name (English)"), kind=PLAIN, sort_key="full_name_en"),
            ReportColumn("org_unit.name", _("Organisation unit"), kind=PLAIN, screen_accessor="org_unit"),
            ReportColumn("grade", _("Grade"), kind=PLAIN, sort_key="grade"),
            ReportColumn("job_title", _("Job title"), on_screen=False),
        ),
    )
)
