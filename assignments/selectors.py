"""Reads for mandatory training: who an assignment covers, what HR may see, a learner's notifications."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from courses.models import Enrolment
from courses.status import LearningStatus, is_overdue, learning_status, overdue_q
from people.models import Employee
from people.scope import VIA_EMPLOYEE, VIA_ENROLMENT, org_scope_q, scope_paths
from programmes.selectors import required_courses

from .models import Assignment, AssignmentMember

User = AuthUser | AnonymousUser


def covered_employees(assignment: Assignment) -> QuerySet[Employee]:
    """Active employees the assignment applies to today: the unit's subtree (narrowed by grade and job
    title when given) plus the chosen employees."""
    covered = Q(pk__in=assignment.employees.values("pk"))
    if assignment.org_unit is not None:
        in_unit = Q(org_unit__path__startswith=assignment.org_unit.path)
        if assignment.grades:
            in_unit &= Q(grade__in=assignment.grades)
        if assignment.job_titles:
            in_unit &= Q(job_title__in=assignment.job_titles)
        covered |= in_unit
    return Employee.objects.filter(covered, user__is_active=True)


def due_date_for(
    assignment: Assignment, *, hire_date: datetime.date | None, assigned_on: datetime.date
) -> datetime.date:
    """The due date for one person. Relative to the hire date, people hired long ago get the same
    number of days from the day they are assigned instead of a date already past."""
    # The form requires the field of the chosen rule: a date for "on date", a number of days otherwise.
    if assignment.due_rule == Assignment.DueRule.ON_DATE and assignment.due_on is not None:
        return assignment.due_on
    days = datetime.timedelta(days=assignment.due_days or 0)
    if assignment.due_rule == Assignment.DueRule.AFTER_HIRE and hire_date and hire_date + days >= assigned_on:
        return hire_date + days
    return assigned_on + days


def visible_assignments(user: User) -> QuerySet[Assignment]:
    """Assignments an HR officer may see: those targeting a unit in their subtrees, or chosen people
    who are all in their subtrees. Administrators see all."""
    paths = scope_paths(user)
    assignments = Assignment.objects.select_related("course", "programme", "org_unit", "created_by")
    if paths is None:
        return assignments
    outside = Employee.objects.exclude(org_scope_q(user, VIA_EMPLOYEE))
    unit_in_scope = org_scope_q(user, "org_unit__")
    return assignments.filter(unit_in_scope | Q(org_unit__isnull=True)).exclude(employees__in=outside).distinct()


def assignment_summary(assignment: Assignment, *, on: datetime.date) -> dict[str, int]:
    """Counts of the people currently covered, by status (overdue judged on ``on``)."""
    members = AssignmentMember.objects.filter(assignment=assignment, ended_at__isnull=True)
    if assignment.programme_id:
        completed = Q(programme_enrolment__completed_at__isnull=False)
        overdue = Q(programme_enrolment__due_date__lt=on) & ~completed
        started = Q(Exists(_started_course_enrolments(assignment)))
    else:
        completed = Q(enrolment__status=Enrolment.Status.COMPLETED)
        overdue = overdue_q(on, prefix="enrolment__")
        started = Q(enrolment__status=Enrolment.Status.IN_PROGRESS)
    return members.aggregate(
        covered=Count("pk"),
        completed=Count("pk", filter=completed),
        overdue=Count("pk", filter=overdue),
        in_progress=Count("pk", filter=started & ~completed & ~overdue),
        not_started=Count("pk", filter=~started & ~completed & ~overdue),
    )


def _started_course_enrolments(assignment: Assignment) -> QuerySet[Enrolment]:
    """Started enrolments of the member (``OuterRef``) in the courses of the assigned programme."""
    programme = assignment.programme
    courses = [course.pk for course in required_courses(programme=programme)] if programme is not None else []
    return Enrolment.objects.filter(
        learner_id=OuterRef("employee__user_id"), course_id__in=courses, started_at__isnull=False
    )


def member_statuses(assignment: Assignment, members: list[AssignmentMember], *, on: datetime.date) -> None:
    """Set ``learning_status`` on each member: their course enrolment's status, or for a programme,
    completed, overdue, in progress (a course of it started) or not started."""
    programme = assignment.programme  # no query for a course assignment: its programme_id is empty
    if programme is None:
        for member in members:
            member.learning_status = learning_status(member.enrolment, on=on) if member.enrolment else None
        return
    courses = [course.pk for course in required_courses(programme=programme)]
    started = set(
        Enrolment.objects.filter(
            learner_id__in=[member.employee.user_id for member in members],
            course_id__in=courses,
            started_at__isnull=False,
        ).values_list("learner_id", flat=True)
    )
    for member in members:
        enrolment = member.programme_enrolment
        if enrolment is None:
            member.learning_status = None
        elif enrolment.completed_at is not None:
            member.learning_status = LearningStatus.COMPLETED
        elif is_overdue(status=LearningStatus.IN_PROGRESS, due_date=enrolment.due_date, on=on):
            member.learning_status = LearningStatus.OVERDUE
        elif member.employee.user_id in started:
            member.learning_status = LearningStatus.IN_PROGRESS
        else:
            member.learning_status = LearningStatus.NOT_STARTED


def overdue_in_scope(user: User, *, on: datetime.date) -> QuerySet[Enrolment]:
    """Current, overdue enrolments of active employees in the user's scope, longest overdue first."""
    return (
        Enrolment.objects.filter(is_current=True, learner__is_active=True, learner__employee__isnull=False)
        .filter(overdue_q(on))
        .filter(org_scope_q(user, VIA_ENROLMENT))
        .select_related("learner__employee", "course")
        .order_by("due_date", "learner__employee__full_name_en")
    )


def users_with_employee(*, ids: Iterable[int]) -> QuerySet:
    """The users with these ids, each with their employee record (names and language) in the same query."""
    return get_user_model().objects.filter(pk__in=set(ids)).select_related("employee")
