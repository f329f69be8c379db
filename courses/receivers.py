"""Listens to Wagtail: a course's review carries its modules (``review``), and a change to a course's
modules re-checks the completions it may have unlocked."""

from __future__ import annotations

from common.publishing import publish_on_commit

from . import review
from .models import CoursePage, ModulePage


def reevaluate_course_of(sender, instance: ModulePage, **kwargs) -> None:
    """A module published (added, or made optional), unpublished or deleted: in the background,
    complete every learner who now meets the course's rule (``services.reevaluate_completions``)."""
    course = CoursePage.objects.filter(path=instance.path[: -ModulePage.steplen]).only("id").first()
    if course is not None:
        publish_on_commit("courses.tasks.reevaluate_completions_task", course.pk)


def _reviewed_course(task_state) -> CoursePage | None:
    page = task_state.workflow_state.content_object
    specific = getattr(page, "specific", None)
    return specific if isinstance(specific, CoursePage) else None


def submit_modules_with_course(sender, instance, user=None, **kwargs) -> None:
    """Submitted or resubmitted: the course's changed modules enter the same review."""
    course = _reviewed_course(instance)
    if course is not None:
        review.submit_unit(course, user)


def return_modules_with_course(sender, instance, user=None, **kwargs) -> None:
    """Changes requested on the course: its modules in review are sent back with it."""
    course = _reviewed_course(instance)
    if course is not None:
        review.return_unit(course, user)


def withdraw_modules_with_course(sender, instance, user=None, **kwargs) -> None:
    """The course's review was cancelled: so are its modules' reviews."""
    page = getattr(instance.content_object, "specific", None)
    if isinstance(page, CoursePage):
        review.return_unit(page, user, cancel=True)
