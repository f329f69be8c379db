"""Celery tasks of the reports app."""

from celery import shared_task

from . import services


@shared_task(
    name="reports.tasks.build_export_task",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=2,
    default_retry_delay=30,
    bind=True,
)
def build_export_task(self, job_id: str) -> None:
    """Build a large spreadsheet export; a finished job makes this a no-op, so redelivery is harmless."""
    try:
        services.build_export(job_id=job_id)
    except Exception as error:
        raise self.retry(exc=error) from error


@shared_task(name="reports.tasks.refresh_report_stats_task", acks_late=True, ignore_result=True)
def refresh_report_stats_task() -> None:
    """Rebuild the summary statistics (scheduled every few minutes by Celery beat)."""
    services.refresh_report_stats()
    services.tidy_report_stats()


@shared_task(name="reports.tasks.purge_report_exports_task", ignore_result=True)
def purge_report_exports_task() -> None:
    """Delete spreadsheet exports past their retention period (scheduled daily by Celery beat)."""
    services.purge_old_exports()
