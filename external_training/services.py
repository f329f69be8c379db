"""Recording training done elsewhere, withdrawing it, and HR's decision (which tells the learner)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import evidence
from .models import ExternalTraining
from .notifications import notify_decision


class ReviewRefused(Exception):
    """A decision that cannot be taken; the message says why, in the reader's language."""


def record_training(
    *,
    learner: User,
    title: str,
    provider: str,
    started_on: datetime.date,
    completed_on: datetime.date,
    hours: Decimal,
    upload: UploadedFile,
    kind: str,
) -> ExternalTraining:
    """Store the evidence, then the record; if the record cannot be saved the file is removed again, so
    nothing is left half-written."""
    record = ExternalTraining(
        learner=learner,
        title=title,
        provider=provider,
        started_on=started_on,
        completed_on=completed_on,
        hours=hours,
        evidence_name=evidence.display_name(upload, kind),
    )
    record.evidence.save(evidence.stored_name(kind), upload, save=False)
    try:
        record.save()
    except Exception:
        record.evidence.delete(save=False)
        raise
    return record


def withdraw_training(*, learner: User, record_id: int) -> bool:
    """The learner removes a record of theirs that is not approved; the file goes once the row has gone."""
    with transaction.atomic():
        record = (
            ExternalTraining.objects.select_for_update()
            .filter(learner=learner, pk=record_id)
            .exclude(status=ExternalTraining.Status.APPROVED)
            .first()
        )
        if record is None:
            return False
        name, storage = record.evidence.name or "", record.evidence.storage
        record.delete()
        transaction.on_commit(lambda: storage.delete(name))
    return True


def review_training(*, record: ExternalTraining, reviewer: User, approve: bool, reason: str = "") -> ExternalTraining:
    """Approve or reject a pending record, once: the row is locked, so two officers deciding at the same
    moment give one decision and one clear refusal. The learner is notified in the same transaction."""
    if record.learner_id == reviewer.pk:
        raise ReviewRefused(_("You cannot review your own training record."))
    if not approve and not reason.strip():
        raise ReviewRefused(_("Say why the record is rejected: the learner reads it."))
    with transaction.atomic():
        locked = ExternalTraining.objects.select_for_update().get(pk=record.pk)
        if locked.status != ExternalTraining.Status.PENDING:
            raise ReviewRefused(_("This record has already been reviewed."))
        locked.status = ExternalTraining.Status.APPROVED if approve else ExternalTraining.Status.REJECTED
        locked.reviewed_by = reviewer
        locked.reviewed_at = timezone.now()
        locked.reason = reason.strip()
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "reason"])
        notify_decision(record=locked)
    return locked
