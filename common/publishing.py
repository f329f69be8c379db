"""The one way to publish a Celery task: after commit, with a short broker timeout, never raising.

Every job that waits on a message is also recorded in the database (a pending certificate, an
unsent e-mail, a pending export) and has a periodic sweep that publishes it again. So a broker that
is down delays the work; it must never turn a learner's or an officer's request into a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)

# Fail fast when the broker is down: the sweep re-publishes, a request must not wait for the broker.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def publish(task: Task, *args: Any) -> bool:
    """Enqueue ``task(*args)`` now; returns whether the broker took it. Never raises."""
    try:
        task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception:  # any broker failure: kombu's OperationalError, a socket error, a timeout...
        logger.exception("Could not enqueue %s%r; the periodic sweep will publish it", task.name, args)
        return False
    return True


def publish_on_commit(task: Task, *args: Any) -> None:
    """Enqueue ``task(*args)`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: publish(task, *args))
