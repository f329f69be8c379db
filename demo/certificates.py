"""Demo data for certificates: the programme's default template, and the administrators' rights to edit it."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from certificates.models import CertificateTemplate
from certificates.services import DEFAULT_WORDING
from people.services import ADMINISTRATORS

DEMO_TEMPLATE = {
    "name": "Qudra standard (bilingual)",
    **DEFAULT_WORDING,
    "signatory_name_ar": "خالد أحمد الهنائي",
    "signatory_name_en": "Khalid Ahmed Al-Hinai",
    "signatory_title_ar": "مدير برنامج التحول الرقمي الحكومي",
    "signatory_title_en": "Director, Government Digital Transformation Programme",
    "accent_colour": "#0f5b4f",
}


@transaction.atomic
def seed_certificate_template() -> CertificateTemplate:
    """Create the default certificate template once (later runs change nothing) and let
    administrators manage templates in the Wagtail admin."""
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template = CertificateTemplate.objects.create(is_default=True, **DEMO_TEMPLATE)
    administrators = Group.objects.filter(name=ADMINISTRATORS).first()
    if administrators is not None:
        administrators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="certificates",
                codename__in=[f"{action}_certificatetemplate" for action in ("add", "change", "delete", "view")],
            )
        )
    return template
