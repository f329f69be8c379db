"""A small organisation for the mandatory-training tests: ministry M (two directorates, one with a
department) and ministry N, an HR officer scoped to M, and a course to assign."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from assignments import services
from assignments.models import Assignment
from courses.models import CoursePage
from people.models import Employee, HRScope, OrgUnit
from people.services import HR_OFFICERS, ensure_roles
from tests.factories import EmployeeFactory, UserFactory, add_course, make_org_unit, translate


@dataclass
class Org:
    units: dict[str, OrgUnit]
    people: dict[str, Employee] = field(default_factory=dict)

    def unit(self, key: str) -> OrgUnit:
        # Paths move when siblings are added: always read a unit fresh.
        return OrgUnit.objects.get(pk=self.units[key].pk)


def employee(number: str, unit: OrgUnit, *, grade: str = "7", job_title: str = "Analyst", language: str = "en", **kw):
    user = UserFactory(username=number.lower())
    return EmployeeFactory(
        user=user,
        employee_number=number,
        org_unit=unit,
        grade=grade,
        job_title=job_title,
        preferred_language=language,
        full_name_en=f"Person {number}",
        full_name_ar=f"الموظف {number}",
        **kw,
    )


@pytest.fixture
def org(db) -> Org:
    m = make_org_unit("m")
    n = make_org_unit("n")
    d1 = make_org_unit("m-d1", OrgUnit.objects.get(pk=m.pk), OrgUnit.Kind.DIRECTORATE)
    d2 = make_org_unit("m-d2", OrgUnit.objects.get(pk=m.pk), OrgUnit.Kind.DIRECTORATE)
    dep = make_org_unit("m-d1-p", OrgUnit.objects.get(pk=d1.pk), OrgUnit.Kind.DEPARTMENT)
    world = Org(units={"M": m, "N": n, "D1": d1, "D2": d2, "DEP": dep})
    world.people = {
        "d1a": employee("M-101", world.unit("D1"), language="ar"),
        "d1b": employee("M-102", world.unit("DEP"), grade="9", job_title="Director"),
        "d2a": employee("M-201", world.unit("D2")),
        "n1": employee("N-301", world.unit("N")),
    }
    return world


@pytest.fixture
def hr(org, catalogue):
    ensure_roles(catalogue=catalogue)
    user = UserFactory(username="hr.m", first_name="Huda")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    user.groups.add(Group.objects.get(name=HR_OFFICERS))
    EmployeeFactory(
        user=user, employee_number="HR-M", org_unit=org.unit("M"), full_name_en="Huda HR", preferred_language="en"
    )
    HRScope.objects.create(user=user, org_unit=org.unit("M"))
    return user


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


@pytest.fixture
def mandatory_course(catalogue, catalogue_en) -> CoursePage:
    course = add_course(catalogue, title="الأمن السيبراني", modules=2)
    translate(course, "en", title="Cybersecurity awareness", slug="cybersecurity-awareness")
    return course


def assign(hr_user, course, *, unit=None, on=None, days=None, rule=Assignment.DueRule.ON_DATE, **kwargs) -> Assignment:
    """Create an assignment through the service and materialise it as the worker would."""
    assignment = services.create_assignment(
        course=course,
        created_by=hr_user,
        due_rule=rule,
        due_on=on,
        due_days=days,
        org_unit=unit,
        **kwargs,
    )
    services.sync_assignment(assignment_id=assignment.pk)
    return assignment


def in_days(days: int) -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)
