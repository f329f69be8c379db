"""Celery tasks of the courses app: thin wrappers that call one service each."""

from celery import shared_task

from . import services


@shared_task(name="courses.tasks.publish_scheduled_task", ignore_result=True)
def publish_scheduled_task() -> None:
    """Publish and unpublish what is scheduled (every minute by Celery beat)."""
    services.publish_scheduled()


@shared_task(name="courses.tasks.reevaluate_completions_task", ignore_result=True)
def reevaluate_completions_task(course_id: int) -> None:
    """Complete the enrolments a change to the course's modules has left meeting the rule."""
    services.reevaluate_completions(course_id=course_id)


@shared_task(name="courses.tasks.reevaluate_all_completions_task", ignore_result=True)
def reevaluate_all_completions_task() -> None:
    """The hourly sweep behind ``reevaluate_completions_task``."""
    services.reevaluate_all_completions()
