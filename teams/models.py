"""A line manager's reminders to the people in their team: at most one per person, course and day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from people.models import Employee


class TeamReminder(models.Model):
    """One "Remind" of one person about one course on one day. The unique constraint, not a cache, is
    what stops a second click (or two managers clicking at once) from sending a second notification."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="team_reminders", verbose_name=_("employee")
    )
    # The source-language course, as the enrolment records it.
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="team_reminders", verbose_name=_("course")
    )
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("sent by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("team reminder")
        verbose_name_plural = _("team reminders")
        constraints = [
            models.UniqueConstraint(fields=["employee", "course", "sent_on"], name="one_team_reminder_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.course_id} ({self.sent_on})"
