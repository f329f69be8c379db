"""Scheduled publishing: a course approved with a go-live time goes live once it has passed, and one
with an expiry comes down; beat runs it every minute, one run at a time."""

from __future__ import annotations

import datetime
import threading

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.utils import timezone

from courses import services, tasks
from courses.models import CoursePage
from tests.conftest import requires_postgres
from tests.factories import add_course


def _scheduled(course: CoursePage, **times: datetime.datetime) -> CoursePage:
    for name, value in times.items():
        setattr(course, name, value)
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def test_beat_runs_scheduled_publishing_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["courses-publish-scheduled"]
    assert entry["task"] == tasks.publish_scheduled_task.name and entry["schedule"] == 60.0


def test_a_course_approved_to_go_live_tomorrow_goes_live_then(catalogue, client):
    course = add_course(catalogue, title="Data ethics", modules=1)
    course.unpublish()
    go_live = timezone.now() + datetime.timedelta(days=1)
    course = _scheduled(course, go_live_at=go_live)
    assert not course.live and course.approved_schedule
    assert client.get(course.url).status_code == 404

    tasks.publish_scheduled_task.apply()
    assert not CoursePage.objects.get(pk=course.pk).live  # not yet

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        tasks.publish_scheduled_task.apply()
    course = CoursePage.objects.get(pk=course.pk)
    assert course.live and not course.approved_schedule
    assert client.get(course.url).status_code == 200


def test_a_course_with_an_expiry_comes_down_when_it_passes(catalogue, client):
    course = add_course(catalogue, title="Budget season", modules=1)
    expiry = timezone.now() + datetime.timedelta(hours=1)
    course = _scheduled(course, expire_at=expiry)
    assert course.live

    with time_machine.travel(expiry + datetime.timedelta(minutes=1), tick=False):
        tasks.publish_scheduled_task.apply()
    course = CoursePage.objects.get(pk=course.pk)
    assert not course.live and course.expired
    assert client.get(course.url).status_code == 404


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_while_another_holds_the_lock_publishes_nothing(catalogue):
    course = add_course(catalogue, title="Held back", modules=1)
    course.unpublish()
    course = _scheduled(course, go_live_at=timezone.now() + datetime.timedelta(minutes=5))
    held, release = threading.Event(), threading.Event()

    def other_run() -> None:
        # Another beat node mid-run: it holds the lock in its own session.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [services.SCHEDULED_PUBLISHING_LOCK])
            held.set()
            release.wait(timeout=30)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [services.SCHEDULED_PUBLISHING_LOCK])
        connection.close()

    thread = threading.Thread(target=other_run)
    thread.start()
    try:
        assert held.wait(timeout=30)
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10), tick=False):
            assert services.publish_scheduled() is False
            assert not CoursePage.objects.get(pk=course.pk).live
    finally:
        release.set()
        thread.join(timeout=30)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10), tick=False):
        assert services.publish_scheduled() is True
    assert CoursePage.objects.get(pk=course.pk).live
