"""Every write to the skills framework and to learners' self-assessments."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from courses.models import CoursePage, Enrolment, source_page
from programmes.models import ProgrammeEnrolment

from .framework import install_framework
from .models import CourseSkill, Proficiency, SelfAssessment, SelfRating, Skill, SkillLevel
from .selectors import programme_cycle, programme_skills


class SelfAssessmentRefused(Exception):
    """The learner cannot rate their skills for this course at this stage; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidRatings(ValueError):
    """The ratings are not exactly one level from 1 to 4 for each skill the course builds."""


@transaction.atomic
def ensure_default_framework() -> int:
    """Install the default framework's missing skills and levels; return how many skills were created."""
    return install_framework(Skill, SkillLevel)


@transaction.atomic
def submit_course_self_assessment(
    *, learner: User, course: CoursePage, stage: str, levels: Mapping[int, int]
) -> SelfAssessment:
    """Record the learner's self-rating ({skill id: level}) of every skill the course builds.

    Before (pre) is open while the current enrolment is not complete, after (post) once it is; one of
    each per enrolment cycle. The enrolment row is locked, so two simultaneous submissions serialise
    and the second is refused as already submitted.
    """
    course = source_page(course)
    enrolment = Enrolment.objects.select_for_update().filter(learner=learner, course=course, is_current=True).first()
    if enrolment is None:
        raise SelfAssessmentRefused("not_enrolled")
    skill_ids = set(CourseSkill.objects.filter(course=course).values_list("skill_id", flat=True))
    return _record(
        learner=learner,
        subject={"course": course},
        cycle=enrolment.cycle,
        completed=enrolment.completed_at is not None,
        stage=stage,
        skill_ids=skill_ids,
        levels=levels,
    )


@transaction.atomic
def submit_programme_self_assessment(
    *, learner: User, programme: Page, stage: str, levels: Mapping[int, int]
) -> SelfAssessment:
    """Record the learner's self-rating of every skill the programme's courses build, as for a course:
    before while the programme enrolment is open, after once the programme is complete."""
    programme = source_page(programme)
    enrolment = (
        ProgrammeEnrolment.objects.select_for_update()
        .filter(learner=learner, programme=programme, is_current=True)
        .first()
    )
    if enrolment is None:
        raise SelfAssessmentRefused("not_enrolled")
    return _record(
        learner=learner,
        subject={"programme": programme},
        cycle=programme_cycle(enrolment),
        completed=enrolment.completed_at is not None,
        stage=stage,
        skill_ids={target.skill_id for target in programme_skills(programme=programme)},
        levels=levels,
    )


def _record(
    *,
    learner: User,
    subject: dict[str, Page],
    cycle: int,
    completed: bool,
    stage: str,
    skill_ids: set[int],
    levels: Mapping[int, int],
) -> SelfAssessment:
    """The checks and writes shared by courses and programmes; the caller holds the enrolment's row lock."""
    if stage == SelfAssessment.Stage.PRE and completed:
        raise SelfAssessmentRefused("completed")
    if stage == SelfAssessment.Stage.POST and not completed:
        raise SelfAssessmentRefused("not_completed")
    if not skill_ids:
        raise SelfAssessmentRefused("no_skills")
    if set(levels) != skill_ids or not all(level in Proficiency.values for level in levels.values()):
        raise InvalidRatings
    if SelfAssessment.objects.filter(learner=learner, stage=stage, cycle=cycle, **subject).exists():
        raise SelfAssessmentRefused("submitted")
    assessment = SelfAssessment.objects.create(
        learner=learner, stage=stage, cycle=cycle, submitted_at=timezone.now(), **subject
    )
    SelfRating.objects.bulk_create(
        SelfRating(assessment=assessment, skill_id=skill_id, level=level) for skill_id, level in levels.items()
    )
    return assessment
