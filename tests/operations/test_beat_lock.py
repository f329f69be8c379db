"""Beat started on two nodes sends each scheduled task once; when the sender stops, the other takes over."""

from __future__ import annotations

import time
import uuid

import pytest
import redis
from django.conf import settings

from lms.beat import SingleBeatScheduler
from lms.celery import app as celery_app
from tests.conftest import requires_postgres, requires_redis

pytestmark = [requires_postgres, requires_redis]


def _run(schedulers, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for scheduler in schedulers:
            scheduler.tick()
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_beats_send_each_entry_once_and_the_second_takes_over(tmp_path, monkeypatch):
    queue = f"beat-probe-{uuid.uuid4().hex}"
    probe = {"probe": {"task": "qudra.beat_probe", "schedule": 0.3, "options": {"queue": queue}}}
    saved, celery_app.conf.beat_schedule = celery_app.conf.beat_schedule, probe
    monkeypatch.setattr(settings, "QUDRA_BEAT_LOCK_RETRY_SECONDS", 0.05)
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    first = SingleBeatScheduler(app=celery_app, schedule_filename=str(tmp_path / "first"))
    second = SingleBeatScheduler(app=celery_app, schedule_filename=str(tmp_path / "second"))
    try:
        _run([first, second], 1.5)
        assert first.is_leader and not second.is_leader
        sent_by_first = first.schedule["probe"].total_run_count
        assert sent_by_first >= 2 and second.schedule["probe"].total_run_count == 0
        assert broker.llen(queue) == sent_by_first

        first.close()  # the node stops: its session, and the lock, end with it
        _run([second], 1.5)
        assert second.is_leader and second.schedule["probe"].total_run_count >= 2
        assert broker.llen(queue) == sent_by_first + second.schedule["probe"].total_run_count
    finally:
        first.close()
        second.close()
        broker.delete(queue)
        celery_app.conf.beat_schedule = saved
