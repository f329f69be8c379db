"""The test suite: SQLite by default, PostgreSQL and Redis when DATABASE_URL / CELERY_BROKER_URL are set."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_tmp = Path(tempfile.mkdtemp(prefix="qudra-test-"))
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir()
MEDIA_ROOT = _tmp / "media"
PRIVATE_STORAGE_ROOT = _tmp / "private"
STORAGES = {
    **storages_setting(private_root=PRIVATE_STORAGE_ROOT),  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks published during tests go to the configured broker; most tests run them eagerly via on_commit.
CELERY_TASK_ALWAYS_EAGER = False
# Under pytest-xdist each process has its own test database, so it needs its own broker too: a worker thread of one
# process would otherwise take the other's tasks (for rows its database lacks) and its purge would drop them. Celery
# reads the environment variable before the setting, and worker subprocesses inherit it: both are set. The marker
# keeps a subprocess from moving it again, and leaves alone the broker a test hands its own worker.
_xdist_process = os.environ.get("PYTEST_XDIST_WORKER", "")
_moved = os.environ.get("QUDRA_TEST_BROKER_MOVED_FOR") == _xdist_process
if _xdist_process.startswith("gw") and not _moved and CELERY_BROKER_URL.startswith("redis://"):  # noqa: F405
    _broker = urlsplit(CELERY_BROKER_URL)  # noqa: F405
    _database = (int(_broker.path.strip("/") or 0) + 1 + int(_xdist_process[2:])) % 16
    CELERY_BROKER_URL = urlunsplit(_broker._replace(path=f"/{_database}"))
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
    os.environ["QUDRA_TEST_BROKER_MOVED_FOR"] = _xdist_process
# Tests that really commit publish to the broker: keep the filesystem queue out of the developer's var/.
if CELERY_BROKER_URL.startswith("filesystem://"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_tmp / "broker" / "queue"),
        "data_folder_out": str(_tmp / "broker" / "queue"),
        "control_folder": str(_tmp / "broker" / "control"),
    }
    for _folder in ("queue", "control"):
        (_tmp / "broker" / _folder).mkdir(parents=True, exist_ok=True)
