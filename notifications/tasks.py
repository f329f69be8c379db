"""Background jobs of notifications: thin wrappers around ``services``."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="notifications.tasks.send_notification_emails_task", acks_late=True, ignore_result=True)
def send_notification_emails_task() -> None:
    """E-mail every notification not e-mailed yet: published after new notifications commit, and run by
    beat every few minutes as the sweep for those whose message never arrived."""
    services.send_pending_emails()
