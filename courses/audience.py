"""Who a course is open to: everyone, or the employees of the ministries chosen on it (docs/course-visibility.md).

The choice is read from the source-language course, so every translation has the same audience. A
person belongs to the ministry at the root of their employee record's unit; whoever sees the whole
organisation (``people.scope``) sees every course; anyone else without an employee record (or signed
out) sees the courses open to everyone. A current enrolment keeps a course open to its learner, so
someone whose ministry is taken off a course, or who moves to another ministry, can finish it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr

from people.models import Employee, OrgUnit
from people.scope import scope_paths, sees_whole_organisation

from .models import CoursePage, Enrolment, source_page

Reader = User | AnonymousUser


def ministry_path(path: str) -> str:
    """The path of the ministry at the root of the unit with this path."""
    return path[: OrgUnit.steplen]


def _source_rows() -> QuerySet:
    """The ministries chosen on the source-language page of the course the outer query reads."""
    through = CoursePage.open_to.through
    earlier = CoursePage.objects.filter(
        translation_key=OuterRef("coursepage__translation_key"), id__lt=OuterRef("coursepage_id")
    )
    return through.objects.filter(coursepage__translation_key=OuterRef("translation_key")).filter(~Exists(earlier))


def _open_q(rows_of_ministry: QuerySet) -> Q:
    """Open to everyone (no ministry chosen), or one of the chosen ministries is in ``rows_of_ministry``."""
    return ~Q(Exists(_source_rows())) | Q(Exists(rows_of_ministry))


def open_to_ministries_q(ministry_paths: Iterable[str] | None) -> Q:
    """A filter of course pages: open to everyone, or to one of these ministries (``None``: every course)."""
    if ministry_paths is None:
        return Q()
    return _open_q(_source_rows().filter(orgunit__path__in=list(ministry_paths)))


def sees_every_course(user: Reader) -> bool:
    """Whoever sees the whole organisation (``people.scope``) sees every course, whatever their ministry."""
    return user.is_authenticated and sees_whole_organisation(user)


def _open_to_learner_q(user: Reader) -> Q:
    """Open to everyone, or to the ministry at the root of the person's unit. The ministry is read in the
    same SQL (no query of its own); without an employee record it is NULL, which matches no ministry."""
    if not user.is_authenticated:
        return open_to_ministries_q([])
    unit_path = Employee.objects.filter(user_id=user.pk).values("org_unit__path")[:1]
    ministry = Substr(Subquery(unit_path), 1, OrgUnit.steplen)
    return _open_q(_source_rows().filter(orgunit__path=ministry))


def visible_courses_q(user: Reader) -> Q:
    """A filter of course pages: those the person may see (open to them, or one they are enrolled in)."""
    if sees_every_course(user):
        return Q()
    visible = _open_to_learner_q(user)
    if user.is_authenticated:
        enrolled = Enrolment.objects.filter(
            learner_id=user.pk, is_current=True, course__translation_key=OuterRef("translation_key")
        )
        visible |= Q(Exists(enrolled))
    return visible


def can_see_course(user: Reader, course: CoursePage) -> bool:
    """Whether the course and its modules are shown to the person (one query)."""
    if sees_every_course(user):
        return True
    return CoursePage.objects.filter(pk=course.pk).filter(visible_courses_q(user)).exists()


def is_open_to(*, course: CoursePage, user: User) -> bool:
    """Whether the person may start a new enrolment in the course (an existing one does not count)."""
    if sees_every_course(user):
        return True
    return CoursePage.objects.filter(pk=course.pk).filter(_open_to_learner_q(user)).exists()


def chosen_ministries(course: CoursePage) -> list[OrgUnit]:
    """The ministries the course is restricted to, as chosen on its source-language page (empty: everyone)."""
    return list(source_page(course).open_to.order_by("name_en"))


def is_open_to_unit(*, course: CoursePage, unit: OrgUnit) -> bool:
    """Whether everyone in the unit's subtree may take the course."""
    ministries = {ministry.path for ministry in chosen_ministries(course)}
    return not ministries or ministry_path(unit.path) in ministries


def employees_outside(*, course: CoursePage, employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """Those of these employees the course is not open to."""
    ministries = [ministry.path for ministry in chosen_ministries(course)]
    if not ministries:
        return employees.none()
    inside = Q()
    for path in ministries:
        inside |= Q(org_unit__path__startswith=path)
    return employees.exclude(inside)


def courses_in_scope_q(user: Reader) -> Q:
    """A filter of course pages for an HR officer's pickers: the courses open to everyone or to a ministry
    their scope reaches into. People outside those ministries cannot be enrolled, so nothing is hidden."""
    paths = scope_paths(user)
    return open_to_ministries_q(None if paths is None else {ministry_path(path) for path in paths})
