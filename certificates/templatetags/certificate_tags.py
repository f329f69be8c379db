"""The certificate link shown on a completed course or programme (used by templates/certificates/includes/)."""

from django import template

from ..models import Certificate

register = template.Library()


def _certificates_by_enrolment(request) -> dict[int, Certificate]:
    # One query per request however many completed courses a page lists (My learning lists them all).
    cached = getattr(request, "_qudra_certificates_by_enrolment", None)
    if cached is None:
        cached = {
            c.enrolment_id: c for c in Certificate.objects.filter(holder_id=request.user.pk, enrolment_id__isnull=False)
        }
        request._qudra_certificates_by_enrolment = cached
    return cached


@register.inclusion_tag("certificates/includes/certificate_link_inner.html", takes_context=True)
def certificate_link(context, enrolment) -> dict:
    """The holder's certificate for this enrolment, if the enrolment is completed."""
    request = context.get("request")
    certificate = None
    completed = enrolment is not None and getattr(enrolment, "completed_at", None)
    if completed and request is not None and request.user.is_authenticated:
        certificate = _certificates_by_enrolment(request).get(enrolment.pk)
    return {"certificate": certificate}


@register.inclusion_tag("certificates/includes/certificate_link_inner.html", takes_context=True)
def programme_certificate_link(context, programme_enrolment) -> dict:
    """The holder's certificate for this programme enrolment, if the programme is completed."""
    request = context.get("request")
    certificate = None
    completed = programme_enrolment is not None and getattr(programme_enrolment, "completed_at", None)
    if completed and request is not None and request.user.is_authenticated:
        certificate = Certificate.objects.filter(
            holder_id=request.user.pk, programme_enrolment_id=programme_enrolment.pk
        ).first()
    return {"certificate": certificate}
