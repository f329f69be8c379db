"""Celery tasks of the people app: thin wrappers that call one service each."""

from celery import shared_task

from . import import_jobs


@shared_task(name="people.tasks.run_people_import_task", acks_late=True, reject_on_worker_lost=True)
def run_people_import_task(job_id: str) -> None:
    """Run an uploaded people import; a finished or running job makes this a no-op, so redelivery is harmless."""
    import_jobs.run_import(job_id=job_id)


@shared_task(name="people.tasks.sweep_people_imports_task", ignore_result=True)
def sweep_people_imports_task() -> None:
    """Publish again the imports whose message was lost (scheduled every minute by Celery beat)."""
    import_jobs.republish_stale_imports()
