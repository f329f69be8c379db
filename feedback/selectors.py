"""Reads of course feedback: the learner's own, and the summaries trainers read."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Avg, Count, QuerySet

from courses.models import CoursePage, Enrolment, source_page

from .models import Feedback
from .permissions import readable_course_keys


def enrolment_feedback(*, enrolment: Enrolment) -> Feedback | None:
    return Feedback.objects.filter(enrolment=enrolment).first()


def feedback_course_rows(*, user: User) -> QuerySet:
    """One row per course the user may read feedback for and that has some: responses and average rating."""
    return (
        Feedback.objects.filter(enrolment__course__translation_key__in=readable_course_keys(user))
        .values("enrolment__course_id", "enrolment__course__title")
        .annotate(responses=Count("id"), average=Avg("rating"))
        .order_by("enrolment__course__title")
    )


@dataclass
class FeedbackSummary:
    responses: int
    average: Decimal | None
    distribution: list[tuple[int, int]]  # (rating, responses), 5 down to 1
    comments: QuerySet[Feedback]


def course_feedback_summary(*, course: CoursePage) -> FeedbackSummary:
    """Every cycle's feedback on the course (records point at its source page); comments newest first.

    Comments carry no name: trainers read what was said, not who said it.
    """
    feedback = Feedback.objects.filter(enrolment__course=source_page(course))
    counts = dict(feedback.order_by().values_list("rating").annotate(responses=Count("id")))
    totals = feedback.aggregate(responses=Count("id"), average=Avg("rating"))
    return FeedbackSummary(
        responses=totals["responses"],
        average=totals["average"],
        distribution=[(rating, counts.get(rating, 0)) for rating in reversed(Feedback.RATINGS)],
        comments=feedback.exclude(comment="").order_by("-submitted_at", "-id"),
    )
