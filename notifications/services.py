"""Saving notifications, e-mailing them once each, and marking them read.

A notification is a row before it is an e-mail: the e-mail task is published after the rows commit,
and the same task runs from beat every few minutes (``notifications-send-emails``), so an e-mail whose
message was lost (broker down, worker killed) goes out on the next run instead of never.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from common.publishing import publish_on_commit
from courses.models import Enrolment

from .kinds import encode, language_of, render
from .models import Notification

# Sends every notification not e-mailed yet (see ``send_pending_emails``).
SEND_EMAILS_TASK = "notifications.tasks.send_notification_emails_task"


def notification_for(
    *,
    recipient: User,
    kind: str,
    stage: str,
    enrolment: Enrolment | None = None,
    params: dict | None = None,
    link: str = "",
) -> Notification:
    """An unsaved notification: the facts only; its text is written when it is read or e-mailed."""
    return Notification(
        recipient=recipient, kind=kind, stage=stage, enrolment=enrolment, params=encode(params or {}), link=link
    )


def save_notifications(*, notifications: list[Notification]) -> int:
    """Insert; a stage that already exists is skipped by the database. E-mails go out after commit."""
    if not notifications:
        return 0
    saved = Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    publish_on_commit(SEND_EMAILS_TASK)
    return len(saved)


def send_pending_emails(*, limit: int = 500) -> int:
    """E-mail notifications not e-mailed yet, each in its recipient's language. Each row is locked while
    it is sent and marked in the same transaction, so two workers never send the same one."""
    sent = 0
    for notification_id in list(
        Notification.objects.filter(emailed_at__isnull=True).order_by("pk").values_list("pk", flat=True)[:limit]
    ):
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient__employee", "enrolment")
                .filter(pk=notification_id, emailed_at__isnull=True)
                .first()
            )
            if notification is None:
                continue
            if notification.recipient.email:
                (message,) = render([notification], language=language_of(notification.recipient))
                link = f"\n\n{message.link_url}\n" if message.link else "\n"
                send_mail(message.subject, f"{message.body}{link}", None, [notification.recipient.email])
                sent += 1
            # Also set when there is no address: the e-mail step of this notification is done.
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
    return sent


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
