"""Reads of the skills framework and of learners' self-assessments, shaped for the pages that show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, Max, Prefetch
from django.urls import reverse
from wagtail.models import Page

from courses.models import CoursePage, Enrolment, source_page
from courses.selectors import current_enrolment, in_active_language, share_site_root_paths
from programmes.models import ProgrammeEnrolment
from programmes.selectors import current_programme_enrolment, programme_steps

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
class SkillTarget:
    """A skill a programme builds and the highest target level among its courses (shaped like CourseSkill)."""

    skill: Skill
    level: int

    @property
    def skill_id(self) -> int:
        return self.skill.pk

    def get_level_display(self) -> str:
        return str(Proficiency(self.level).label)


def programme_skills(*, programme: Page) -> list[SkillTarget]:
    """The union of the skills the programme's courses build (optional ones too), each at the highest
    target level any of them aims for, in framework order."""
    courses = [step.course for step in programme_steps(programme=programme)]
    targets: dict[int, SkillTarget] = {}
    links = (
        CourseSkill.objects.filter(course__in=courses)
        .select_related("skill")
        .prefetch_related(Prefetch("skill__levels", queryset=SkillLevel.objects.order_by("level")))
    )
    for link in links:
        if link.skill_id not in targets or targets[link.skill_id].level < link.level:
            targets[link.skill_id] = SkillTarget(skill=link.skill, level=link.level)
    return sorted(targets.values(), key=lambda target: (target.skill.sort_order, target.skill.code))


def programme_cycle(enrolment) -> int:
    """Programme enrolments have no cycle number: a re-enrolment's cycle is its rank among the learner's
    enrolments in that programme, so each enrolment gets its own pre and post."""
    return (
        type(enrolment)
        .objects.filter(learner_id=enrolment.learner_id, programme_id=enrolment.programme_id, pk__lte=enrolment.pk)
        .count()
    )


@dataclass
class AssessmentState:
    """Where a learner stands with the self-assessments of one course or programme in their current
    enrolment: `targets` are the skills it builds (CourseSkill or SkillTarget)."""

    enrolment: Enrolment | ProgrammeEnrolment | None
    targets: list = field(default_factory=list)
    submitted: set[str] = field(default_factory=set)

    def refusal(self, stage: str) -> str | None:
        """Why the learner cannot rate their skills at this stage now, or None if they can."""
        if self.enrolment is None:
            return "not_enrolled"
        if not self.targets:
            return "no_skills"
        if stage in self.submitted:
            return "submitted"
        completed = self.enrolment.completed_at is not None
        if stage == Stage.PRE and completed:
            return "completed"
        if stage == Stage.POST and not completed:
            return "not_completed"
        return None


def course_assessment_state(*, user: User | AnonymousUser, course: CoursePage) -> AssessmentState:
    enrolment = current_enrolment(user=user, course=course)
    if enrolment is None or not user.is_authenticated:
        return AssessmentState(enrolment=None)
    submitted = set(
        SelfAssessment.objects.filter(learner=user, course_id=enrolment.course_id, cycle=enrolment.cycle).values_list(
            "stage", flat=True
        )
    )
    return AssessmentState(enrolment=enrolment, targets=course_skills(course=course), submitted=submitted)


def programme_assessment_state(*, user: User | AnonymousUser, programme: Page) -> AssessmentState:
    enrolment = current_programme_enrolment(user=user, programme=programme)
    if enrolment is None or not user.is_authenticated:
        return AssessmentState(enrolment=None)
    submitted = set(
        SelfAssessment.objects.filter(
            learner=user, programme_id=enrolment.programme_id, cycle=programme_cycle(enrolment)
        ).values_list("stage", flat=True)
    )
    return AssessmentState(enrolment=enrolment, targets=programme_skills(programme=programme), submitted=submitted)


def programme_due_stage(*, enrolment) -> str | None:
    """The self-assessment a programme page invites the learner to, like `due_stage` for a course."""
    if enrolment is None:
        return None
    stage = Stage.POST if enrolment.completed_at else Stage.PRE
    done = SelfAssessment.objects.filter(
        learner_id=enrolment.learner_id,
        programme_id=enrolment.programme_id,
        stage=stage,
        cycle=programme_cycle(enrolment),
    ).exists()
    return stage if not done and programme_skills(programme=enrolment.programme) else None


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
    page: Page  # the course or programme, in the reader's language when translated
    stage: str
    url: str


def due_self_assessments(*, user: User) -> list[DueAssessment]:
    """Self-assessments the learner is invited to: before each programme and course in progress, after
    each completed one; programmes first."""
    due = []
    for enrolment in ProgrammeEnrolment.objects.filter(learner=user, is_current=True, programme__live=True).order_by(
        "-enrolled_at"
    ):
        stage = programme_due_stage(enrolment=enrolment)
        if stage is not None:
            programme = enrolment.programme.localized
            due.append(DueAssessment(page=programme, stage=stage, url=_assessment_url("programme", programme, stage)))
    enrolments = list(
        Enrolment.objects.filter(learner=user, is_current=True, course__live=True, course__skills_built__isnull=False)
        .select_related("course")
        .distinct()
        .order_by("-enrolled_at")
    )
    done = set(
        SelfAssessment.objects.filter(learner=user, course__isnull=False).values_list("course_id", "cycle", "stage")
    )
    stages = {}
    for course_enrolment in enrolments:
        stage = Stage.POST if course_enrolment.completed_at else Stage.PRE
        if (course_enrolment.course_id, course_enrolment.cycle, stage) not in done:
            stages[course_enrolment.course] = stage
    courses = in_active_language(list(stages))
    for course, stage in zip(courses, stages.values(), strict=True):
        due.append(DueAssessment(page=course, stage=stage, url=_assessment_url("course", course, stage)))
    share_site_root_paths(item.page for item in due)
    return due


def _assessment_url(kind: str, page: Page, stage: str) -> str:
    return reverse(f"skills:{kind}_self_assessment", args=[page.pk, stage])


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
        if self.before is None or self.after is None or self.before_at is None or self.after_at is None:
            return None
        if self.after_at < self.before_at:
            return None
        return self.after - self.before

    def _name(self, level: int | None) -> str:
        return str(Proficiency(level).label) if level else ""

    @property
    def before_name(self) -> str:
        return self._name(self.before)

    @property
    def after_name(self) -> str:
        return self._name(self.after)

    @property
    def target_name(self) -> str:
        return self._name(self.target)


def skills_map(*, user: User) -> list[SkillMapRow]:
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
