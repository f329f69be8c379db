"""Tells a holder that their certificate is ready: a notification saved in the issuing transaction, so
it exists exactly when the certificate does, and e-mailed after commit in the holder's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.i18n import current_language, pick
from notifications.kinds import register_kind
from notifications.models import Notification
from notifications.services import notification_for, save_notifications

from .codes import verify_url
from .models import Certificate

CERTIFICATE_READY = "certificate_ready"


def _certificate_context(notification: Notification) -> dict:
    certificate = Certificate.objects.filter(pk=notification.params.get("certificate")).first()
    if certificate is None:
        return {"certificate": None}
    return {
        "certificate": certificate,
        "holder_name": certificate.holder_name,
        "course_title": pick(certificate.course_title_ar, certificate.course_title_en),
        "verify_url": verify_url(certificate.code, language=current_language()),
    }


def register_kinds() -> None:
    register_kind(
        CERTIFICATE_READY,
        label=_("Certificate ready"),
        templates="certificates/email/issued",
        context=_certificate_context,
    )


def notify_issued(*, certificates: list[Certificate]) -> int:
    """One "certificate ready" notification per certificate (a re-run adds none: the stage is unique)."""
    return save_notifications(
        notifications=[
            notification_for(
                recipient=certificate.holder,
                kind=CERTIFICATE_READY,
                stage=f"certificate-{certificate.pk}",
                enrolment=certificate.enrolment,
                params={"certificate": certificate.pk},
                link=reverse("certificates:mine"),
            )
            for certificate in certificates
        ]
    )
