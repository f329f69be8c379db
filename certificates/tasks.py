"""Celery tasks of the certificate pipeline: issue (render and store), the pending sweep and bulk re-issue.

Tasks take ids, re-read the rows and call one service; they are safe to run twice because the
services only act on certificates that are still pending and not leased to another worker.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence

from celery import shared_task
from celery.signals import worker_process_init, worker_ready
from django.conf import settings
from django.db import DatabaseError

from common.publishing import publish

from . import services
from .rendering import check_harfbuzz_subsetting, get_renderer

logger = logging.getLogger(__name__)

BATCH_SIZE = 20


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def issue_certificate_task(self, certificate_id: int) -> None:
    services.issue_certificate(certificate_id=certificate_id)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def issue_certificates_task(self, certificate_ids: list[int]) -> None:
    """A batch of certificates rendered one after another by one warm renderer (bulk re-issue)."""
    services.issue_certificates(certificate_ids=certificate_ids)


@shared_task(acks_late=True, ignore_result=True)
def sweep_pending_certificates_task() -> int:
    """Re-publish certificates left pending longer than the grace period; returns how many."""
    grace = datetime.timedelta(seconds=settings.CERTIFICATES_PENDING_GRACE_SECONDS)
    stale = services.stale_pending_certificate_ids(older_than=grace)
    published = 0
    for start in range(0, len(stale), BATCH_SIZE):
        batch = stale[start : start + BATCH_SIZE]
        if publish_batch(batch):
            published += len(batch)
    if stale:
        logger.info("Certificate sweep: %s pending, %s re-enqueued", len(stale), published)
    return published


def publish_issue(certificate_id: int) -> bool:
    """Enqueue the issuing of one certificate; never raises (the sweep retries what fails)."""
    return publish_batch([certificate_id])


def publish_batch(certificate_ids: Sequence[int]) -> bool:
    """Enqueue one task for a batch of certificates; never raises."""
    ids = list(certificate_ids)
    if not ids:
        return True
    published = publish(issue_certificate_task, ids[0]) if len(ids) == 1 else publish(issue_certificates_task, ids)
    if published:
        services.mark_enqueued(certificate_ids=ids)
    return published


@worker_ready.connect
def _check_renderer_on_worker_start(**kwargs) -> None:
    check_harfbuzz_subsetting()


@worker_process_init.connect
def _warm_renderer(**kwargs) -> None:
    # Each prefork child loads the fonts and parses the stylesheet once, before its first task,
    # so the first learner's certificate is not the slow one.
    try:
        get_renderer()
    except Exception:
        logger.exception("Could not prepare the certificate renderer")
