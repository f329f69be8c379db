"""The invitation to rate one's skills, shown on course, module and programme pages."""

from __future__ import annotations

from django import template
from django.urls import reverse
from wagtail.models import Page

from courses.models import CoursePage, Enrolment

from ..selectors import due_stage, programme_due_stage

register = template.Library()


def _invitation(kind: str, page: Page, stage: str | None, compact: bool) -> dict:
    url = reverse(f"skills:{kind}_self_assessment", args=[page.pk, stage]) if stage else ""
    return {"stage": stage, "url": url, "compact": compact}


@register.inclusion_tag("skills/includes/invitation.html")
def self_assessment_invitation(course: CoursePage, enrolment: Enrolment | None, compact: bool = False) -> dict:
    return _invitation("course", course, due_stage(enrolment=enrolment), compact)


@register.inclusion_tag("skills/includes/invitation.html")
def programme_self_assessment_invitation(programme: Page, enrolment) -> dict:
    return _invitation("programme", programme, programme_due_stage(enrolment=enrolment), compact=False)
