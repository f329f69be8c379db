"""Reads several HR reports share: scoped enrolments, the units a user starts from, grades, the
statistics' freshness, course titles and module counts, certificate codes.

Every queryset here starts from ``people.scope`` (the one organisation scope). Each report's own
reads live in its module (``summary``, ``learners``, ``transcripts``, ``dashboard``). Queries per page
are constant: per-row extras are fetched for a whole chunk of rows at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Case, CharField, Count, F, QuerySet, Value, When
from django.db.models.functions import Substr
from django.utils.translation import gettext

from certificates.models import Certificate
from common.i18n import current_language
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from courses.status import LearningStatus
from people.models import Employee, OrgUnit
from people.scope import VIA_EMPLOYEE, VIA_ENROLMENT, User, org_scope_q, scope_paths, scoped_employees, scoped_org_units
from stats.models import UnitHeadcount
from stats.selectors import fresh_stats_state

STEPLEN = OrgUnit.steplen


OVERDUE = LearningStatus.OVERDUE.value


# -- scoped querysets --------------------------------------------------------------------------------


def scoped_enrolments(user: User, *, include_history: bool = False) -> QuerySet[Enrolment]:
    """Enrolments of employees in the user's scope: current cycles only, unless history is asked for."""
    enrolments = Enrolment.objects.filter(learner__employee__isnull=False).filter(org_scope_q(user, VIA_ENROLMENT))
    return enrolments if include_history else enrolments.filter(is_current=True)


def grades_in_scope(user: User) -> list[str]:
    """Grades held by employees in scope, in natural order; from the headcount statistics when fresh."""
    holders: QuerySet[UnitHeadcount] | QuerySet[Employee] = (
        UnitHeadcount.objects.filter(org_scope_q(user, VIA_EMPLOYEE))
        if fresh_stats_state() is not None
        else scoped_employees(user)
    )
    grades = holders.values_list("grade", flat=True)
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


# -- shared by several reports ------------------------------------------------------------------------


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


RowT = TypeVar("RowT", bound=UnitLine)


def roll_up(
    user: User, parent: OrgUnit | None, row_class: type[RowT], unit_ids: Iterable[int] | None = None
) -> tuple[list[RowT], dict[int, RowT]]:
    """The rows of a per-unit table and which row each unit's figures add to.

    The rows are the children of ``parent`` after its own staff, or the top units the user starts from;
    every unit (of ``unit_ids`` only, when given) maps to the row whose path prefixes its own.
    """
    if parent is None:
        row_units = top_units(user)
        units = scoped_org_units(user)
    else:
        row_units = [parent, *parent.get_children()]
        units = OrgUnit.objects.filter(path__startswith=parent.path)
    if unit_ids is not None:
        units = units.filter(id__in=list(unit_ids))
    rows = {
        unit.path: row_class(unit=unit, own_staff_only=parent is not None and unit.pk == parent.pk)
        for unit in row_units
    }
    row_for_unit: dict[int, RowT] = {}
    for unit_id, path in units.values_list("id", "path"):
        if parent is not None:
            key = path if path == parent.path else path[: (parent.depth + 1) * STEPLEN]
        else:
            key = next((row_path for row_path in rows if path.startswith(row_path)), None)
        if key in rows:
            row_for_unit[unit_id] = rows[key]
    return list(rows.values()), row_for_unit


def certificate_codes(enrolment_ids: Iterable[int], via: str = "enrolment_id") -> dict[int, str]:
    """Verification codes of issued (not revoked) certificates, by enrolment (or ``via`` programme
    enrolment) id, in one query."""
    ids = list(enrolment_ids)
    if not ids:
        return {}
    issued = Certificate.objects.filter(**{f"{via}__in": ids}, status=Certificate.Status.ISSUED)
    return dict(issued.values_list(via, "code"))


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


def with_certificate_codes(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``certificate_code``: the code of the enrolment's issued certificate, else "" (one LEFT JOIN)."""
    empty = Value("", output_field=CharField())
    issued = When(certificate__status=Certificate.Status.ISSUED, then=F("certificate__code"))
    return queryset.annotate(certificate_code=Case(issued, default=empty, output_field=CharField()))
