"""A generated organisation for the impact tests: three ministries of different sizes, random training.

Ministry Alpha is large (most cells above the threshold), Bravo middling, Charlie tiny (everything of
it must be suppressed in open data). The records are random but seeded, and the tests recompute every
figure from these rows in plain Python, independently of the selectors.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import create_pending_certificate
from courses.models import CoursePage, Enrolment
from feedback.models import Feedback
from people.models import Employee, HRScope, OrgUnit
from people.services import ADMINISTRATORS, HR_OFFICERS, LEARNERS, ensure_roles
from skills.models import CourseSkill, SelfAssessment, SelfRating, Skill
from tests.builders.hr_world import alpha_and_bravo
from tests.factories import EmployeeFactory, UserFactory, add_catalogue, add_course, make_org_unit

MINIMUM = 10
# Markers of ministry Bravo: an HR officer of Alpha must never see them.
BRAVO_MARKERS = ("Ministry Bravo", "Bravo Directorate", "وزارة برافو", "Bravo comment")


@dataclass
class Dataset:
    units: dict[str, OrgUnit]
    courses: list[CoursePage]
    skills: dict[str, Skill]
    employees: list[Employee]
    hr: dict[str, object] = field(default_factory=dict)


def _employee(number: str, unit: OrgUnit, name_en: str) -> Employee:
    user = UserFactory(username=number.lower())
    user.groups.add(Group.objects.get(name=LEARNERS))
    return EmployeeFactory(user=user, employee_number=number, full_name_en=name_en, org_unit=unit)


def _assess(user, course, stage: str, levels: dict[Skill, int], when: datetime.datetime, cycle: int = 1) -> None:
    assessment = SelfAssessment.objects.create(learner=user, course=course, stage=stage, submitted_at=when, cycle=cycle)
    SelfRating.objects.bulk_create(
        SelfRating(assessment=assessment, skill=skill, level=level) for skill, level in levels.items()
    )


def _train(rng: random.Random, employee: Employee, course: CoursePage, course_skills: list[Skill], now) -> None:
    """One random enrolment with its self-assessments, certificate and feedback (same draws, same order)."""
    status = rng.choice([Enrolment.Status.COMPLETED] * 3 + [Enrolment.Status.IN_PROGRESS, Enrolment.Status.NOT_STARTED])
    days_ago = rng.randint(0, 420)
    enrolment = Enrolment.objects.create(
        learner=employee.user,
        course=course,
        status=status,
        started_at=now - datetime.timedelta(days=days_ago + 10),
        completed_at=now - datetime.timedelta(days=days_ago) if status == Enrolment.Status.COMPLETED else None,
    )
    if course_skills and rng.random() < 0.8:
        pre = {skill: rng.randint(1, 3) for skill in course_skills}
        _assess(employee.user, course, "pre", pre, enrolment.started_at)
        if status == Enrolment.Status.COMPLETED and rng.random() < 0.85:
            post = {skill: min(4, max(1, level + rng.randint(-1, 2))) for skill, level in pre.items()}
            _assess(employee.user, course, "post", post, enrolment.completed_at)
    if status != Enrolment.Status.COMPLETED:
        return
    certificate = create_pending_certificate(enrolment=enrolment)
    if rng.random() < 0.7:
        # What the worker does once the PDF is stored; rendering is covered by the certificate tests.
        Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.ISSUED)
    if rng.random() < 0.6:
        owner = "Bravo comment" if employee.org_unit.code.startswith("bravo") else "Alpha comment"
        Feedback.objects.create(
            enrolment=enrolment,
            rating=rng.randint(1, 5),
            comment=f"{owner} {enrolment.pk}" if rng.random() < 0.5 else "",
            language="en",
            submitted_at=enrolment.completed_at,
        )


def build_dataset(seed: int = 8) -> Dataset:
    rng = random.Random(seed)
    catalogue = add_catalogue()
    ensure_roles(catalogue=catalogue)
    units = alpha_and_bravo()
    # Ministry Charlie is tiny: everything of it must be suppressed in open data.
    units["C"] = make_org_unit("charlie", None, "ministry", name_en="Ministry Charlie", name_ar="وزارة تشارلي")
    skills = {skill.code: skill for skill in Skill.objects.all()}
    courses = [
        add_course(catalogue, title="Digital services and data", modules=2, estimated_hours=6),
        add_course(catalogue, title="Cyber hygiene", modules=2, estimated_hours=3, skill_area="cybersecurity"),
        add_course(catalogue, title="AI at work", modules=2, estimated_hours=4, skill_area="data_ai"),
        add_course(catalogue, title="Office etiquette", modules=1, estimated_hours=2),
    ]
    builds = {0: ["digital_services", "data_literacy"], 1: ["cybersecurity"], 2: ["ai_literacy"], 3: []}
    for index, codes in builds.items():
        for code in codes:
            CourseSkill.objects.create(course=courses[index], skill=skills[code], level=2)
    placement = [("A", 12), ("A1", 10), ("A1P", 8), ("A2", 14), ("B", 6), ("B1", 12), ("C", 4)]
    employees = []
    for unit_key, count in placement:
        for number in range(count):
            code = f"{unit_key}-{number:03d}"
            name = f"Bravo Person {code}" if unit_key.startswith("B") else f"Person {code}"
            employees.append(_employee(code, units[unit_key], name))
    now = timezone.now()
    for employee in employees:
        for course in rng.sample(courses, rng.randint(0, 4)):
            course_skills = [skills[code] for code in builds[courses.index(course)]]
            _train(rng, employee, course, course_skills, now)
    # A past cycle that was completed, then renewed: it counts as a completion too.
    renewed = Enrolment.objects.filter(
        status=Enrolment.Status.COMPLETED, learner__employee__org_unit=units["A2"]
    ).first()
    Enrolment.objects.filter(pk=renewed.pk).update(is_current=False)
    Enrolment.objects.create(
        learner=renewed.learner, course=renewed.course, cycle=2, status=Enrolment.Status.NOT_STARTED
    )
    dataset = Dataset(units=units, courses=courses, skills=skills, employees=employees)
    for key, unit in (("A", units["A"]), ("B", units["B"])):
        user = UserFactory(username=f"hr-{key.lower()}", is_staff=False)
        user.groups.add(Group.objects.get(name=HR_OFFICERS))
        HRScope.objects.create(user=user, org_unit=unit)
        dataset.hr[key] = user
    admin = UserFactory(username="impact-admin")
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS))
    dataset.hr["admin"] = admin
    return dataset


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction rolled back afterwards; each test runs in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_dataset()
        transaction.set_rollback(True)
