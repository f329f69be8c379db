"""Listens to courses and programmes: a completion gets its pending certificate in the same transaction."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from . import outbox, services


def create_certificate_on_completion(sender, enrolment, **kwargs) -> None:
    """Write the outbox row now (it commits or rolls back with the completion); publish after commit."""
    certificate = services.create_pending_certificate(enrolment=enrolment)
    transaction.on_commit(partial(outbox.publish_issue, certificate_id=certificate.id))


def create_certificate_on_programme_completion(sender, programme_enrolment, **kwargs) -> None:
    """The same outbox for a completed programme: the row commits with the completion, publishing waits."""
    certificate = services.create_pending_programme_certificate(programme_enrolment=programme_enrolment)
    transaction.on_commit(partial(outbox.publish_issue, certificate_id=certificate.id))
