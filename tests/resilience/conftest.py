"""Fault tests on real services: a Redis of the test's own, a TCP proxy in front of PostgreSQL, real
Celery worker subprocesses (docs/resilience.md)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.builders.brokers import broker
from tests.builders.certificates import certificate_template  # noqa: F401  (fixture)
from tests.builders.services import RedisServer

requires_services = pytest.mark.skipif(
    connection.vendor != "postgresql" or not __import__("shutil").which("redis-server"),
    reason="needs PostgreSQL (DATABASE_URL) and redis-server to stop and start one of the test's own",
)


@pytest.fixture
def own_redis(tmp_path, settings):
    """A Redis of this test's own as cache, rate-limiter store and broker; the test may stop and start it."""
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": settings_redis_cache(server.url)}
    options = {"socket_connect_timeout": 1, "socket_timeout": 2, "max_retries": 1}
    try:
        with broker(server.url, options):
            yield server
    finally:
        server.stop()


def settings_redis_cache(url: str) -> dict:
    from lms.settings.resilience import redis_cache

    return redis_cache(url)
