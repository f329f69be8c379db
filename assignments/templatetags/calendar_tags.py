"""The calendar-feed panel on the notifications page."""

from __future__ import annotations

from django import template
from django.urls import reverse

from notifications.kinds import site_url

from ..calendar import feed_of

register = template.Library()


@register.inclusion_tag("assignments/includes/calendar_feed.html", takes_context=True)
def calendar_feed_panel(context) -> dict:
    feed = feed_of(context["request"].user)
    address = site_url(reverse("calendar:feed", kwargs={"token": feed.token})) if feed else ""
    return {"address": address, "csrf_token": context.get("csrf_token")}
