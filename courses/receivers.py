"""Listens to Wagtail: a change to a course's modules re-checks the completions it may have unlocked."""

from __future__ import annotations

from common.publishing import publish_on_commit

from .models import CoursePage, ModulePage


def reevaluate_course_of(sender, instance: ModulePage, **kwargs) -> None:
    """A module published (added, or made optional), unpublished or deleted: in the background,
    complete every learner who now meets the course's rule (``services.reevaluate_completions``)."""
    course = CoursePage.objects.filter(path=instance.path[: -ModulePage.steplen]).only("id").first()
    if course is not None:
        publish_on_commit("courses.tasks.reevaluate_completions_task", course.pk)
