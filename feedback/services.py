"""Every write to course feedback."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, Enrolment, source_page

from .models import Feedback


class FeedbackRefused(Exception):
    """The learner cannot give feedback on this course now; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def submit_feedback(*, learner: User, course: CoursePage, rating: int, comment: str, language: str) -> Feedback:
    """Record the learner's feedback on the current enrolment of a course they completed (once per enrolment).

    The enrolment row is locked, so two simultaneous submissions serialise and the second is refused.
    """
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, course=source_page(course), is_current=True)
        .first()
    )
    if enrolment is None:
        raise FeedbackRefused("not_enrolled")
    if enrolment.completed_at is None:
        raise FeedbackRefused("not_completed")
    if Feedback.objects.filter(enrolment=enrolment).exists():
        raise FeedbackRefused("submitted")
    return Feedback.objects.create(
        enrolment=enrolment, rating=rating, comment=comment.strip(), language=language, submitted_at=timezone.now()
    )
