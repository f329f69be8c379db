"""Fixtures for the certificate tests: a template, completed courses, and Celery set up per test."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from certificates.models import Certificate, CertificateTemplate
from certificates.services import DEFAULT_WORDING
from courses import services as course_services
from courses.models import ModulePage
from tests.brokers import broker, broker_down
from tests.factories import translate

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


@pytest.fixture
def bilingual_course(catalogue_en, course):
    """The Arabic course with its English translation."""
    translate(course, "en", title="Digital Transformation", slug="digital-transformation")
    return course


def complete_course(learner, course) -> None:
    course_services.enrol(learner=learner, course=course)
    for module in ModulePage.objects.child_of(course).live():
        course_services.complete_module(learner=learner, module=module)


@pytest.fixture
def issued_certificate(
    learner, bilingual_course, certificate_template, eager_celery, django_capture_on_commit_callbacks
) -> Certificate:
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, bilingual_course)
    return Certificate.objects.get(holder=learner)


def files_of(certificate: Certificate) -> list[Path]:
    """Every file in the private storage for this certificate, temporary ones included."""
    root = Path(settings.PRIVATE_STORAGE_ROOT)
    return sorted(path for path in root.rglob(f"{certificate.code}*") if path.is_file())
