"""Celery tasks of the background exports: thin wrappers that call one service each."""

from celery import shared_task

from . import services


@shared_task(
    name="exports.tasks.build_export_task",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=2,
    default_retry_delay=30,
    bind=True,
)
def build_export_task(self, job_id: str) -> None:
    """Build a large spreadsheet export; a finished or running job makes this a no-op, so redelivery is harmless."""
    try:
        services.build_export(job_id=job_id)
    except Exception as error:
        raise self.retry(exc=error) from error


@shared_task(name="exports.tasks.sweep_exports_task", ignore_result=True)
def sweep_exports_task() -> None:
    """Publish again the exports whose message was lost (scheduled every minute by Celery beat)."""
    services.republish_stale_exports()


@shared_task(name="exports.tasks.purge_report_exports_task", ignore_result=True)
def purge_report_exports_task() -> None:
    """Delete spreadsheet exports past their retention period (scheduled daily by Celery beat)."""
    services.purge_old_exports()
