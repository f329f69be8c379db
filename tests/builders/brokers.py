"""Pointing the Celery app at another broker for a test: a private queue, or one that is down."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from lms.celery import app as celery_app


def _reset_broker_connections() -> None:
    # Celery caches its connection and producer pools; after changing the broker they must go.
    celery_app._pool = None
    celery_app.__dict__.get("amqp") and setattr(celery_app.amqp, "_producer_pool", None)


@contextmanager
def broker(url: str, transport_options: dict) -> Iterator[None]:
    # Celery resolves broker_read_url/broker_write_url from broker_url once; all three must change.
    keys = ("broker_url", "broker_read_url", "broker_write_url", "broker_transport_options")
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        broker_url=url, broker_read_url=url, broker_write_url=url, broker_transport_options=transport_options
    )
    _reset_broker_connections()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        _reset_broker_connections()


@contextmanager
def broker_down() -> Iterator[None]:
    """A Redis URL on a port where nothing listens: publishing fails at once."""
    with broker("redis://127.0.0.1:1/0", {"socket_connect_timeout": 1, "socket_timeout": 1, "max_retries": 1}):
        yield
