"""A small organisation with line managers: a chief over a manager over two direct reports, one of whom
manages a third person; a second branch under another manager; a mandatory course assigned to all."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from assignments import services as assignment_services
from assignments.models import Assignment
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from people.models import Employee, OrgUnit
from tests.factories import EmployeeFactory, UserFactory, add_course, make_org_unit, translate


def person(username: str, unit: OrgUnit, *, manager: Employee | None = None, language: str = "en") -> Employee:
    return EmployeeFactory(
        user=UserFactory(username=username),
        employee_number=username.upper(),
        org_unit=unit,
        manager=manager,
        preferred_language=language,
        full_name_en=f"{username.title()} Person",
        full_name_ar=f"الموظف {username}",
    )


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def assign(course: CoursePage, people: list[Employee], *, due: datetime.date) -> Assignment:
    """A course made mandatory for chosen people, materialised as the worker would."""
    assignment = assignment_services.create_assignment(
        course=course,
        created_by=UserFactory(username="hr.assigner"),
        due_rule=Assignment.DueRule.ON_DATE,
        due_on=due,
        employees=people,
    )
    assignment_services.sync_assignment(assignment_id=assignment.pk)
    return assignment


def issue_certificate(employee: Employee, course: CoursePage, *, on: datetime.date) -> Certificate:
    """A completed enrolment with an issued certificate, as the pipeline leaves them."""
    enrolment, _created = Enrolment.objects.update_or_create(
        learner=employee.user,
        course=course,
        is_current=True,
        defaults={"status": Enrolment.Status.COMPLETED, "completed_at": timezone.now()},
    )
    return Certificate.objects.create(
        enrolment=enrolment,
        holder=employee.user,
        course=course,
        holder_name_ar=employee.full_name_ar,
        holder_name_en=employee.full_name_en,
        course_title_ar=f"{course.title} (ع)",
        course_title_en=f"{course.title} (en)",
        issued_on=on,
        status=Certificate.Status.ISSUED,
    )


@dataclass
class Team:
    chief: Employee
    boss: Employee
    direct: Employee
    second: Employee
    indirect: Employee
    other_boss: Employee
    stranger: Employee
    course: CoursePage


@pytest.fixture
def team(catalogue, catalogue_en) -> Team:
    ministry = make_org_unit("m", name_en="Ministry M")
    d1 = make_org_unit("m-d1", OrgUnit.objects.get(pk=ministry.pk), OrgUnit.Kind.DIRECTORATE, name_en="Directorate One")
    d2 = make_org_unit("m-d2", OrgUnit.objects.get(pk=ministry.pk), OrgUnit.Kind.DIRECTORATE, name_en="Directorate Two")
    chief = person("chief", OrgUnit.objects.get(pk=ministry.pk))
    boss = person("boss", OrgUnit.objects.get(pk=d1.pk), manager=chief)
    direct = person("dana", OrgUnit.objects.get(pk=d1.pk), manager=boss, language="ar")
    second = person("sami", OrgUnit.objects.get(pk=d2.pk), manager=boss)
    indirect = person("ines", OrgUnit.objects.get(pk=d2.pk), manager=direct)
    other_boss = person("omar", OrgUnit.objects.get(pk=d2.pk), manager=chief)
    stranger = person("zaid", OrgUnit.objects.get(pk=d2.pk), manager=other_boss)
    course = add_course(catalogue, title="الأمن السيبراني", modules=2)
    translate(course, "en", title="Cybersecurity awareness", slug="cybersecurity-awareness")
    return Team(chief, boss, direct, second, indirect, other_boss, stranger, course)
