"""The two-ministry HR world several apps' tests share: ministry A (Alpha) and ministry B (Bravo).

Everything of ministry B carries "Bravo" or "B-" so a leak into anything an HR officer of A sees is
easy to spot.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.users.models import UserProfile

from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from people.models import Employee, HRScope, OrgUnit
from people.services import ADMINISTRATORS, HR_OFFICERS, LEARNERS, MINISTRY_ADMINISTRATORS, TRAINERS, ensure_roles
from tests.factories import EmployeeFactory, UserFactory, add_catalogue, add_course, make_org_unit


@dataclass
class World:
    units: dict[str, OrgUnit]
    courses: list[CoursePage]
    employees: dict[str, Employee]
    enrolments: dict[str, Enrolment] = field(default_factory=dict)


def _employee(number: str, unit: OrgUnit, name_en: str, name_ar: str, grade: str) -> Employee:
    user = UserFactory(username=number.lower())
    user.groups.add(Group.objects.get(name=LEARNERS))
    return EmployeeFactory(
        user=user, employee_number=number, full_name_en=name_en, full_name_ar=name_ar, org_unit=unit, grade=grade
    )


def _enrol(employee, course, status, *, source="self", due=None, completed_days_ago=None, cycle=1, current=True):
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        learner=employee.user,
        course=course,
        status=status,
        source=source,
        due_date=due,
        cycle=cycle,
        is_current=current,
        started_at=None if status == Enrolment.Status.NOT_STARTED else now - datetime.timedelta(days=20),
        completed_at=None if completed_days_ago is None else now - datetime.timedelta(days=completed_days_ago),
    )
    return enrolment


def _progress(enrolment, modules: list[ModulePage], done: int, score=None) -> None:
    for index, module in enumerate(modules):
        ModuleProgress.objects.create(
            enrolment=enrolment,
            module=module,
            completed_at=timezone.now() if index < done else None,
            best_score=score,
        )


def alpha_and_bravo() -> dict[str, OrgUnit]:
    """Ministry A with two directorates and a department under the first; ministry B with one directorate."""
    units = {
        "A": make_org_unit("alpha", None, "ministry", name_en="Ministry Alpha", name_ar="وزارة ألفا"),
        "B": make_org_unit("bravo", None, "ministry", name_en="Ministry Bravo", name_ar="وزارة برافو"),
    }
    units["A1"] = make_org_unit(
        "alpha-d1", units["A"], "directorate", name_en="Alpha Directorate One", name_ar="مديرية ألفا الأولى"
    )
    units["A2"] = make_org_unit(
        "alpha-d2", units["A"], "directorate", name_en="Alpha Directorate Two", name_ar="مديرية ألفا الثانية"
    )
    units["A1P"] = make_org_unit(
        "alpha-d1-p", units["A1"], "department", name_en="Alpha Department", name_ar="دائرة ألفا"
    )
    units["B1"] = make_org_unit(
        "bravo-d1", units["B"], "directorate", name_en="Bravo Directorate", name_ar="مديرية برافو"
    )
    for unit in units.values():
        unit.refresh_from_db()
    return units


def build_hr_world() -> World:
    """Two ministries, A (Alpha) and B (Bravo), their staff, two courses and records in every state."""
    catalogue = add_catalogue()
    ensure_roles(catalogue=catalogue)
    units = alpha_and_bravo()
    first = add_course(catalogue, title="Digital transformation", modules=3)
    second = add_course(catalogue, title="Cyber hygiene", modules=2, skill_area="cybersecurity")
    employees = {
        "a1": _employee("A-001", units["A1P"], "Alpha One", "ألفا واحد", "7"),
        "a2": _employee("A-002", units["A1"], "Alpha Two", "ألفا اثنان", "8"),
        "a3": _employee("A-003", units["A2"], "Alpha Three", "ألفا ثلاثة", "7"),
        "a4": _employee("A-004", units["A"], "Alpha Four", "ألفا أربعة", "9"),
        "b1": _employee("B-001", units["B1"], "Bravo One", "برافو واحد", "7"),
        "b2": _employee("B-002", units["B"], "Bravo Two", "برافو اثنان", "5"),
    }
    first_modules = list(ModulePage.objects.child_of(first).order_by("path"))
    second_modules = list(ModulePage.objects.child_of(second).order_by("path"))
    today = timezone.localdate()
    past, future = today - datetime.timedelta(days=5), today + datetime.timedelta(days=30)
    world = World(units=units, courses=[first, second], employees=employees)
    e = world.enrolments
    e["a1_old"] = _enrol(
        employees["a1"], first, "completed", source="assigned", completed_days_ago=400, cycle=1, current=False
    )
    e["a1_first"] = _enrol(
        employees["a1"], first, "completed", source="assigned", due=past, completed_days_ago=10, cycle=2
    )
    _progress(e["a1_first"], first_modules, 3, score=90)
    e["a1_second"] = _enrol(employees["a1"], second, "in_progress")
    _progress(e["a1_second"], second_modules, 1)
    e["a2_first"] = _enrol(employees["a2"], first, "not_started", source="assigned", due=past)
    e["a3_first"] = _enrol(employees["a3"], first, "in_progress", source="assigned", due=future)
    _progress(e["a3_first"], first_modules, 1, score=70)
    e["a4_second"] = _enrol(employees["a4"], second, "completed", completed_days_ago=3)
    _progress(e["a4_second"], second_modules, 2)
    e["b1_first"] = _enrol(employees["b1"], first, "completed", completed_days_ago=2)
    e["b1_second"] = _enrol(employees["b1"], second, "in_progress", source="assigned", due=past)
    e["b2_first"] = _enrol(employees["b2"], first, "not_started")
    return world


def staff_member(
    username: str,
    group: str,
    unit: OrgUnit,
    number: str,
    scope: OrgUnit | None = None,
    role: str = HRScope.Role.HR_OFFICER,
):
    user = UserFactory(username=username)
    # The admin follows the user's preferred language; tests read English unless they switch.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    user.groups.add(Group.objects.get(name=group))
    EmployeeFactory(user=user, employee_number=number, org_unit=unit, full_name_en=username, full_name_ar=username)
    if scope is not None:
        HRScope.objects.create(user=user, org_unit=scope, role=role)
    return user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back afterwards; each test
    runs in a savepoint within it. Building pages with revisions is slow, so this keeps the suite fast."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_hr_world()
        transaction.set_rollback(True)


@pytest.fixture
def hr_a(db, world):
    return staff_member("hr.alpha", HR_OFFICERS, world.units["A"], "HR-A", scope=world.units["A"])


@pytest.fixture
def hr_b(db, world):
    return staff_member("hr.b", HR_OFFICERS, world.units["B"], "HR-B0", scope=world.units["B"])


@pytest.fixture
def administrator(db, world):
    return staff_member("administrator", ADMINISTRATORS, world.units["A"], "ADM-1")


@pytest.fixture
def trainer(db, world):
    return staff_member("trainer", TRAINERS, world.units["A"], "TRN-1")


@pytest.fixture
def hr_client(client, hr_a):
    client.force_login(hr_a)
    return client


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def ministry_admin_a(db, world):
    """Administers ministry A's subtree: its people, units, trainers and HR scopes."""
    return staff_member(
        "admin.alpha", MINISTRY_ADMINISTRATORS, world.units["A"], "MA-A", scope=world.units["A"], role="admin"
    )


@pytest.fixture
def ministry_admin_b(db, world):
    return staff_member(
        "admin.bravo", MINISTRY_ADMINISTRATORS, world.units["B"], "MA-B", scope=world.units["B"], role="admin"
    )
