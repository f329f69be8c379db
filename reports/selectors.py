"""Reads behind the HR reports: scoped querysets, the completion summary, learner rows and transcripts.

Every queryset here starts from ``people.scope`` (the one organisation scope). Rows for the
screen and for exports come from the same functions, so an export always has the columns and rows
the screen shows. Queries per page are constant: per-row extras (progress, certificate codes,
translated titles) are fetched for a whole chunk of rows at once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Avg, Case, CharField, Count, DateField, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Substr, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext

from certificates.status import CertificationStatus, certification_of
from common.i18n import current_language, is_arabic, pick
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress, source_pages
from courses.status import LearningStatus, is_overdue, learning_status, overdue_q, today
from people.models import Employee, OrgUnit
from people.scope import VIA_EMPLOYEE, VIA_ENROLMENT, User, org_scope_q, scope_paths, scoped_employees, scoped_org_units

STEPLEN = OrgUnit.steplen


OVERDUE = LearningStatus.OVERDUE.value


# -- scoped querysets --------------------------------------------------------------------------------


def scoped_enrolments(user: User, *, include_history: bool = False) -> QuerySet[Enrolment]:
    """Enrolments of employees in the user's scope: current cycles only, unless history is asked for."""
    enrolments = Enrolment.objects.filter(learner__employee__isnull=False).filter(org_scope_q(user, VIA_ENROLMENT))
    return enrolments if include_history else enrolments.filter(is_current=True)


def report_courses() -> QuerySet[CoursePage]:
    """Courses as learning records know them: the source-language page of each translation group."""
    return source_pages(CoursePage.objects.all()).only("id", "title").order_by("title")


def grades_in_scope(user: User) -> list[str]:
    """Grades held by employees in scope, in natural order; from the headcount statistics when fresh."""
    from .models import UnitHeadcount

    if fresh_stats_state() is not None:
        grades = UnitHeadcount.objects.filter(org_scope_q(user, VIA_EMPLOYEE)).values_list("grade", flat=True)
    else:
        grades = scoped_employees(user).values_list("grade", flat=True)
    grades = grades.exclude(grade="").order_by().distinct()
    return sorted(grades, key=lambda grade: (len(grade), grade))


def top_units(user: User) -> list[OrgUnit]:
    """Where the summary starts: the ministries for an administrator, the scope roots for an HR officer."""
    paths = scope_paths(user)
    if paths is None:
        return list(OrgUnit.get_root_nodes())
    return list(OrgUnit.objects.filter(path__in=paths).order_by("path"))


def unit_trail(user: User, unit: OrgUnit | None) -> list[OrgUnit]:
    """The unit's ancestors the user may see, outermost first, ending with the unit: the drill-down trail."""
    if unit is None:
        return []
    prefixes = [unit.path[:length] for length in range(STEPLEN, len(unit.path) + 1, STEPLEN)]
    return list(scoped_org_units(user).filter(path__in=prefixes).order_by("depth"))


# -- completion summary ----------------------------------------------------------------------------


@dataclass
class UnitLine:
    """A line of a per-unit table: a unit and everything below it, or (when drilling down) the unit's
    own staff, who belong to no child unit."""

    unit: OrgUnit
    own_staff_only: bool = False

    @property
    def label(self) -> str:
        if self.own_staff_only:
            return gettext("%(unit)s (own staff)") % {"unit": self.unit.name}
        return self.unit.name

    @property
    def can_drill_down(self) -> bool:
        return not self.own_staff_only and self.unit.numchild > 0


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


@dataclass
class UnitCounts:
    """Headcount and enrolment counts keyed by each employee's own unit id."""

    headcount: dict[int, int]
    # unit id -> (enrolled, not started, in progress, completed, overdue)
    enrolments: dict[int, tuple[int, int, int, int, int]]
    as_of: datetime.datetime | None = None


@dataclass(frozen=True)
class SummaryFilters:
    """The filter values the summary needs to know about to pick its source of counts."""

    course: int | None = None  # course page id
    skill_area: str = ""
    status: str = ""
    mandatory: bool = False
    grade: str = ""
    has_dates: bool = False


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


def fresh_stats_state():
    """The statistics' state if they were rebuilt recently enough to be shown, else None."""
    from .models import StatsState

    max_age = settings.QUDRA_REPORTS_STATS_MAX_AGE_SECONDS
    if max_age <= 0:
        return None
    cutoff = timezone.now() - datetime.timedelta(seconds=max_age)
    return StatsState.objects.filter(pk=1, refreshed_at__gte=cutoff).first()


