"""Reads of the skills framework and of learners' self-assessments, shaped for the pages that show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, Max, Prefetch

from courses.models import CoursePage, Enrolment, source_page
from courses.selectors import current_enrolment, in_active_language, share_site_root_paths

from .models import CourseSkill, Proficiency, SelfAssessment, SelfRating, Skill, SkillLevel

Stage = SelfAssessment.Stage


def course_skills(*, course: CoursePage) -> list[CourseSkill]:
    """The skills a course builds, as declared on its source-language page, in framework order."""
    return list(
        CourseSkill.objects.filter(course=source_page(course))
        .select_related("skill")
        .prefetch_related(Prefetch("skill__levels", queryset=SkillLevel.objects.order_by("level")))
        .order_by("skill__sort_order", "skill__code")
    )


@dataclass
class CourseAssessmentState:
    """Where a learner stands with the self-assessments of one course in their current enrolment."""

    enrolment: Enrolment | None
    links: list[CourseSkill]
    submitted: set[str] = field(default_factory=set)

    def refusal(self, stage: str) -> str | None:
        """Why the learner cannot rate their skills at this stage now, or None if they can."""
        if not self.links:
            return "no_skills"
        if stage in self.submitted:
            return "submitted"
        completed = self.enrolment is not None and self.enrolment.completed_at is not None
        if stage == Stage.PRE and completed:
            return "completed"
        if stage == Stage.POST and not completed:
            return "not_completed"
        return None

    @property
    def due(self) -> str | None:
        """The stage the course page invites the learner to (pre while learning, post once complete)."""
        if self.enrolment is None:
            return None
        return next((stage for stage in (Stage.PRE, Stage.POST) if self.refusal(stage) is None), None)


def course_assessment_state(*, user: AbstractBaseUser | AnonymousUser, course: CoursePage) -> CourseAssessmentState:
    enrolment = current_enrolment(user=user, course=course)
    if enrolment is None:
        return CourseAssessmentState(enrolment=None, links=[])
    submitted = set(
        SelfAssessment.objects.filter(learner=user, course_id=enrolment.course_id, cycle=enrolment.cycle).values_list(
            "stage", flat=True
        )
    )
    return CourseAssessmentState(enrolment=enrolment, links=course_skills(course=course), submitted=submitted)


def due_stage(*, enrolment: Enrolment | None) -> str | None:
    """The self-assessment a course page invites the learner to: before the course while it is not
    complete, after it once it is; None when the course builds no skill or it is already done (one query)."""
    if enrolment is None:
        return None
    stage = Stage.POST if enrolment.completed_at else Stage.PRE
    done = SelfAssessment.objects.filter(
        learner_id=enrolment.learner_id, course_id=enrolment.course_id, cycle=enrolment.cycle, stage=stage
    )
    return stage if CourseSkill.objects.filter(course_id=enrolment.course_id).filter(~Exists(done)).exists() else None


@dataclass
class DueAssessment:
    course: CoursePage
    stage: str


def due_self_assessments(*, user: AbstractBaseUser) -> list[DueAssessment]:
    """Self-assessments the learner is invited to: before each course in progress, after each completed one."""
    enrolments = list(
        Enrolment.objects.filter(learner=user, is_current=True, course__live=True, course__skills_built__isnull=False)
        .select_related("course")
        .distinct()
        .order_by("-enrolled_at")
    )
    done = set(
        SelfAssessment.objects.filter(learner=user, course__isnull=False).values_list("course_id", "cycle", "stage")
    )
    due = []
    for enrolment in enrolments:
        stage = Stage.POST if enrolment.completed_at else Stage.PRE
        if (enrolment.course_id, enrolment.cycle, stage) not in done:
            due.append((enrolment.course, stage))
    courses = in_active_language([course for course, _stage in due])
    share_site_root_paths(courses)
    return [DueAssessment(course=course, stage=stage) for course, (_source, stage) in zip(courses, due, strict=True)]


@dataclass
class SkillMapRow:
    skill: Skill
    before: int | None = None
    after: int | None = None
    target: int | None = None
    before_at: datetime | None = None
    after_at: datetime | None = None

    @property
    def uplift(self) -> int | None:
        """After minus before, when the after rating is the later one (it describes the learner since)."""
        if self.before is None or self.after is None or self.after_at < self.before_at:
            return None
        return self.after - self.before

    def _name(self, level: int | None) -> str:
        return Proficiency(level).label if level else ""

    @property
    def before_name(self) -> str:
        return self._name(self.before)

    @property
    def after_name(self) -> str:
        return self._name(self.after)

    @property
    def target_name(self) -> str:
        return self._name(self.target)


def skills_map(*, user: AbstractBaseUser) -> list[SkillMapRow]:
    """Every skill of the framework with the learner's latest self-rating before and after a course or
    programme, and the highest target level of the courses they have completed (three queries)."""
    rows = {skill.pk: SkillMapRow(skill=skill) for skill in Skill.objects.all()}
    ratings = (
        SelfRating.objects.filter(assessment__learner=user)
        .values_list("skill_id", "level", "assessment__stage", "assessment__submitted_at")
        .order_by("assessment__submitted_at", "assessment_id")
    )
    for skill_id, level, stage, submitted_at in ratings:
        row = rows[skill_id]
        if stage == Stage.PRE:
            row.before, row.before_at = level, submitted_at
        else:
            row.after, row.after_at = level, submitted_at
    targets = (
        CourseSkill.objects.filter(course__enrolments__learner=user, course__enrolments__completed_at__isnull=False)
        .values("skill_id")
        .annotate(target=Max("level"))
    )
    for target in targets:
        rows[target["skill_id"]].target = target["target"]
    return list(rows.values())
