"""Listens to courses: each completed course moves the learner's programmes forward, in the same transaction."""

from __future__ import annotations

from . import services


def advance_programmes_on_course_completion(sender, enrolment, **kwargs) -> None:
    services.advance_programmes(learner=enrolment.learner)
