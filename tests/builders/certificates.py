"""Certificates in tests: a default template, the broker each test publishes to, a certificate's files.

`private_broker` is autouse where a conftest imports it (certificates, programmes): a test that
really commits then never publishes into the developer's own queue.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from certificates.models import Certificate, CertificateTemplate
from certificates.services import DEFAULT_WORDING
from tests.builders.brokers import broker, broker_down

_TEST_BROKER_FOLDER = Path(tempfile.mkdtemp(prefix="qudra-test-broker-"))


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
    """Publishing fails at once: the broker is on a port where nothing listens."""
    with broker_down():
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
