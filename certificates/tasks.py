"""Celery tasks of the certificate pipeline: issue (render and store), one or a batch, and the pending sweep.

Tasks take ids and call one service; they are safe to run twice because the services only act on
certificates that are still pending and not leased to another worker. Each task's ``name`` is the
one Celery generated before names were declared, so messages already queued still find their task;
services publish by these names (``common.publishing``).
"""

from __future__ import annotations

import datetime
import logging
import uuid

from celery import shared_task
from celery.signals import worker_process_init, worker_ready
from django.conf import settings
from django.db import DatabaseError

from . import outbox, services
from .rendering import check_harfbuzz_subsetting, get_renderer

logger = logging.getLogger(__name__)

ISSUE_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError, OSError),
    # A database that comes back is used within half a minute; 40 tries cover an outage of about
    # 20 minutes, and the sweep takes over after that.
    "retry_backoff": 2,
    "retry_backoff_max": 30,
    "retry_jitter": True,
    "max_retries": 40,
}


def _lease_token(task) -> uuid.UUID | None:
    """The task's id as the render lease: its retries and redeliveries keep the same id, and so the lease."""
    try:
        return uuid.UUID(str(task.request.id))
    except ValueError:
        return None


@shared_task(name="certificates.tasks.issue_certificate_task", **ISSUE_OPTIONS)
def issue_certificate_task(self, certificate_id: int) -> None:
    services.issue_certificates(certificate_ids=[certificate_id], lease_token=_lease_token(self))


@shared_task(name="certificates.tasks.issue_certificates_task", **ISSUE_OPTIONS)
def issue_certificates_task(self, certificate_ids: list[int]) -> None:
    """A batch of certificates rendered one after another by one warm renderer (bulk re-issue, sweep)."""
    services.issue_certificates(certificate_ids=certificate_ids, lease_token=_lease_token(self))


@shared_task(name="certificates.tasks.sweep_pending_certificates_task", acks_late=True, ignore_result=True)
def sweep_pending_certificates_task() -> int:
    """Re-publish certificates nobody is working on, and remove the files of interrupted renders;
    returns how many certificates were published."""
    grace = datetime.timedelta(seconds=settings.CERTIFICATES_PENDING_GRACE_SECONDS)
    services.remove_stale_temporary_files()
    return outbox.republish_stale_pending(older_than=grace)


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
