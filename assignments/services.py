"""Every write of mandatory training's assignments: assigning, materialising enrolments, cancelling.
Each is safe to run twice: unique constraints and row locks decide, not timing. Reminders and
e-mails are in ``notifications``, renewals before a certificate expires in ``recertification``."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate
from common.publishing import publish_on_commit
from courses.audience import employees_outside, is_open_to_unit
from courses.models import CoursePage, Enrolment, ModuleProgress, source_page
from courses.selectors import counted_module_ids
from people.models import Employee, OrgUnit
from programmes import services as programme_services
from programmes.models import ProgrammeEnrolment, ProgrammePage
from programmes.selectors import required_courses

from .models import Assignment, AssignmentMember
from .notifications import notify_assigned
from .selectors import covered_employees, due_date_for, users_with_employee

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Enrols everyone a new assignment covers (``sync_assignment`` in a worker).
MATERIALISE_TASK = "assignments.tasks.materialise_assignment_task"


# -- assigning -------------------------------------------------------------------------------------


class AssignmentRefused(Exception):
    """The assignment would cover people the course is not open to; nothing was written."""


def check_audience(*, course: CoursePage | None, org_unit: OrgUnit | None, employees: Iterable[Employee]) -> None:
    """Raise ``AssignmentRefused`` when a course open to chosen ministries only (``courses.audience``)
    is assigned to a unit, or to people, outside them: they could never enrol in it."""
    if course is None:
        return
    if org_unit is not None and not is_open_to_unit(course=course, unit=org_unit):
        raise AssignmentRefused(
            _("“%(course)s” is open to the employees of certain ministries only, and this unit is not in one of them.")
            % {"course": course.title}
        )
    chosen = Employee.objects.filter(pk__in=[employee.pk for employee in employees])
    outside = sorted(employees_outside(course=course, employees=chosen).values_list("employee_number", flat=True))
    if outside:
        raise AssignmentRefused(
            _("“%(course)s” is not open to the ministry of the employee(s): %(numbers)s.")
            % {"course": course.title, "numbers": ", ".join(outside)}
        )


@transaction.atomic
def create_assignment(
    *,
    course: CoursePage | None = None,
    programme: ProgrammePage | None = None,
    created_by: User,
    due_rule: str,
    due_on: datetime.date | None = None,
    due_days: int | None = None,
    org_unit: OrgUnit | None = None,
    grades: Iterable[str] = (),
    job_titles: Iterable[str] = (),
    employees: Iterable[Employee] = (),
) -> Assignment:
    """Record the assignment of a course or a programme; a worker materialises its enrolments once the
    transaction commits. Raises ``AssignmentRefused`` (``check_audience``) with nothing written."""
    employees = list(employees)
    check_audience(course=course, org_unit=org_unit, employees=employees)
    assignment = Assignment.objects.create(
        course=source_page(course) if course else None,
        programme=source_page(programme) if programme else None,
        created_by=created_by,
        due_rule=due_rule,
        due_on=due_on if due_rule == Assignment.DueRule.ON_DATE else None,
        due_days=None if due_rule == Assignment.DueRule.ON_DATE else due_days,
        org_unit=org_unit,
        grades=sorted(set(grades)),
        job_titles=sorted(set(job_titles)),
    )
    assignment.employees.set(employees)
    # The hourly sync (``sync_assignments_task``) materialises it too if this message is lost.
    publish_on_commit(MATERIALISE_TASK, assignment.pk)
    return assignment


@dataclass
class SyncResult:
    added: int = 0
    ended: int = 0


def sync_assignment(*, assignment_id: int, on: datetime.date | None = None) -> SyncResult:
    """Bring an assignment's members in line with who it covers today: enrol newcomers (new joiners
    included), end the coverage of people who moved out or left (their records stay). In batches, so a
    ministry-wide assignment shows its progress in the admin and never holds one huge transaction."""
    on = on or timezone.localdate()
    assignment = Assignment.objects.select_related("org_unit").get(pk=assignment_id)
    result = SyncResult()
    if assignment.state != Assignment.State.ACTIVE:
        return result
    employees = covered_employees(assignment)
    if assignment.course is not None:
        # Someone outside the course's ministries (moved there, or the course was restricted later)
        # stops being covered: the enrolment loses its due date and stays theirs to finish.
        employees = employees.exclude(pk__in=employees_outside(course=assignment.course, employees=employees))
    covered = set(employees.values_list("pk", flat=True))
    active = set(
        AssignmentMember.objects.filter(assignment=assignment, ended_at__isnull=True).values_list(
            "employee_id", flat=True
        )
    )
    Assignment.objects.filter(pk=assignment.pk).update(people_total=len(covered))
    ended = sorted(active - covered)
    if ended:
        result.ended = _end_members(assignment=assignment, employee_ids=ended)
    # A course with no live module has nothing to learn yet: newcomers join at a sync after it has one.
    course_open = assignment.course is None or bool(counted_module_ids(course=assignment.course))
    newcomers = sorted(covered - active) if course_open else []
    for start in range(0, len(newcomers), BATCH_SIZE):
        result.added += _add_members(assignment=assignment, employee_ids=newcomers[start : start + BATCH_SIZE], on=on)
        _record_progress(assignment)
    _record_progress(assignment, finished=True)
    return result


def _record_progress(assignment: Assignment, *, finished: bool = False) -> None:
    done = AssignmentMember.objects.filter(assignment=assignment, ended_at__isnull=True).count()
    fields: dict = {"people_done": done}
    if finished:
        fields["synced_at"] = timezone.now()
    Assignment.objects.filter(pk=assignment.pk).update(**fields)


@transaction.atomic
def _add_members(*, assignment: Assignment, employee_ids: list[int], on: datetime.date) -> int:
    employees = list(Employee.objects.filter(pk__in=employee_ids).values_list("pk", "user_id", "hire_date"))
    due = {pk: due_date_for(assignment, hire_date=hire_date, assigned_on=on) for pk, _user, hire_date in employees}
    user_of = {pk: user_id for pk, user_id, _hire in employees}
    # Rows of people who were covered before (moved away and back) come back with their due date.
    returning = AssignmentMember.objects.filter(assignment=assignment, employee_id__in=employee_ids)
    due.update(dict(returning.values_list("employee_id", "due_date")))
    due_by_user = {user_of[pk]: due[pk] for pk in due}
    records: dict[int, Enrolment] | dict[int, ProgrammeEnrolment]
    programme = assignment.programme  # no query for a course assignment: its programme_id is empty
    if programme is not None:
        records = _mandatory_programme_enrolments(programme=programme, due_by_user=due_by_user)
        link = "programme_enrolment"
        course_enrolments = _open_course_enrolments(records.values())
    else:
        assert assignment.course_id is not None  # an assignment is of a course or of a programme
        records = _mandatory_enrolments(course_id=assignment.course_id, due_by_user=due_by_user)
        link = "enrolment"
        course_enrolments = [e for e in records.values() if e.completed_at is None]
    returning.update(ended_at=None, end_reason="")
    AssignmentMember.objects.bulk_create(
        [
            AssignmentMember(assignment=assignment, employee_id=pk, due_date=due[pk], **{link: records[user_of[pk]]})
            for pk in user_of
        ],
        ignore_conflicts=True,
    )
    for member in AssignmentMember.objects.filter(assignment=assignment, employee_id__in=employee_ids):
        record = records[user_of[member.employee_id]]
        if getattr(member, f"{link}_id") != record.pk:
            setattr(member, link, record)
            member.save(update_fields=[link])
    notify_assigned(enrolments=course_enrolments)
    return len(user_of)


def _make_mandatory(record: Enrolment | ProgrammeEnrolment, due: datetime.date) -> None:
    """An unfinished enrolment becomes assigned and keeps the earlier of its due date and ``due``; a
    completed one is left as it is (the person has done it)."""
    if record.completed_at is not None:
        return
    if record.source != Enrolment.Source.ASSIGNED or record.due_date is None or due < record.due_date:
        record.source = Enrolment.Source.ASSIGNED
        record.due_date = min(due, record.due_date or due)
        record.save(update_fields=["source", "due_date"])


def _mandatory_enrolments(*, course_id: int, due_by_user: dict[int, datetime.date]) -> dict[int, Enrolment]:
    """Each user's current enrolment in the course, created where missing and marked mandatory."""
    Enrolment.objects.bulk_create(
        [
            Enrolment(learner_id=user_id, course_id=course_id, source=Enrolment.Source.ASSIGNED, due_date=due)
            for user_id, due in due_by_user.items()
        ],
        ignore_conflicts=True,
    )
    current = {
        enrolment.learner_id: enrolment
        for enrolment in Enrolment.objects.select_for_update().filter(
            course_id=course_id, learner_id__in=due_by_user, is_current=True
        )
    }
    for user_id, enrolment in current.items():
        _make_mandatory(enrolment, due_by_user[user_id])
    return current


