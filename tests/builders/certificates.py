"""Certificates in tests: a default template, the broker each test publishes to, a certificate's files.

`private_broker` is autouse where a conftest imports it (certificates, programmes): a test that
really commits then never publishes into the developer's own queue.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from certificates.models import Certificate, CertificateTemplate
from certificates.services import DEFAULT_WORDING
from lms.celery import app as celery_app

_TEST_BROKER_FOLDER = Path(tempfile.mkdtemp(prefix="qudra-test-broker-"))


def _reset_broker_connections() -> None:
    # Celery caches its connection and producer pools; after changing the broker they must go.
    celery_app._pool = None
    celery_app.__dict__.get("amqp") and setattr(celery_app.amqp, "_producer_pool", None)


@contextmanager
def broker(url: str, transport_options: dict):
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


@pytest.fixture(autouse=True)
def private_broker():
    """Never publish test messages into the developer's own queue (var/celery-broker)."""
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        yield
        return
    folder = _TEST_BROKER_FOLDER
    for name in ("queue", "control"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "control_folder": str(folder / "control"),
    }
    with broker("filesystem://", options):
        yield


@pytest.fixture
def dead_broker():
    """A Redis URL on a port where nothing listens: publishing fails at once."""
    with broker("redis://127.0.0.1:1/0", {"socket_connect_timeout": 1, "socket_timeout": 1, "max_retries": 1}):
        yield


@pytest.fixture
def certificate_template(db) -> CertificateTemplate:
    return CertificateTemplate.objects.create(
        name="Standard",
        is_default=True,
        signatory_name_ar="خالد أحمد الهنائي",
        signatory_name_en="Khalid Ahmed Al-Hinai",
        signatory_title_ar="مدير البرنامج",
        signatory_title_en="Programme Director",
        **DEFAULT_WORDING,
    )


def files_of(certificate: Certificate) -> list[Path]:
    """Every file in the private storage for this certificate, temporary ones included."""
    root = Path(settings.PRIVATE_STORAGE_ROOT)
    return sorted(path for path in root.rglob(f"{certificate.code}*") if path.is_file())