def stats_unit_counts(*, user: User, parent: OrgUnit | None, filters: SummaryFilters) -> UnitCounts | None:
    """Counts from the pre-aggregated statistics, or None when they are stale or cannot answer the filters.

    Date ranges, and a course (or skill area) combined with a grade, are not pre-aggregated: the
    caller counts those live.
    """
    from .models import UnitHeadcount, UnitStats

    by_course = bool(filters.course or filters.skill_area)
    if filters.has_dates or (by_course and filters.grade):
        return None
    state = fresh_stats_state()
    if state is None:
        return None
    rows = UnitStats.objects.filter(org_scope_q(user, VIA_EMPLOYEE))
    people = UnitHeadcount.objects.filter(org_scope_q(user, VIA_EMPLOYEE))
    if parent is not None:
        rows = rows.filter(org_unit__path__startswith=parent.path)
        people = people.filter(org_unit__path__startswith=parent.path)
    if by_course:
        rows = rows.filter(course__isnull=False)
        if filters.course:
            rows = rows.filter(course_id=filters.course)
        if filters.skill_area:
            rows = rows.filter(course__skill_area=filters.skill_area)
    elif filters.grade:
        rows = rows.filter(grade=filters.grade)
    else:
        rows = rows.filter(course__isnull=True, grade__isnull=True)
    if filters.grade:
        people = people.filter(grade=filters.grade)
    if filters.mandatory:
        rows = rows.filter(source=Enrolment.Source.ASSIGNED)
    if filters.status and filters.status != OVERDUE:
        rows = rows.filter(status=filters.status)
    positions = {Enrolment.Status.NOT_STARTED: 1, Enrolment.Status.IN_PROGRESS: 2, Enrolment.Status.COMPLETED: 3}
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for unit_id, status, enrolled, overdue in (
        rows.values_list("org_unit_id", "status").annotate(n=Sum("enrolments"), o=Sum("overdue")).order_by()
    ):
        if filters.status == OVERDUE:
            # Only the overdue enrolments count, each under its own status.
            enrolled = overdue
        line = counts[unit_id]
        line[0] += enrolled
        line[positions[status]] += enrolled
        line[4] += overdue
    headcount = dict(people.values_list("org_unit_id").annotate(n=Sum("employees")).order_by())
    return UnitCounts(
        headcount=headcount,
        enrolments={unit_id: tuple(line) for unit_id, line in counts.items()},
        as_of=state.refreshed_at,
    )


def completion_summary(*, user: User, parent: OrgUnit | None, counts: UnitCounts) -> Summary:
    """One row per child unit of ``parent`` (or per top unit), plus the parent's own staff.

    Counts arrive per employee's own unit and are rolled up here to the row whose path prefixes it.
    """
    if parent is None:
        row_units = top_units(user)
        units = scoped_org_units(user)
    else:
        row_units = [parent, *parent.get_children()]
        units = OrgUnit.objects.filter(path__startswith=parent.path)
    rows: dict[str, SummaryRow] = {}
    for unit in row_units:
        rows[unit.path] = SummaryRow(unit=unit, own_staff_only=parent is not None and unit.pk == parent.pk)
    row_for_unit: dict[int, SummaryRow] = {}
    for unit_id, path in units.values_list("id", "path"):
        if parent is not None:
            key = path if path == parent.path else path[: (parent.depth + 1) * STEPLEN]
        else:
            key = next((row_path for row_path in rows if path.startswith(row_path)), None)
        if key in rows:
            row_for_unit[unit_id] = rows[key]
    for unit_id, headcount in counts.headcount.items():
        if unit_id in row_for_unit:
            row_for_unit[unit_id].learners += headcount
    for unit_id, (enrolled, not_started, in_progress, completed, overdue) in counts.enrolments.items():
        row = row_for_unit.get(unit_id)
        if row is None:
            continue
        row.enrolled += enrolled
        row.not_started += not_started
        row.in_progress += in_progress
        row.completed += completed
        row.overdue += overdue
    result = [row for row in rows.values() if not row.own_staff_only or row.learners or row.enrolled]
    total = None
    if result:
        total = SummaryRow(unit=parent or OrgUnit(name_en="", name_ar=""))
        for row in result:
            total.add(row)
    return Summary(parent=parent, rows=result, total=total, as_of=counts.as_of)


# -- learner detail ----------------------------------------------------------------------------------

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


