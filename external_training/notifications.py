"""The two notifications a learner gets about external training: approved, or rejected with the reason."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind
from notifications.services import notification_for, save_notifications

from .models import ExternalTraining

APPROVED = "external_approved"
REJECTED = "external_rejected"


def register_kinds() -> None:
    register_kind(APPROVED, label=_("External training"), templates="external_training/email/approved")
    register_kind(REJECTED, label=_("External training"), templates="external_training/email/rejected")


def notify_decision(*, record: ExternalTraining) -> int:
    """One notification per record's decision (the stage is unique per recipient, so a retry adds none)."""
    approved = record.status == ExternalTraining.Status.APPROVED
    return save_notifications(
        notifications=[
            notification_for(
                recipient=record.learner,
                kind=APPROVED if approved else REJECTED,
                stage=f"external-{record.pk}",
                # The facts themselves, so the message still reads right after a rejected record is withdrawn.
                params={
                    "record": record.pk,
                    "title": record.title,
                    "provider": record.provider,
                    "reason": record.reason,
                },
                link=reverse("external_training:mine"),
            )
        ]
    )
