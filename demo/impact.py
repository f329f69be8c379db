"""Demo learning activity: the demo colleagues (and the demo learner) train over the past months.

Enough activity for the impact dashboard and the open-data page to show real figures: the Ministry of
Transport, Communications and IT has cells above the open-data threshold, the Ministry of Health's few
people are suppressed. Completions go through ``courses.services`` (so certificates are created the
normal way, pending until the worker renders them), then the dates are moved into the past so the
monthly trend has a shape. Idempotent: a person's course is planned once and skipped when enrolled.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from certificates.models import Certificate, expiry_date
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from courses.services import PrerequisitesNotMet, complete_module, enrol
from demo.courses import SOURCE_LANGUAGE
from feedback.models import Feedback
from people.models import OrgUnit
from skills.models import SelfAssessment, SelfRating

# Chance that a person completes each course, by ministry; the rest of the enrolments are in progress.
PLAN = {
    "mtcit": {
        "cybersecurity-awareness": 1.0,
        "digital-government-services-fundamentals": 0.9,
        "data-driven-decision-making": 0.5,
        "productivity-tools-collaboration": 0.3,
    },
    "mol": {
        "cybersecurity-awareness": 0.85,
        "productivity-tools-collaboration": 0.7,
        "digital-government-services-fundamentals": 0.5,
    },
    "moh": {"cybersecurity-awareness": 0.5, "digital-government-services-fundamentals": 0.5},
}
# The demo learner keeps most of the catalogue to explore: one course done, nothing else started.
LEARNER_COURSES = ["cybersecurity-awareness"]
COMMENTS = [
    ("أمثلة عملية مفيدة في عملي اليومي.", "ar"),
    ("Clear and practical; the quizzes helped.", "en"),
    ("أتمنى إضافة المزيد من الحالات الدراسية.", "ar"),
    ("Good pace, but one module was too long.", "en"),
    ("", "ar"),
]


def _participants() -> list:
    """The demo colleagues (emp…) and the demo learner."""
    return list(
        get_user_model()
        .objects.filter(Q(username__startswith="emp") | Q(username="learner"), employee__isnull=False)
        .select_related("employee__org_unit")
        .order_by("username")
    )


def _backdate(enrolment: Enrolment, completed_at: datetime.datetime | None, started_at: datetime.datetime) -> None:
    # Enrolled when they started: a transcript would otherwise show an enrolment dated after its completion.
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=started_at, started_at=started_at, completed_at=completed_at
    )
    ModuleProgress.objects.filter(enrolment=enrolment).update(
        started_at=started_at, completed_at=completed_at or started_at
    )
    if completed_at is not None:
        issued_on = timezone.localdate(completed_at)
        months = enrolment.course.certificate_validity_months
        Certificate.objects.filter(enrolment=enrolment).update(
            issued_on=issued_on, expires_on=expiry_date(issued_on, months)
        )


def _assess(enrolment: Enrolment, stage: str, levels: dict, when: datetime.datetime) -> None:
    assessment = SelfAssessment.objects.create(
        learner=enrolment.learner, course=enrolment.course, stage=stage, cycle=enrolment.cycle, submitted_at=when
    )
    SelfRating.objects.bulk_create(
        SelfRating(assessment=assessment, skill=skill, level=level) for skill, level in levels.items()
    )


def _train(user, course: CoursePage, *, complete: bool, rng: random.Random) -> None:
    now = timezone.now()
    completed_at = now - datetime.timedelta(days=rng.randint(3, 320), hours=rng.randint(0, 8))
    started_at = completed_at - datetime.timedelta(days=rng.randint(2, 25))
    enrolment = enrol(learner=user, course=course)
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    for module in modules if complete else modules[:1]:
        complete_module(learner=user, module=module)
    enrolment.refresh_from_db()
    _backdate(enrolment, completed_at if complete else None, started_at)
    skills = [link.skill for link in course.skills_built.select_related("skill")]
    if not skills:
        return
    before = {skill: rng.randint(1, 2) for skill in skills}
    _assess(enrolment, "pre", before, started_at)
    if not complete:
        return
    after = {skill: min(4, level + rng.choice([0, 1, 1, 1, 2])) for skill, level in before.items()}
    _assess(enrolment, "post", after, completed_at)
    if rng.random() < 0.75:
        comment, language = rng.choice(COMMENTS)
        Feedback.objects.create(
            enrolment=enrolment,
            rating=rng.choice([3, 4, 4, 5, 5]),
            comment=comment,
            language=language,
            submitted_at=completed_at,
        )


@transaction.atomic
def seed_activity() -> int:
    """Give the demo people their training history; returns how many enrolments were added (0 on a rerun)."""
    courses = {
        course.slug: course for course in CoursePage.objects.live().filter(locale__language_code=SOURCE_LANGUAGE)
    }
    ministries = {unit.path: unit.code for unit in OrgUnit.get_root_nodes()}
    added = 0
    for user in _participants():
        # One generator per person: a rerun, or a new colleague, never shifts anyone else's history.
        rng = random.Random(f"qudra-demo-{user.username}")
        ministry = ministries.get(user.employee.org_unit.path[: OrgUnit.steplen], "")
        plan = dict.fromkeys(LEARNER_COURSES, 1.0) if user.username == "learner" else PLAN.get(ministry, {})
        for slug, chance in plan.items():
            course = courses.get(slug)
            if course is None or Enrolment.objects.filter(learner=user, course=course).exists():
                continue
            try:
                _train(user, course, complete=rng.random() < chance, rng=rng)
            except PrerequisitesNotMet:
                # Nobody skips a prerequisite, in the demo either (nothing was written for this course).
                continue
            added += 1
    return added
