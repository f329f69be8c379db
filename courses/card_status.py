"""The learner's own status on each catalogue card: enrolled, in progress, overdue, completed or locked."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from .models import CoursePage, Enrolment
from .selectors import unmet_prerequisites_of
from .status import LearningStatus, learning_status, today

# A course not yet started reads "Enrolled" on a card: "Not started" would sound like a reproach
# on a course the learner chose a minute ago.
LABELS: dict[str, Promise] = {
    LearningStatus.NOT_STARTED: pgettext_lazy("course card status", "Enrolled"),
    LearningStatus.IN_PROGRESS: pgettext_lazy("course card status", "In progress"),
    LearningStatus.OVERDUE: pgettext_lazy("course card status", "Overdue"),
    LearningStatus.COMPLETED: pgettext_lazy("course card status", "Completed"),
    "locked": pgettext_lazy("course card status", "Locked: prerequisites first"),
}


@dataclass(frozen=True)
class CardStatus:
    code: str
    label: Promise


def card_statuses(*, user: User | AnonymousUser, courses: Iterable[CoursePage]) -> dict[uuid.UUID, CardStatus]:
    """By translation key, what the signed-in learner has to do with each course of a catalogue page.

    A current enrolment decides (overdue judged today, as everywhere); a course not enrolled in is
    locked while a live prerequisite is not completed, and has no status otherwise. Nothing for a
    visitor who is signed out; at most four queries however many cards.
    """
    courses = list(courses)
    if not user.is_authenticated or not courses:
        return {}
    keys = [course.translation_key for course in courses]
    on = today()
    statuses = {
        enrolment.course.translation_key: learning_status(enrolment, on=on)
        for enrolment in Enrolment.objects.filter(
            learner=user, is_current=True, course__translation_key__in=keys
        ).select_related("course")
    }
    result = {key: CardStatus(code=status.value, label=LABELS[status]) for key, status in statuses.items()}
    not_enrolled = [course for course in courses if course.translation_key not in statuses]
    for key, unmet in unmet_prerequisites_of(user=user, courses=not_enrolled).items():
        if unmet:
            result[key] = CardStatus(code="locked", label=LABELS["locked"])
    return result
