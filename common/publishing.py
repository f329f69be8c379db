"""The one way to publish a Celery task: after commit, with a short broker timeout, never raising.

Every job that waits on a message is also recorded in the database (a pending certificate, an
unsent e-mail, a pending export) and has a periodic sweep that publishes it again. So a broker that
is down delays the work; it must never turn a learner's or an officer's request into a 500.

Tasks are published by their registered name (each task declares ``name=``), so a service enqueues
work without importing the tasks module that calls it back.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, current_app
from django.db import transaction

logger = logging.getLogger(__name__)

# Fail fast when the broker is down: the sweep re-publishes, a request must not wait for the broker.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def registered_task(name: str) -> Task:
    """The task registered under ``name``; an unknown name is a programming error and raises KeyError."""
    tasks = current_app.tasks
    if name not in tasks:
        # A worker imports every app's tasks module when it starts; a web process only when it first
        # publishes (without the system checks a worker's start-up also runs).
        current_app.autodiscover_tasks(force=True)
    return tasks[name]


def publish(task: str | Task, *args: Any) -> bool:
    """Enqueue the task named ``task`` with ``args`` now; returns whether the broker took it.

    Never raises for a broker failure (an unknown task name is a bug, and does raise).
    """
    task = registered_task(task) if isinstance(task, str) else task
    try:
        task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception:  # any broker failure: kombu's OperationalError, a socket error, a timeout...
        logger.exception("Could not enqueue %s%r; the periodic sweep will publish it", task.name, args)
        return False
    return True


def publish_on_commit(task: str | Task, *args: Any) -> None:
    """Enqueue the task once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: publish(task, *args))