def certificate_model():
    """The certificates app's model once it exists; reports work (without the column's values) before."""
    try:
        model = apps.get_model("certificates", "Certificate")
    except LookupError:
        return None
    field_names = {field.name for field in model._meta.get_fields()}
    enrolment_field = next(
        (
            field.name
            for field in model._meta.get_fields()
            if getattr(field, "related_model", None) is Enrolment and not field.auto_created
        ),
        None,
    )
    if "code" not in field_names or enrolment_field is None:
        return None
    return model, enrolment_field


def certificate_codes(enrolment_ids: Iterable[int]) -> dict[int, str]:
    """Verification codes of issued (not revoked) certificates, by enrolment id, in one query."""
    found = certificate_model()
    ids = list(enrolment_ids)
    if found is None or not ids:
        return {}
    model, enrolment_field = found
    certificates = model.objects.filter(**{f"{enrolment_field}_id__in": ids})
    if "status" in {field.name for field in model._meta.get_fields()}:
        certificates = certificates.filter(status="issued")
    return dict(certificates.values_list(f"{enrolment_field}_id", "code"))


class CourseModules:
    """Live modules per course (required and all), loaded once for every course in one query."""

    def __init__(self) -> None:
        self._counts: dict[str, dict[bool, int]] | None = None

    def _load(self) -> dict[str, dict[bool, int]]:
        if self._counts is None:
            parent_path = Substr("path", 1, (F("depth") - 1) * ModulePage.steplen)
            counts: dict[str, dict[bool, int]] = defaultdict(lambda: {True: 0, False: 0})
            rows = (
                ModulePage.objects.live()
                .annotate(parent_path=parent_path)
                .values_list("parent_path", "required")
                .annotate(n=Count("id"))
                .order_by()
            )
            for path, required, number in rows:
                counts[path][required] += number
            self._counts = counts
        return self._counts

    def counted(self, course_path: str) -> tuple[int, bool]:
        """How many modules count towards completion, and whether they are the required ones."""
        counts = self._load().get(course_path, {True: 0, False: 0})
        if counts[True]:
            return counts[True], True
        return counts[False], False


def completed_modules(enrolment_ids: list[int]) -> dict[int, dict[bool, int]]:
    """Completed live modules per enrolment, split into required and optional, in one query."""
    result: dict[int, dict[bool, int]] = defaultdict(lambda: {True: 0, False: 0})
    if not enrolment_ids:
        return result
    rows = (
        ModuleProgress.objects.filter(enrolment_id__in=enrolment_ids, completed_at__isnull=False, module__live=True)
        .values_list("enrolment_id", "module__required")
        .annotate(n=Count("id"))
        .order_by()
    )
    for enrolment_id, required, number in rows:
        result[enrolment_id][required] += number
    return result


class CourseTitles:
    """Course titles in the active language (the translation when there is one), by course id, cached."""

    def __init__(self) -> None:
        self.language = current_language()
        self._titles: dict[int, str] = {}

    def load(self, courses: Iterable[tuple[int, str, object]]) -> None:
        """Fetch titles for (course id, source title, translation key) triples not seen yet: one query."""
        missing = {course_id: (title, str(key)) for course_id, title, key in courses if course_id not in self._titles}
        if not missing:
            return
        translated = {
            str(key): title
            for key, title in CoursePage.objects.filter(
                translation_key__in={key for _title, key in missing.values()}, locale__language_code=self.language
            ).values_list("translation_key", "title")
        }
        for course_id, (title, key) in missing.items():
            self._titles[course_id] = translated.get(key) or title

    def get(self, course_id: int) -> str:
        return self._titles[course_id]


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
            if status == completed:
                percent = 100
            elif status == in_progress:
                counted, required = modules.counted(course_path)
                percent = min(99, round(100 * done[enrolment_id][required] / counted)) if counted else 0
            else:
                percent = 0
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


