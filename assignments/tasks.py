"""Celery tasks of mandatory training: ids in, one service call each, safe to run twice."""

from celery import shared_task

from . import services
from .models import Assignment


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def materialise_assignment_task(assignment_id: int) -> None:
    """Enrol everyone a new assignment covers (a large unit takes a while: the admin shows progress)."""
    services.sync_assignment(assignment_id=assignment_id)


@shared_task(acks_late=True, ignore_result=True)
def sync_assignments_task() -> None:
    """Hourly: new joiners of assigned units are enrolled, movers and leavers stop being covered."""
    for assignment_id in Assignment.objects.filter(state=Assignment.State.ACTIVE).values_list("pk", flat=True):
        services.sync_assignment(assignment_id=assignment_id)


@shared_task(acks_late=True, ignore_result=True)
def daily_reminders_task() -> None:
    """Every morning: renew certifications about to expire, then remind of due and overdue courses."""
    services.renew_expiring_certifications()
    services.send_due_reminders()


@shared_task(acks_late=True, ignore_result=True)
def hr_digest_task() -> None:
    services.send_hr_digests()


@shared_task(acks_late=True, ignore_result=True)
def send_notification_emails_task() -> None:
    services.send_pending_emails()
