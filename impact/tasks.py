"""Celery tasks of the impact app: the nightly open-data publication (scheduled in CELERY_BEAT_SCHEDULE).

The task's ``name`` is the one Celery generated before names were declared, so queued messages still find it.
"""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from . import services


@shared_task(
    name="impact.tasks.publish_open_data_task",
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=30,
    max_retries=5,
)
def publish_open_data_task() -> int:
    """Publish today's snapshot; running it twice leaves one snapshot for the day. Returns its id."""
    return services.publish_open_data().pk