def with_certificate_codes(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``certificate_code``: the code of the enrolment's issued certificate, else "".

    A LEFT JOIN in the same query (one certificate per enrolment); before the certificates app has its
    model, or if it ever allowed several per enrolment, the column is simply empty here and
    ``certificate_codes`` is the way.
    """
    found = certificate_model()
    empty = Value("", output_field=CharField())
    if found is None:
        return queryset.annotate(certificate_code=empty)
    model, field_name = found
    field = model._meta.get_field(field_name)
    if not field.one_to_one:
        return queryset.annotate(certificate_code=empty)
    relation = field.related_query_name()
    condition = {f"{relation}__status": "issued"} if _has_field(model, "status") else {f"{relation}__isnull": False}
    return queryset.annotate(
        certificate_code=Case(When(**condition, then=F(f"{relation}__code")), default=empty, output_field=CharField())
    )


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


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


# -- transcript ----------------------------------------------------------------------------------------


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


@dataclass
class Transcript:
    employee: Employee
    rows: list[TranscriptRow] = field(default_factory=list)
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def completed_count(self) -> int:
        return sum(1 for row in self.rows if row.enrolment.status == Enrolment.Status.COMPLETED)

    @property
    def completed_hours(self) -> int:
        return sum(row.hours for row in self.rows if row.enrolment.status == Enrolment.Status.COMPLETED)


def transcript_employees(user: User) -> QuerySet[Employee]:
    return scoped_employees(user).select_related("org_unit", "user")


def employee_transcript(employee: Employee) -> Transcript:
    """Every enrolment of one person, past cycles included, newest first (six queries)."""
    enrolments = list(
        Enrolment.objects.filter(learner_id=employee.user_id)
        .select_related("course")
        .order_by("-enrolled_at", "-cycle")
    )
    ids = [enrolment.id for enrolment in enrolments]
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    keys = {enrolment.course.translation_key for enrolment in enrolments}
    for key, language, title in CoursePage.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "locale__language_code", "title"
    ):
        titles[str(key)][language] = title
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
        if enrolment.status == Enrolment.Status.COMPLETED:
            percent = 100
        elif enrolment.status == Enrolment.Status.IN_PROGRESS:
            counted, required = modules.counted(course.path)
            percent = min(99, round(100 * done[enrolment.id][required] / counted)) if counted else 0
        else:
            percent = 0
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
    return Transcript(employee=employee, rows=rows)


# -- dashboard -------------------------------------------------------------------------------------------


@dataclass
class WeekCount:
    week_start: datetime.date
    completed: int


def _week_dates(weeks: int) -> list[datetime.date]:
    current = today()
    first = current - datetime.timedelta(days=current.weekday() + 7 * (weeks - 1))
    return [first + datetime.timedelta(weeks=index) for index in range(weeks)]


def completions_per_week(enrolments: QuerySet[Enrolment], *, weeks: int = 12) -> list[WeekCount]:
    """Completions in each of the last ``weeks`` weeks (Monday to Sunday, local time), oldest first."""
    dates = _week_dates(weeks)
    start = timezone.make_aware(datetime.datetime.combine(dates[0], datetime.time.min))
    counts = dict(
        enrolments.filter(completed_at__gte=start)
        .annotate(week=TruncWeek("completed_at", output_field=DateField(), tzinfo=timezone.get_current_timezone()))
        .values_list("week")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [WeekCount(week_start=week, completed=counts.get(week, 0)) for week in dates]


def stats_completions_per_week(*, user: User, parent: OrgUnit | None, weeks: int = 12) -> list[WeekCount] | None:
    """The same from the pre-aggregated statistics, or None when they are not fresh."""
    from .models import UnitWeeklyCompletions

    if fresh_stats_state() is None:
        return None
    dates = _week_dates(weeks)
    rows = UnitWeeklyCompletions.objects.filter(org_scope_q(user, VIA_EMPLOYEE), week_start__gte=dates[0])
    if parent is not None:
        rows = rows.filter(org_unit__path__startswith=parent.path)
    counts = dict(rows.values_list("week_start").annotate(n=Sum("completed")).order_by())
    return [WeekCount(week_start=week, completed=counts.get(week, 0)) for week in dates]


@dataclass
class Dashboard:
    scope_label: str
    summary: Summary
    weeks: list[WeekCount]


def dashboard(user: User) -> Dashboard:
    """What the admin home shows an HR officer: their units' completion and overdue, and weekly completions.

    With a single scope root the bars are its child units (the ministry's directorates); with several,
    or for an administrator, the top units themselves.
    """
    roots = top_units(user)
    parent = roots[0] if len(roots) == 1 else None
    enrolments = scoped_enrolments(user)
    if parent is not None:
        enrolments = enrolments.filter(learner__employee__org_unit__path__startswith=parent.path)
    counts = stats_unit_counts(user=user, parent=parent, filters=SummaryFilters()) or live_unit_counts(
        enrolments=enrolments, employees=scoped_employees(user)
    )
    summary = completion_summary(user=user, parent=parent, counts=counts)
    label = parent.name if parent is not None else ", ".join(unit.name for unit in roots[:3])
    if parent is None and len(roots) > 3:
        label += " …"
    weeks = stats_completions_per_week(user=user, parent=parent) or completions_per_week(enrolments)
    return Dashboard(scope_label=label, summary=summary, weeks=weeks)
