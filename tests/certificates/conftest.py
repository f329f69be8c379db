"""Fixtures for the certificate tests: a template, completed courses, and Celery set up per test."""

from __future__ import annotations

import pytest

from certificates.models import Certificate
from tests.builders.certificates import (  # noqa: F401  (fixtures)
    certificate_template,
    dead_broker,
    files_of,
    private_broker,
)
from tests.builders.learning import complete_course
from tests.factories import translate


@pytest.fixture
def bilingual_course(catalogue_en, course):
    """The Arabic course with its English translation."""
    translate(course, "en", title="Digital Transformation", slug="digital-transformation")
    return course


@pytest.fixture
def issued_certificate(
    learner,
    bilingual_course,
    certificate_template,  # noqa: F811
    eager_celery,
    django_capture_on_commit_callbacks,
) -> Certificate:
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, bilingual_course)
    return Certificate.objects.get(holder=learner)
