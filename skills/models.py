"""The skills framework (skills and their proficiency levels), the skills courses build, and learners'
self-assessments before and after a course or programme."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from common.i18n import pick


class Proficiency(models.IntegerChoices):
    """The four levels of every skill; each skill describes what they mean for it (SkillLevel)."""

    AWARE = 1, _("Aware")
    PRACTITIONER = 2, _("Practitioner")
    PROFICIENT = 3, _("Proficient")
    EXPERT = 4, _("Expert")


LEVEL_VALIDATORS = [MinValueValidator(Proficiency.AWARE), MaxValueValidator(Proficiency.EXPERT)]
LEVEL_RANGE = Q(level__gte=Proficiency.AWARE) & Q(level__lte=Proficiency.EXPERT)


class Skill(ClusterableModel):
    """One area of the framework. Both languages sit in one record, so a skill can never exist in one
    language only (the skills map and the open data always need both names)."""

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("A stable identifier used in reports and open data.")
    )
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_ar = models.TextField(_("description (Arabic)"), blank=True, max_length=600)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=600)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("name_ar"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("description_ar"), FieldPanel("description_en")]),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [InlinePanel("levels", min_num=4, max_num=4, label=_("Level"))],
            heading=_("Proficiency levels"),
        ),
    ]

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_ar, self.name_en)

    @property
    def description(self) -> str:
        return pick(self.description_ar, self.description_en)


class SkillLevel(models.Model):
    """What one proficiency level means for one skill, in both languages."""

    skill = ParentalKey(Skill, on_delete=models.CASCADE, related_name="levels", verbose_name=_("skill"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Proficiency.choices, validators=LEVEL_VALIDATORS)
    descriptor_ar = models.CharField(_("descriptor (Arabic)"), max_length=300)
    descriptor_en = models.CharField(_("descriptor (English)"), max_length=300)

    panels = [FieldPanel("level"), FieldPanel("descriptor_ar"), FieldPanel("descriptor_en")]

    class Meta:
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="unique_skill_level"),
            models.CheckConstraint(condition=LEVEL_RANGE, name="skill_level_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} – {self.level}"

    @property
    def descriptor(self) -> str:
        return pick(self.descriptor_ar, self.descriptor_en)


class CourseSkill(Orderable):
    """A skill a course builds and the proficiency it aims for. The source-language page's rows count."""

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="skills_built", verbose_name=_("course")
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="course_links", verbose_name=_("skill"))
    level = models.PositiveSmallIntegerField(
        _("target level"), choices=Proficiency.choices, validators=LEVEL_VALIDATORS, default=Proficiency.PRACTITIONER
    )

    panels = [FieldPanel("skill"), FieldPanel("level")]

    class Meta(Orderable.Meta):
        verbose_name = _("skill built")
        verbose_name_plural = _("skills built")
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="unique_course_skill"),
            models.CheckConstraint(condition=LEVEL_RANGE, name="course_skill_level_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.skill} ({self.level})"


class SelfAssessment(models.Model):
    """A learner's own rating of the skills a course (or programme) builds, before or after it.

    One pre and one post per learner, subject and cycle: `cycle` is the enrolment cycle, so a
    recertification (a new enrolment cycle) asks again and keeps the earlier pair as history.
    """

    class Stage(models.TextChoices):
        PRE = "pre", _("Before")
        POST = "post", _("After")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="self_assessments",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="self_assessments",
        verbose_name=_("course"),
    )
    programme = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_self_assessments",
        verbose_name=_("programme"),
    )
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=False, programme__isnull=True)
                | Q(course__isnull=True, programme__isnull=False),
                name="self_assessment_course_or_programme",
            ),
            models.UniqueConstraint(
                fields=["learner", "course", "stage", "cycle"],
                condition=Q(course__isnull=False),
                name="one_self_assessment_per_course_stage_cycle",
            ),
            models.UniqueConstraint(
                fields=["learner", "programme", "stage", "cycle"],
                condition=Q(programme__isnull=False),
                name="one_self_assessment_per_programme_stage_cycle",
            ),
        ]
        indexes = [models.Index(fields=["learner", "stage", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course or self.programme} ({self.stage}, {self.cycle})"


class SelfRating(models.Model):
    """The level a learner gave themselves in one skill in one self-assessment."""

    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("self-assessment")
    )
    # Ratings are history: a skill that has been rated cannot be deleted from the framework.
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="self_ratings", verbose_name=_("skill"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Proficiency.choices, validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("self-rating")
        verbose_name_plural = _("self-ratings")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "skill"], name="unique_self_rating"),
            models.CheckConstraint(condition=LEVEL_RANGE, name="self_rating_level_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.skill}: {self.level}"