def _mandatory_programme_enrolments(
    *, programme: ProgrammePage, due_by_user: dict[int, datetime.date]
) -> dict[int, ProgrammeEnrolment]:
    """Each user's programme enrolment, through the programme's own service (it enrols them in the
    courses open to them, with the due date), marked mandatory like a course enrolment."""
    enrolments = {}
    for user in users_with_employee(ids=due_by_user):
        due = due_by_user[user.pk]
        enrolment = programme_services.enrol_in_programme(
            learner=user, programme=programme, source=ProgrammeEnrolment.Source.ASSIGNED, due_date=due
        )
        _make_mandatory(enrolment, due)
        enrolments[user.pk] = enrolment
    for course_enrolment in _open_course_enrolments(enrolments.values()):
        programme_enrolment = enrolments[course_enrolment.learner_id]
        _make_mandatory(course_enrolment, programme_enrolment.due_date or due_by_user[course_enrolment.learner_id])
    return enrolments


def _open_course_enrolments(programme_enrolments: Iterable[ProgrammeEnrolment]) -> list[Enrolment]:
    """The unfinished current course enrolments that belong to these programme enrolments (one query
    for the courses of each programme, not of each person)."""
    learners_by_programme: dict[int, tuple[ProgrammePage, list[int]]] = {}
    for enrolment in programme_enrolments:
        learners_by_programme.setdefault(enrolment.programme_id, (enrolment.programme, []))[1].append(
            enrolment.learner_id
        )
    query = Q(pk__in=[])
    for programme, learner_ids in learners_by_programme.values():
        courses = [course.pk for course in required_courses(programme=programme)]
        query |= Q(learner_id__in=learner_ids, course_id__in=courses)
    return list(Enrolment.objects.filter(query, is_current=True, completed_at__isnull=True))


