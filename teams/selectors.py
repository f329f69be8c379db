"""Who is in a line manager's team, and the mandatory training and certificates of each of them.

The team is the whole subtree under the manager through ``Employee.manager``: one recursive query
(``WITH RECURSIVE``, which PostgreSQL and SQLite both run), capped at ``QUDRA_TEAM_MAX_DEPTH`` levels so
a loop in the data (A manages B manages A) ends. A page of the team costs the same few queries for five
people or five thousand.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from certificates.models import Certificate
from common.i18n import field_suffix, pick
from courses.models import Enrolment
from courses.status import LearningStatus, learning_status, overdue_q, urgency_key
from notifications.kinds import course_titles
from people.models import Employee

from .models import TeamReminder

User = AuthUser | AnonymousUser
# Where Django keeps a user's loaded employee record (``user.employee``).
EMPLOYEE_CACHE = Employee._meta.get_field("user").remote_field.cache_name


def manages_a_team(user: User) -> bool:
    """Whether the user is the line manager of at least one active person, kept on the user object so
    the menu and the page ask once per request. When the user's employee record is not loaded yet, one
    query loads it with the answer, and the page header (which shows the employee's name) reuses it."""
    if not user.is_authenticated:
        return False
    known = getattr(user, "_manages_team", None)
    if known is None:
        loaded = user._state.fields_cache
        if EMPLOYEE_CACHE in loaded:
            known = Employee.objects.filter(manager__user_id=user.pk, user__is_active=True).exists()
        else:
            reports = Employee.objects.filter(manager=OuterRef("pk"), user__is_active=True)
            employee = Employee.objects.filter(user_id=user.pk).annotate(manages=Exists(reports)).first()
            loaded[EMPLOYEE_CACHE] = employee
            known = bool(employee is not None and employee.manages)
        user._manages_team = known  # type: ignore[attr-defined]
    return known


def team_manager(user: User) -> Employee | None:
    """The user's own employee record when they manage a team, else ``None``."""
    if not manages_a_team(user):
        return None
    # Through the user, so the page header reads the same record without asking again.
    return getattr(user, "employee", None)


def _subtree(manager: Employee) -> RawSQL:
    """The ids of everyone under the manager, direct or indirect, as a subquery."""
    quote = connection.ops.quote_name
    table = quote(Employee._meta.db_table)
    parent = quote(Employee._meta.get_field("manager").column)
    # Only the model's own table and column names are interpolated; the values are parameters.
    sql = (
        f"WITH RECURSIVE team (id, depth) AS ("  # noqa: S608
        f"SELECT id, 1 FROM {table} WHERE {parent} = %s "
        f"UNION SELECT member.id, team.depth + 1 FROM {table} member JOIN team ON member.{parent} = team.id "
        f"WHERE team.depth < %s) SELECT id FROM team"
    )
    return RawSQL(sql, (manager.pk, settings.QUDRA_TEAM_MAX_DEPTH))  # noqa: S611


def team_members(manager: Employee) -> QuerySet[Employee]:
    """Everyone active under the manager, at any depth (never the manager themself, even in a loop)."""
    return Employee.objects.filter(pk__in=_subtree(manager), user__is_active=True).exclude(pk=manager.pk)


def team_member(manager: Employee, *, employee_id: int) -> Employee | None:
    """One person of the manager's team, or ``None`` for anyone outside it."""
    return team_members(manager).filter(pk=employee_id).select_related("user").first()


def _mandatory() -> Q:
    return Q(is_current=True, source=Enrolment.Source.ASSIGNED)


def open_mandatory_enrolments(employee: Employee) -> QuerySet[Enrolment]:
    """The person's unfinished mandatory courses with a due date: what a manager may remind them of."""
    return Enrolment.objects.filter(
        _mandatory(), learner_id=employee.user_id, due_date__isnull=False, completed_at__isnull=True
    ).order_by("due_date", "pk")


def _count(queryset: QuerySet, *, by: str) -> Coalesce:
    """A correlated COUNT of ``queryset`` (already filtered by an ``OuterRef``), 0 when it has no rows."""
    counted = queryset.order_by().values(by).annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _overdue_of_member(on: datetime.date) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(_mandatory(), overdue_q(on), learner_id=OuterRef("user_id"))


def team_listing(
    manager: Employee, *, direct_only: bool = False, overdue_only: bool = False, on: datetime.date
) -> QuerySet[Employee]:
    """The team as listed: each person with their unit, their line manager, their overdue count and
    their certificates (count, latest), ordered by name in the active language."""
    members = team_members(manager)
    if direct_only:
        members = members.filter(manager=manager)
    if overdue_only:
        members = members.filter(Exists(_overdue_of_member(on)))
    issued = Certificate.objects.filter(holder_id=OuterRef("user_id"), status=Certificate.Status.ISSUED)
    latest = issued.order_by("-issued_on", "-pk")
    return (
        members.select_related("org_unit", "manager")
        .annotate(
            overdue_count=_count(_overdue_of_member(on), by="learner_id"),
            certificate_count=_count(issued, by="holder_id"),
            latest_certificate_on=Subquery(latest.values("issued_on")[:1]),
            latest_certificate_ar=Subquery(latest.values("course_title_ar")[:1]),
            latest_certificate_en=Subquery(latest.values("course_title_en")[:1]),
        )
        .order_by(f"full_name{field_suffix()}", "pk")
    )


def team_totals(manager: Employee, *, on: datetime.date) -> dict[str, int]:
    """How many people the whole team has, how many report directly, and how many have overdue training."""
    return team_members(manager).aggregate(
        people=Count("pk"),
        direct=Count("pk", filter=Q(manager=manager)),
        overdue=Count("pk", filter=Q(Exists(_overdue_of_member(on)))),
    )


@dataclass
class Training:
    """One mandatory course of a team member, as the manager reads it."""

    enrolment: Enrolment
    title: str
    status: LearningStatus
    reminded_today: bool

    @property
    def is_open(self) -> bool:
        return self.enrolment.completed_at is None and self.enrolment.due_date is not None


@dataclass
class TeamRow:
    employee: Employee
    is_direct: bool
    training: list[Training] = field(default_factory=list)

    @property
    def latest_certificate_title(self) -> str:
        # Annotations of ``team_listing``.
        return pick(
            getattr(self.employee, "latest_certificate_ar", ""), getattr(self.employee, "latest_certificate_en", "")
        )

    @property
    def can_be_reminded(self) -> bool:
        """Some open training not reminded of today: the "Remind" button shows."""
        return any(item.is_open and not item.reminded_today for item in self.training)

    @property
    def reminded_today(self) -> bool:
        """Every open course already reminded of today."""
        open_items = [item for item in self.training if item.is_open]
        return bool(open_items) and all(item.reminded_today for item in open_items)


def team_rows(manager: Employee, members: list[Employee], *, on: datetime.date) -> list[TeamRow]:
    """The page's people with their mandatory courses (title in the active language, status, due date)
    and whether each was reminded today: four queries for the page, whatever its length."""
    by_user = {
        member.user_id: TeamRow(employee=member, is_direct=member.manager_id == manager.pk) for member in members
    }
    enrolments = sorted(
        Enrolment.objects.filter(_mandatory(), learner_id__in=by_user), key=lambda enrolment: urgency_key(enrolment)
    )
    titles = course_titles(enrolment.course_id for enrolment in enrolments)
    reminded = set(
        TeamReminder.objects.filter(employee__in=members, sent_on=on).values_list("employee_id", "course_id")
    )
    language = pick("ar", "en")
    for enrolment in enrolments:
        row = by_user[enrolment.learner_id]
        row.training.append(
            Training(
                enrolment=enrolment,
                title=titles.get((enrolment.course_id, language), ""),
                status=learning_status(enrolment, on=on),
                reminded_today=(row.employee.pk, enrolment.course_id) in reminded,
            )
        )
    return list(by_user.values())
