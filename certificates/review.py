"""The certificates app's part of the course checks (``courses.review``): a template will print it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from courses.review import Check

from .models import CertificateTemplate


def certificate_template_check(course: CoursePage) -> Check:
    """The course picks a template, or a default template is set (Certificates › Templates)."""
    return Check(
        _("A certificate template is chosen, or a default template is set"),
        bool(course.certificate_template_id) or CertificateTemplate.objects.filter(is_default=True).exists(),
        _("Pick a certificate template under “Completion and certificate”, or ask an administrator to set a default."),
    )
