"""Listens to courses: a completed enrolment gets its pending certificate in the same transaction."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from . import services


def create_certificate_on_completion(sender, enrolment, **kwargs) -> None:
    """Write the outbox row now (it commits or rolls back with the completion); publish after commit."""
    from .tasks import publish_issue

    certificate = services.create_pending_certificate(enrolment=enrolment)
    transaction.on_commit(partial(publish_issue, certificate.id))
