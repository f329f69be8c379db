"""Celery tasks of the courses app: thin wrappers that call one service each."""

from celery import shared_task

from . import services


@shared_task(name="courses.tasks.publish_scheduled_task", ignore_result=True)
def publish_scheduled_task() -> None:
    """Publish and unpublish what is scheduled (every minute by Celery beat)."""
    services.publish_scheduled()
