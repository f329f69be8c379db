"""Celery tasks of the statistics."""

from celery import shared_task

from . import services


@shared_task(name="stats.tasks.refresh_stats_task", acks_late=True, ignore_result=True)
def refresh_stats_task() -> None:
    """Rebuild the statistics (scheduled every few minutes by Celery beat)."""
    services.refresh_report_stats()
    services.tidy_report_stats()
