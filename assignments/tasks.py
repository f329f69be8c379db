"""Celery tasks of mandatory training: ids in, one service call each, safe to run twice.

Each task's ``name`` is the one Celery generated before names were declared, so messages already
queued still find their task; services publish by these names (``common.publishing``).
"""

from celery import shared_task

from . import notifications, recertification, services
from .models import Assignment


@shared_task(
    name="assignments.tasks.materialise_assignment_task", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def materialise_assignment_task(assignment_id: int) -> None:
    """Enrol everyone a new assignment covers (a large unit takes a while: the admin shows progress)."""
    services.sync_assignment(assignment_id=assignment_id)


@shared_task(name="assignments.tasks.sync_assignments_task", acks_late=True, ignore_result=True)
def sync_assignments_task() -> None:
    """Hourly: new joiners of assigned units are enrolled, movers and leavers stop being covered. Also
    the sweep of ``materialise_assignment_task``: an assignment whose message was lost is enrolled here."""
    for assignment_id in Assignment.objects.filter(state=Assignment.State.ACTIVE).values_list("pk", flat=True):
        services.sync_assignment(assignment_id=assignment_id)


@shared_task(name="assignments.tasks.daily_reminders_task", acks_late=True, ignore_result=True)
def daily_reminders_task() -> None:
    """Every morning: renew certifications about to expire, then remind of due and overdue courses."""
    recertification.renew_expiring_certifications()
    notifications.send_due_reminders()


@shared_task(name="assignments.tasks.hr_digest_task", acks_late=True, ignore_result=True)
def hr_digest_task() -> None:
    notifications.send_hr_digests()
