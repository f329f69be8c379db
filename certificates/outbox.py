"""Publishing the certificate outbox: the pending row written with the completion is sent to the
broker after commit, and a sweep sends again what no worker has (docs/certificates.md)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone

from common.publishing import publish

from .models import Certificate

logger = logging.getLogger(__name__)

# Certificates per issuing task when many are published at once (the sweep, a bulk re-issue).
PUBLISH_BATCH_SIZE = 20
# A pending certificate with no message known to be queued for it is published again once it is this old
# (its first publish failed, or the worker that took its message died): a few sweeps, not minutes.
UNQUEUED_GRACE = datetime.timedelta(seconds=10)


def mark_enqueued(*, certificate_ids: Sequence[int]) -> None:
    Certificate.objects.filter(id__in=certificate_ids).update(enqueued_at=timezone.now())


def stale_pending_certificate_ids(*, older_than: datetime.timedelta, limit: int = 500) -> list[int]:
    """Pending certificates nobody is working on and no message is known to wait for: never enqueued
    (or taken by a worker that died: claiming clears ``enqueued_at``), or enqueued longer ago than
    ``older_than``; and not leased, or leased by a worker that did not finish in time."""
    now = timezone.now()
    cutoff = now - older_than
    return list(
        Certificate.objects.filter(status=Certificate.Status.PENDING, created_at__lt=now - UNQUEUED_GRACE)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("created_at")
        .values_list("id", flat=True)[:limit]
    )


def publish_batch(*, certificate_ids: Sequence[int]) -> bool:
    """Enqueue one issuing task for a batch of certificates and note when; never raises (the sweep
    publishes again what the broker did not take)."""
    ids = list(certificate_ids)
    if not ids:
        return True
    if len(ids) == 1:
        published = publish("certificates.tasks.issue_certificate_task", ids[0])
    else:
        published = publish("certificates.tasks.issue_certificates_task", ids)
    if published:
        mark_enqueued(certificate_ids=ids)
    return published


def publish_issue(*, certificate_id: int) -> bool:
    """Enqueue the issuing of one certificate; never raises."""
    return publish_batch(certificate_ids=[certificate_id])


def republish_stale_pending(*, older_than: datetime.timedelta) -> int:
    """The outbox sweep: publish again, in batches, certificates left pending (broker down, lost
    message, killed worker); returns how many were re-enqueued."""
    stale = stale_pending_certificate_ids(older_than=older_than)
    published = 0
    for start in range(0, len(stale), PUBLISH_BATCH_SIZE):
        batch = stale[start : start + PUBLISH_BATCH_SIZE]
        if publish_batch(certificate_ids=batch):
            published += len(batch)
    if stale:
        logger.info("Certificate sweep: %s pending, %s re-enqueued", len(stale), published)
    return published