@transaction.atomic
def _end_members(*, assignment: Assignment, employee_ids: list[int]) -> int:
    members = AssignmentMember.objects.filter(
        assignment=assignment, employee_id__in=employee_ids, ended_at__isnull=True
    )
    now = timezone.now()
    left = members.filter(employee__user__is_active=False)
    count = left.update(ended_at=now, end_reason=AssignmentMember.EndReason.LEFT)
    moved = list(members.filter(ended_at__isnull=True))
    count += AssignmentMember.objects.filter(pk__in=[m.pk for m in moved]).update(
        ended_at=now, end_reason=AssignmentMember.EndReason.MOVED
    )
    _release(moved)
    return count


def _release(members: list[AssignmentMember]) -> tuple[list[ProgrammeEnrolment], list[int]]:
    """Records no active assignment covers any more stop being mandatory: an unfinished one loses its
    due date (its progress stays; the learner may finish it); completed records are never touched.
    Returns the released programme enrolments and the ids of the released course enrolments."""
    programme_enrolments = _release_records(
        ProgrammeEnrolment, [m.programme_enrolment_id for m in members], link="programme_enrolment"
    )
    enrolment_ids = [m.enrolment_id for m in members]
    enrolment_ids += [e.pk for e in _open_course_enrolments(programme_enrolments)]
    return programme_enrolments, [e.pk for e in _release_records(Enrolment, enrolment_ids, link="enrolment")]


def _release_records(model, ids: Iterable[int | None], *, link: str) -> list:
    still_covered = AssignmentMember.objects.filter(**{link: OuterRef("pk")}, ended_at__isnull=True)
    released = list(
        model.objects.filter(pk__in=[pk for pk in ids if pk], completed_at__isnull=True)
        .exclude(Exists(still_covered))
        .select_related(*(["programme"] if model is ProgrammeEnrolment else []))
    )
    model.objects.filter(pk__in=[record.pk for record in released]).update(due_date=None, source=Enrolment.Source.SELF)
    return released


@transaction.atomic
def cancel_assignment(*, assignment: Assignment) -> Assignment:
    """Stop an assignment. Completed records stay; course enrolments it created that were never opened
    go; started ones (and programme enrolments) stay as optional learning without a due date."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.state == Assignment.State.CANCELLED:
        return assignment
    assignment.state = Assignment.State.CANCELLED
    assignment.cancelled_at = timezone.now()
    assignment.save(update_fields=["state", "cancelled_at"])
    members = AssignmentMember.objects.filter(assignment=assignment, ended_at__isnull=True)
    ended = list(members)
    members.update(ended_at=assignment.cancelled_at, end_reason=AssignmentMember.EndReason.CANCELLED)
    programme_enrolments, released = _release(ended)
    opened = ModuleProgress.objects.filter(enrolment=OuterRef("pk"))
    certified = Certificate.objects.filter(enrolment=OuterRef("pk"))
    # Only what the assignment itself created: an enrolment the learner chose before stays.
    untouched = (
        Enrolment.objects.filter(
            pk__in=released, status=Enrolment.Status.NOT_STARTED, enrolled_at__gte=assignment.created_at
        )
        .exclude(Exists(opened))
        .exclude(Exists(certified))
    )
    programme = assignment.programme
    if programme is not None:
        # A programme someone has begun stays whole; one nobody touched goes with its courses.
        courses = [course.pk for course in required_courses(programme=programme)]
        begun = set(
            Enrolment.objects.filter(
                learner_id__in=[e.learner_id for e in programme_enrolments],
                course_id__in=courses,
                started_at__isnull=False,
            ).values_list("learner_id", flat=True)
        )
        untouched = untouched.exclude(learner_id__in=begun)
        ProgrammeEnrolment.objects.filter(
            pk__in=[e.pk for e in programme_enrolments if e.learner_id not in begun],
            enrolled_at__gte=assignment.created_at,
        ).delete()
    untouched.delete()
    return assignment
