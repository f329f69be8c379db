"""External training is tested in the two-ministry HR world (tests/builders/hr_world.py): a learner of
ministry A records training; HR of A reviews it; HR of B must not see it at all."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from external_training import services
from external_training.models import ExternalTraining
from tests.builders.hr_world import (  # noqa: F401  (fixtures)
    administrator,
    hr_a,
    hr_b,
    hr_client,
    world,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PAGE = "/{language}/learning/external-training/"


def evidence(name: str = "certificate.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form(**fields) -> dict:
    ended = timezone.localdate() - datetime.timedelta(days=3)
    return {
        "title": "Cloud fundamentals",
        "provider": "Oman Institute of Technology",
        "started_on": (ended - datetime.timedelta(days=2)).isoformat(),
        "completed_on": ended.isoformat(),
        "hours": "12.5",
        "evidence": evidence(),
        **fields,
    }


def recorded(employee, *, title: str = "Cloud fundamentals", hours: str = "12.5") -> ExternalTraining:
    ended = timezone.localdate() - datetime.timedelta(days=3)
    return services.record_training(
        learner=employee.user,
        title=title,
        provider="Oman Institute of Technology",
        started_on=ended - datetime.timedelta(days=2),
        completed_on=ended,
        hours=Decimal(hours),
        upload=evidence(),
        kind="pdf",
    )
