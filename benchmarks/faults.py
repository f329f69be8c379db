"""Completions under faults (docs/resilience.md): 100 learners complete a course while Redis is down, while
the worker rendering their certificates is SIGKILLed, and while the database connection is cut.

For each fault: answers by status (5xx counted), completions lost, duplicate certificates, and seconds
from the recovery (Redis back, new worker started, database back) until every certificate is issued.
Real services only: a Redis of the benchmark's own, `celery worker --beat` subprocesses, PostgreSQL
through a loopback TCP proxy. Needs DATABASE_URL (PostgreSQL) and redis-server.
"""

from __future__ import annotations

import collections
import os
import time

from benchmarks import support

COMPLETIONS = 100
RECOVERY_TIMEOUT = 240


def _world(tag: str):
    from courses.models import CourseIndexPage
    from tests.factories import EmployeeFactory, UserFactory, add_course

    course = add_course(CourseIndexPage.objects.get(), title=f"دورة {tag}", modules=1)
    learners = [EmployeeFactory(user=UserFactory(username=f"{tag}-{n}")).user for n in range(COMPLETIONS)]
    return course, learners


def _complete_all(course, learners, during=None) -> collections.Counter:
    """Each learner enrols and completes the course through the site; ``during(index)`` injects the fault."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from courses.models import ModulePage

    module = ModulePage.objects.child_of(course).live().first()
    statuses: collections.Counter = collections.Counter()
    clients = []
    for learner in learners:  # signed in before any fault: signing in is not what is measured
        client = Client(raise_request_exception=False)
        client.force_login(learner)
        clients.append(client)
    for index, client in enumerate(clients):
        if during:
            during(index)
        for url in (
            reverse("courses:enrol", args=[course.id]),
            reverse("courses:complete", args=[course.id, module.id]),
        ):
            statuses[client.post(url).status_code] += 1
            connection.close_if_unusable_or_obsolete()  # what the end of a real request does
    return statuses


def _outcome(course, learners, statuses, recovered_at: float) -> dict:
    from certificates.models import Certificate
    from courses.models import Enrolment
    from tests.builders.services import wait_until

    completed = Enrolment.objects.filter(course=course, completed_at__isnull=False).count()
    issued = wait_until(
        lambda: Certificate.objects.filter(enrolment__course=course, status="issued").count() == completed,
        RECOVERY_TIMEOUT,
        interval=0.5,
    )
    certificates = Certificate.objects.filter(enrolment__course=course)
    return {
        "answers": dict(sorted(statuses.items())),
        "answers_5xx": sum(count for status, count in statuses.items() if status >= 500),
        "completed": completed,
        "certificates": certificates.count(),
        "duplicate_certificates": certificates.count() - certificates.values("enrolment").distinct().count(),
        "all_issued": issued,
        "seconds_to_all_issued_after_recovery": round(time.monotonic() - recovered_at, 1),
        "load_average": os.getloadavg(),
    }


def _redis_down(folder) -> dict:
    from django.test import override_settings

    from lms.settings.resilience import redis_cache
    from tests.builders.brokers import broker
    from tests.builders.services import CeleryWorker, RedisServer, wait_until

    course, learners = _world("redis")
    redis = RedisServer(folder)
    redis.start()
    worker = CeleryWorker(redis.url, folder, beat=True)
    caches = {"default": redis_cache(redis.url)}
    try:
        with override_settings(CACHES=caches, ALLOWED_HOSTS=["*"]), broker(redis.url, {"socket_timeout": 2}):
            worker.start()
            wait_until(lambda: "ready" in worker.log.read_text(errors="replace"), 60)
            redis.stop()
            statuses = _complete_all(course, learners)
            redis.start()
            result = _outcome(course, learners, statuses, time.monotonic())
            result["worker_survived"] = worker.alive()
            return result
    finally:
        worker.stop()
        redis.stop()


def _worker_killed(folder) -> dict:
    from django.test import override_settings

    from certificates.models import Certificate
    from tests.builders.brokers import broker
    from tests.builders.services import CeleryWorker, RedisServer, wait_until

    course, learners = _world("killed")
    redis = RedisServer(folder)
    redis.start()
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    first = CeleryWorker(redis.url, folder / "a", pool="solo")
    second = CeleryWorker(redis.url, folder / "b", beat=True)
    try:
        with override_settings(ALLOWED_HOSTS=["*"]), broker(redis.url, {"socket_timeout": 2}):
            statuses = _complete_all(course, learners)
            first.start()
            issued = Certificate.objects.filter(enrolment__course=course, status="issued")
            wait_until(lambda: issued.count() >= COMPLETIONS // 4, 120, interval=0.05)
            first.kill()  # in the middle of the queue, holding a lease
            before_kill = issued.count()
            second.start()
            return _outcome(course, learners, statuses, time.monotonic()) | {"issued_before_kill": before_kill}
    finally:
        first.kill()
        second.stop()
        redis.stop()


def _database_cut(folder) -> dict:
    from django.db import connection
    from django.test import override_settings

    from tests.builders.brokers import broker
    from tests.builders.services import CeleryWorker, RedisServer, TcpProxy

    course, learners = _world("database")
    redis = RedisServer(folder)
    redis.start()
    settings_dict = connection.settings_dict
    saved = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(saved[0] or "127.0.0.1", int(saved[1] or 5432))
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(proxy.port)
    worker = CeleryWorker(redis.url, folder, beat=True)  # its connections go through the proxy too
    restored = [0.0]

    def fault(index: int) -> None:
        if index == COMPLETIONS // 3:
            proxy.cut()
        if index == COMPLETIONS // 3 * 2:
            proxy.restore()
            restored[0] = time.monotonic()

    try:
        with override_settings(ALLOWED_HOSTS=["*"]), broker(redis.url, {"socket_timeout": 2}):
            worker.start()
            statuses = _complete_all(course, learners, during=fault)
            return _outcome(course, learners, statuses, restored[0])
    finally:
        worker.stop()
        proxy.restore()
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = saved
        proxy.close()
        redis.stop()


def run() -> dict:
    from django.db import connection

    from certificates.services import default_template
    from tests.factories import add_catalogue

    if connection.vendor != "postgresql":
        return {"skipped": "needs PostgreSQL (DATABASE_URL)"}
    add_catalogue()
    default_template()
    results: dict[str, object] = {"completions_per_fault": COMPLETIONS}
    for name, fault in (
        ("redis_down", _redis_down),
        ("worker_killed", _worker_killed),
        ("database_cut", _database_cut),
    ):
        folder = support.WORKSPACE / name
        folder.mkdir(parents=True, exist_ok=True)
        results[name] = fault(folder)
    return results
