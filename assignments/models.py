"""Mandatory training: who must complete which course by when, and the reminders sent about it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrolment
from courses.status import LearningStatus
from people.models import Employee, OrgUnit


class Assignment(models.Model):
    """HR makes a course mandatory for an organisation subtree (optionally only some grades or job
    titles) or for chosen employees, with an absolute or relative due date."""

    class DueRule(models.TextChoices):
        ON_DATE = "on_date", _("On a fixed date")
        AFTER_ASSIGNMENT = "after_assignment", _("Days after being assigned")
        AFTER_HIRE = "after_hire", _("Days after the hire date")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        CANCELLED = "cancelled", _("Cancelled")

    # What is assigned: a course, or a whole programme (its courses follow as their prerequisites are met).
    course = models.ForeignKey(
        CoursePage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("course"),
    )
    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("programme"),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("organisation unit"),
        help_text=_("Everyone in this unit and the units below it."),
    )
    grades = models.JSONField(_("grades"), default=list, blank=True)
    job_titles = models.JSONField(_("job titles"), default=list, blank=True)
    employees = models.ManyToManyField(
        Employee, blank=True, related_name="individual_assignments", verbose_name=_("chosen employees")
    )
    due_rule = models.CharField(_("due date rule"), max_length=20, choices=DueRule.choices)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    due_days = models.PositiveSmallIntegerField(
        _("days to complete"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Materialisation progress, shown in the admin while the worker enrols a large unit.
    people_total = models.PositiveIntegerField(_("people covered"), default=0)
    people_done = models.PositiveIntegerField(_("people enrolled"), default=0)
    synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=False, programme__isnull=True)
                | Q(course__isnull=True, programme__isnull=False),
                name="assignment_course_or_programme",
            ),
            models.CheckConstraint(
                condition=Q(due_rule="on_date", due_on__isnull=False)
                | Q(~Q(due_rule="on_date"), due_days__isnull=False),
                name="assignment_due_rule_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learning_page} ({self.pk})"

    @property
    def learning_page(self):
        """The course or programme assigned."""
        return self.course if self.course_id else self.programme


class AssignmentMember(models.Model):
    """One employee covered by an assignment. It outlives the coverage: when they move out of the
    unit or leave, ``ended_at`` is set and the row (with its enrolment) stays as history."""

    # Not a column: what ``selectors.member_statuses`` found for the assignment's detail page.
    learning_status: LearningStatus | None

    class EndReason(models.TextChoices):
        MOVED = "moved", _("Moved out of the assigned unit")
        LEFT = "left", _("Left the organisation")
        CANCELLED = "cancelled", _("Assignment cancelled")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="members")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="assignment_memberships")
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignment_members"
    )
    programme_enrolment = models.ForeignKey(
        "programmes.ProgrammeEnrolment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignment_members",
    )
    due_date = models.DateField(_("due date"))
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    ended_at = models.DateTimeField(_("no longer covered"), null=True, blank=True)
    end_reason = models.CharField(_("why"), max_length=16, choices=EndReason.choices, blank=True)

    class Meta:
        verbose_name = _("assigned employee")
        verbose_name_plural = _("assigned employees")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "employee"], name="unique_assignment_member"),
        ]
        indexes = [models.Index(fields=["employee", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.employee} – {self.assignment}"


class CalendarFeed(models.Model):
    """A person's secret calendar address: their due dates as an iCalendar feed any calendar app can
    subscribe to without signing in. Revoking deletes the row, so the old address stops working; a new
    one gets a new token."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
