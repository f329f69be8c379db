"""The invitation to rate one's skills, shown on course and module pages."""

from __future__ import annotations

from django import template

from courses.models import CoursePage, Enrolment

from ..selectors import due_stage

register = template.Library()


@register.inclusion_tag("skills/includes/invitation.html")
def self_assessment_invitation(course: CoursePage, enrolment: Enrolment | None, compact: bool = False) -> dict:
    return {"course": course, "stage": due_stage(enrolment=enrolment), "compact": compact}
