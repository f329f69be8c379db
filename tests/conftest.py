"""Shared fixtures: a bilingual catalogue as the site's home, courses, learners."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

from lms.celery import app as celery_app
from tests.factories import EmployeeFactory, UserFactory, add_catalogue, add_course, translate


def pytest_sessionstart(session):
    """The browser checks' reports start empty each run, cleared once: by the controller under xdist."""
    if hasattr(session.config, "workerinput"):
        return
    artifacts = Path(settings.BASE_DIR) / "test-artifacts" / "browser"
    artifacts.mkdir(parents=True, exist_ok=True)
    for name in ("axe.txt", "pages.txt"):
        (artifacts / name).unlink(missing_ok=True)


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("ar", "en")}


@pytest.fixture
def catalogue(locales):
    """The Arabic catalogue as the default site's root (translated by `catalogue_en`)."""
    return add_catalogue()


@pytest.fixture
def catalogue_en(catalogue):
    return translate(catalogue, "en", title="Courses", slug="courses-en")


@pytest.fixture
def course(catalogue):
    """A published Arabic course with three modules, no quiz."""
    return add_course(catalogue, title="التحول الرقمي", modules=3)


@pytest.fixture
def learner(db):
    return EmployeeFactory(user=UserFactory(username="learner")).user


@pytest.fixture
def other_learner(db):
    return EmployeeFactory(user=UserFactory(username="other")).user


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def eager_celery():
    """Tasks run in-process when published: the real task code, without a worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield celery_app
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


requires_postgres = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL row locks and real concurrent transactions; set DATABASE_URL to run it",
)


requires_redis = pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
    reason="needs a real broker: set CELERY_BROKER_URL=redis://... (CI does) to run a Celery worker against it",
)


@pytest.fixture
def celery_worker_thread():
    """A real Celery worker (thread pool) consuming the Redis broker while the test runs.

    Use with ``requires_redis`` and a transactional database: the worker reads only committed rows.
    """
    from celery.contrib.testing.worker import start_worker

    from lms.celery import app

    app.control.purge()  # messages left by other tests refer to rows that no longer exist
    with start_worker(
        app,
        pool="threads",
        concurrency=1,
        perform_ping_check=False,
        shutdown_timeout=10,
        queues=list(settings.QUDRA_TASK_QUEUES),  # one worker for every queue, as `make run` starts it
    ):
        yield app
