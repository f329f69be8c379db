"""A message to one person, stored language-neutral: its kind and the facts it reports, never its text.

The text is written when it is read, in the reader's language (``notifications.kinds``), so a learner
who switches to English reads their notifications in English, dates included.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment


class Notification(models.Model):
    """Shown in the app and e-mailed. The unique constraints make each stage (a reminder, a digest week,
    a certificate) happen at most once, however often beat fires or a worker retries."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # One of the kinds registered in notifications.kinds (assignments and certificates register theirs).
    kind = models.CharField(_("kind"), max_length=24)
    # Which one this is, e.g. "due-14", "overdue", "renewal", "digest-2026-11-22" or "certificate-12".
    stage = models.CharField(_("stage"), max_length=32)
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    # The facts the message reports (dates as ISO strings, ids, counts), read by the kind's renderer.
    params = models.JSONField(_("details"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "stage"], condition=Q(enrolment__isnull=False), name="one_reminder_per_stage"
            ),
            models.UniqueConstraint(
                fields=["recipient", "stage"], condition=Q(enrolment__isnull=True), name="one_digest_per_stage"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.stage}"
