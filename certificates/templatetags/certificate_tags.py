"""The certificate link shown on a completed course (used by templates/certificates/includes/)."""

from django import template

from ..models import Certificate

register = template.Library()


@register.inclusion_tag("certificates/includes/certificate_link_inner.html", takes_context=True)
def certificate_link(context, enrolment) -> dict:
    """The holder's certificate for this enrolment, if the enrolment is completed (one query then)."""
    request = context.get("request")
    certificate = None
    if enrolment is not None and getattr(enrolment, "completed_at", None) and request is not None:
        certificate = Certificate.objects.filter(enrolment=enrolment, holder_id=request.user.pk).first()
    return {"certificate": certificate}
