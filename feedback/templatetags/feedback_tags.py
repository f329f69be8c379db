"""The feedback form offered on the page of a course the learner has completed."""

from __future__ import annotations

from django import template

from courses.models import CoursePage, Enrolment

from ..forms import FeedbackForm
from ..selectors import enrolment_feedback

register = template.Library()


@register.inclusion_tag("feedback/includes/course_feedback.html", takes_context=True)
def course_feedback(context, course: CoursePage, enrolment: Enrolment | None) -> dict:
    completed = enrolment is not None and enrolment.completed_at is not None
    return {
        "course": course,
        "offered": completed,
        "feedback": enrolment_feedback(enrolment=enrolment) if completed else None,
        "form": FeedbackForm(),
        "csrf_token": context.get("csrf_token"),
    }
