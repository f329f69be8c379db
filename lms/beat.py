"""Celery beat on every node, the schedule sent once: a PostgreSQL advisory lock elects the sender.

Each beat process tries to take a session-level advisory lock on a connection of its own. The holder
sends the scheduled tasks; the others tick without sending and try again every
QUDRA_BEAT_LOCK_RETRY_SECONDS. A holder that stops, crashes or loses its connection (a database
restart) loses the lock with its session, and a standby takes over within that delay. A takeover may
send an entry the old holder had just sent: every scheduled task is safe to run twice
(docs/architecture.md, "Publishing work to Celery"). On SQLite (one machine) there is nothing to elect.
"""

from __future__ import annotations

import logging
from typing import Any

from celery.beat import PersistentScheduler
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

# Any constant of our own, distinct from the other advisory locks (courses.services).
BEAT_LOCK = 0x5155_4452_4245  # "QUDRBE"


class SingleBeatScheduler(PersistentScheduler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._lock_connection: Any = None
        super().__init__(*args, **kwargs)

    @property
    def is_leader(self) -> bool:
        return self._holds_lock()

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if not self._holds_lock():
            return settings.QUDRA_BEAT_LOCK_RETRY_SECONDS
        return super().tick(*args, **kwargs)

    def close(self) -> None:
        super().close()
        self._release()

    def _holds_lock(self) -> bool:
        database = connections[DEFAULT_DB_ALIAS]
        if database.vendor != "postgresql":
            return True
        try:
            if self._lock_connection is not None:
                self._lock_connection.execute("SELECT 1")  # still our session, so still our lock
                return True
            connection = database.get_new_connection(database.get_connection_params())
            connection.autocommit = True
            (taken,) = connection.execute("SELECT pg_try_advisory_lock(%s)", [BEAT_LOCK]).fetchone()
        except Exception:  # noqa: BLE001  (the database is away: send nothing, try again later)
            logger.warning("Beat: the database did not answer; not sending the schedule")
            self._release()
            return False
        if not taken:
            connection.close()
            return False
        logger.info("Beat: this node now sends the schedule")
        self._lock_connection = connection
        return True

    def _release(self) -> None:
        if self._lock_connection is not None:
            try:
                self._lock_connection.close()
            except Exception:  # noqa: BLE001  (already gone, and the lock with it)
                logger.debug("Beat: lock connection already closed")
            self._lock_connection = None
