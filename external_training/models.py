"""Training a civil servant did elsewhere (another institute, a conference, a vendor's course), recorded by
the learner with evidence and counted in their transcript once HR in their organisation approves it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.storage import private_storage


class ExternalTraining(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_training", verbose_name=_("learner")
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    started_on = models.DateField(_("start date"))
    completed_on = models.DateField(_("end date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    # Stored under a random name in private storage; served only by the checked evidence view.
    evidence = models.FileField(_("evidence"), storage=private_storage, max_length=255)
    evidence_name = models.CharField(_("evidence file name"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("external training record")
        verbose_name_plural = _("external training records")
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__gte=models.F("started_on")), name="external_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="external_hours_positive"),
            # A decision always names who made it, and a refusal always says why.
            models.CheckConstraint(
                condition=Q(status="pending") | Q(reviewed_at__isnull=False),
                name="external_review_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""), name="external_rejection_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "status"], name="external_learner_status_idx"),
            models.Index(fields=["status", "submitted_at"], name="external_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
