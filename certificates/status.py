"""Whether a person's certification in a course holds, defined once, in SQL: HR reports show it and
filter by it.

It is judged per learner and course across enrolment cycles: someone re-enrolled for renewal keeps
their earlier certificate until it expires. A completion without an issued certificate yet counts as
valid; a certificate without an expiry date never expires.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment

from .models import Certificate


class CertificationStatus(models.TextChoices):
    NEVER = "never", _("Never completed")
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")


def expiring_horizon(on: datetime.date) -> datetime.date:
    """Certificates expiring by this day count as "expiring soon" (and are renewed)."""
    return on + datetime.timedelta(days=settings.QUDRA_RENEWAL_DAYS)


def with_certification(
    enrolments: models.QuerySet[Enrolment], *, on: datetime.date, select: bool = True
) -> models.QuerySet[Enrolment]:
    """Add ``certification`` (a ``CertificationStatus`` value) to enrolment rows: selected, or only
    available to filter on when ``select`` is false."""
    completed = Enrolment.objects.filter(
        learner_id=OuterRef("learner_id"), course_id=OuterRef("course_id"), completed_at__isnull=False
    )
    latest_expiry = (
        Certificate.objects.filter(
            holder_id=OuterRef("learner_id"), course_id=OuterRef("course_id"), status=Certificate.Status.ISSUED
        )
        .order_by("-issued_on", "-pk")
        .values("expires_on")[:1]
    )
    certification = Case(
        When(certification_completed=False, then=Value(CertificationStatus.NEVER.value)),
        When(certification_expires__isnull=True, then=Value(CertificationStatus.VALID.value)),
        When(certification_expires__lt=on, then=Value(CertificationStatus.EXPIRED.value)),
        When(certification_expires__lte=expiring_horizon(on), then=Value(CertificationStatus.EXPIRING.value)),
        default=Value(CertificationStatus.VALID.value),
        output_field=models.CharField(),
    )
    enrolments = enrolments.alias(
        certification_completed=Exists(completed), certification_expires=Subquery(latest_expiry)
    )
    return enrolments.annotate(certification=certification) if select else enrolments.alias(certification=certification)


def certification_of(enrolment_ids: list[int], *, on: datetime.date) -> dict[int, CertificationStatus]:
    """The certification status behind each enrolment (one query)."""
    rows = with_certification(Enrolment.objects.filter(pk__in=enrolment_ids), on=on).values_list("pk", "certification")
    return {pk: CertificationStatus(value) for pk, value in rows}
