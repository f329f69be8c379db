"""Tells a learner that their certificate is ready, in their preferred language."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .codes import verify_url
from .models import Certificate

logger = logging.getLogger(__name__)


def notify_issued(*, certificate_id: int) -> bool:
    """Email the holder (runs after the issuing transaction commits); returns whether a mail went out."""
    certificate = Certificate.objects.select_related("holder", "holder__employee").filter(id=certificate_id).first()
    if certificate is None or certificate.status != Certificate.Status.ISSUED or not certificate.holder.email:
        return False
    employee = getattr(certificate.holder, "employee", None)
    language = getattr(employee, "preferred_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "certificate": certificate,
            "holder_name": certificate.holder_name,
            "course_title": certificate.course_title,
            "certificates_url": settings.CERTIFICATES_BASE_URL.rstrip("/") + reverse("certificates:mine"),
            "verify_url": verify_url(certificate.code, language=language),
        }
        subject = " ".join(render_to_string("certificates/email/issued_subject.txt", context).split())
        body = render_to_string("certificates/email/issued_body.txt", context)
    try:
        send_mail(subject, body, None, [certificate.holder.email])
    except Exception:  # the certificate is issued either way; a mail server hiccup must not undo that
        logger.exception("Could not email certificate %s to its holder", certificate.pk)
        return False
    return True
