"""Template tags of the course screens in the admin: a page's publication status and schedule."""

from django import template

from ..publication import PublicationStatus, publication_facts

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/status_tag.html")
def publication_status_tag(status: PublicationStatus) -> dict:
    """Wagtail's status tag, highlighted while the page is live."""
    return {"label": status.label, "classname": "w-status--primary" if status.is_live else ""}


@register.inclusion_tag("courses/admin/schedule.html")
def publication_schedule(page) -> dict:
    """When a page annotated with ``with_publication_facts`` goes live (if scheduled) and expires."""
    if not hasattr(page, "publication_go_live_at"):
        return {}
    facts = publication_facts(page)
    shows_expiry = facts.live or facts.scheduled_go_live_at is not None
    return {"go_live_at": facts.scheduled_go_live_at, "expire_at": facts.expire_at if shows_expiry else None}
