"""Recertification: a new cycle of a course opens before its certificate expires, due on the expiry date."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses import services as course_services
from notifications.services import notification_for, save_notifications

from .models import AssignmentMember
from .notifications import RENEWAL
from .selectors import users_with_employee


def renewal_window() -> datetime.timedelta:
    return datetime.timedelta(days=settings.QUDRA_RENEWAL_DAYS)


def renew_expiring_certifications(*, on: datetime.date | None = None) -> int:
    """Open a new cycle for every current, completed enrolment whose certificate expires within the
    renewal window; the new cycle is due on the expiry date, and the learner is told."""
    on = on or timezone.localdate()
    expiring = Certificate.objects.filter(
        status=Certificate.Status.ISSUED,
        expires_on__isnull=False,
        expires_on__lte=on + renewal_window(),
        enrolment__is_current=True,
        enrolment__completed_at__isnull=False,
        enrolment__learner__is_active=True,
        enrolment__course__live=True,
    ).select_related("enrolment")
    renewed = 0
    for certificate in expiring:
        renewed += _renew(certificate=certificate, on=on)
    return renewed


@transaction.atomic
def _renew(*, certificate: Certificate, on: datetime.date) -> int:
    enrolment, expires_on = certificate.enrolment, certificate.expires_on
    assert enrolment is not None and expires_on is not None  # selected as expiring course certificates
    new = course_services.start_new_cycle(enrolment=enrolment, due_date=max(expires_on, on))
    if new is None:
        return 0
    AssignmentMember.objects.filter(enrolment=certificate.enrolment, ended_at__isnull=True).update(enrolment=new)
    learner = users_with_employee(ids=[new.learner_id]).get()
    save_notifications(
        notifications=[
            notification_for(
                recipient=learner,
                kind=RENEWAL,
                stage="renewal",
                enrolment=new,
                params={"due_date": new.due_date, "expires_on": certificate.expires_on},
                link=reverse("courses:my_learning"),
            )
        ]
    )
    return 1
