"""Notifications of mandatory training: the message to one person (shown in the app and e-mailed),
assignment notices, due-date reminders, the HR digest, and sending the e-mails.

A notification is a row before it is an e-mail: the e-mail task is published after the rows commit,
and the same task runs from beat every few minutes (``assignments-send-emails``), so an e-mail whose
message was lost (broker down, worker killed) goes out on the next run instead of never.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from common.publishing import publish_on_commit
from courses.models import CoursePage, Enrolment
from people.services import HR_OFFICERS

from .models import Notification
from .selectors import overdue_in_scope, users_with_employee

# Sends every notification not e-mailed yet (see ``send_pending_emails``).
SEND_EMAILS_TASK = "assignments.tasks.send_notification_emails_task"


def _language_of(user: User) -> str:
    employee = getattr(user, "employee", None)
    return getattr(employee, "preferred_language", None) or settings.LANGUAGE_CODE


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notification_for(
    *,
    recipient,
    kind: str,
    stage: str,
    enrolment: Enrolment | None,
    context: dict,
    titles: dict[tuple[int, str], str] | None = None,
) -> Notification:
    """A notification rendered in the recipient's language from templates/assignments/email/<kind>_*.txt;
    ``titles`` (from ``course_titles``) names the enrolment's course in that language."""
    language = _language_of(recipient)
    with translation.override(language):
        link = context.get("link") or reverse("courses:my_learning")
        context = {**context, "recipient": recipient, "link": _site_url(link), "enrolment": enrolment}
        if enrolment is not None:
            assert titles is not None, "a notification about an enrolment names its course (course_titles)"
            context["course_title"] = titles[(enrolment.course_id, language)]
        subject = " ".join(render_to_string(f"assignments/email/{kind}_subject.txt", context).split())
        body = render_to_string(f"assignments/email/{kind}_body.txt", context).strip()
    return Notification(
        recipient=recipient,
        kind=kind,
        stage=stage,
        enrolment=enrolment,
        language=language,
        subject=subject[:255],
        body=body,
        link=link,
    )


def course_titles(course_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """Each course's title in each language: its live translation's, else its own (two queries, so a
    batch of thousands of notifications does not ask once per person)."""
    sources = list(CoursePage.objects.filter(pk__in=set(course_ids)).values_list("pk", "translation_key", "title"))
    titles = {(pk, code): title for pk, _key, title in sources for code, _name in settings.LANGUAGES}
    course_of = {key: pk for pk, key, _title in sources}
    translations = CoursePage.objects.live().filter(translation_key__in=course_of)
    for key, code, title in translations.values_list("translation_key", "locale__language_code", "title"):
        titles[(course_of[key], code)] = title
    return titles


def save_notifications(*, notifications: list[Notification]) -> int:
    """Insert; a stage that already exists is skipped by the database. Emails go out after commit."""
    if not notifications:
        return 0
    saved = Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    publish_on_commit(SEND_EMAILS_TASK)
    return len(saved)


def notify_assigned(*, enrolments: list[Enrolment]) -> int:
    already = set(
        Notification.objects.filter(enrolment__in=enrolments, stage="assigned").values_list("enrolment_id", flat=True)
    )
    enrolments = [e for e in enrolments if e.pk not in already]
    learners = {u.pk: u for u in users_with_employee(ids=[e.learner_id for e in enrolments])}
    titles = course_titles(e.course_id for e in enrolments)
    return save_notifications(
        notifications=[
            notification_for(
                recipient=learners[e.learner_id],
                kind=Notification.Kind.ASSIGNED,
                stage="assigned",
                enrolment=e,
                context={"due_date": e.due_date},
                titles=titles,
            )
            for e in enrolments
        ]
    )


def reminder_days() -> list[int]:
    """Days before the due date on which learners are reminded, largest first (e.g. [14, 3])."""
    return sorted({int(day) for day in settings.QUDRA_REMINDER_DAYS}, reverse=True)


@transaction.atomic
def send_due_reminders(*, on: datetime.date | None = None) -> int:
    """Remind learners of due dates and tell them when they are overdue: each stage at most once.

    A learner gets the tightest stage that applies (3 days left: the "due-3" reminder, not also the
    "due-14" one a stopped beat missed), so a late run never sends a burst of stale reminders."""
    on = on or timezone.localdate()
    days = reminder_days()
    pending = list(
        Enrolment.objects.filter(
            is_current=True, learner__is_active=True, due_date__isnull=False, completed_at__isnull=True
        )
        .filter(due_date__lte=on + datetime.timedelta(days=max(days, default=0)))
        .select_related("learner__employee")
    )
    sent = set(Notification.objects.filter(enrolment__in=[e.pk for e in pending]).values_list("enrolment_id", "stage"))
    titles = course_titles(enrolment.course_id for enrolment in pending)
    notifications = []
    for enrolment in pending:
        assert enrolment.due_date is not None  # selected by due date
        stage = _stage_for(enrolment.due_date, on=on, days=days)
        if stage is None or (enrolment.pk, stage) in sent:
            continue
        kind = Notification.Kind.OVERDUE if stage == "overdue" else Notification.Kind.DUE_SOON
        context = {"due_date": enrolment.due_date, "days_left": (enrolment.due_date - on).days}
        notifications.append(
            notification_for(
                recipient=enrolment.learner,
                kind=kind,
                stage=stage,
                enrolment=enrolment,
                context=context,
                titles=titles,
            )
        )
    return save_notifications(notifications=notifications)


def _stage_for(due_date: datetime.date, *, on: datetime.date, days: list[int]) -> str | None:
    left = (due_date - on).days
    if left < 0:
        return "overdue"
    tightest = [day for day in days if left <= day]
    return f"due-{min(tightest)}" if tightest else None


@transaction.atomic
def send_hr_digests(*, on: datetime.date | None = None) -> int:
    """Once a week, each HR officer with overdue people in scope gets the list (one per week)."""
    on = on or timezone.localdate()
    # The working week in Oman starts on Sunday: one digest per Sunday-to-Saturday week.
    week_start = on - datetime.timedelta(days=(on.weekday() + 1) % 7)
    stage = f"digest-{week_start.isoformat()}"
    officers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=HR_OFFICERS, hr_scopes__isnull=False)
        .exclude(notifications__stage=stage)
        .distinct()
        .select_related("employee")
    )
    limit = settings.QUDRA_HR_DIGEST_MAX_ROWS
    notifications = []
    for officer in officers:
        overdue = overdue_in_scope(officer, on=on)
        total = overdue.count()
        if not total:
            continue
        context = {
            "total": total,
            "rows": list(overdue[:limit]),
            "more": max(0, total - limit),
            "on": on,
            "link": reverse("hr_report_learners:index") + "?status=overdue",
        }
        notifications.append(
            notification_for(
                recipient=officer, kind=Notification.Kind.HR_DIGEST, stage=stage, enrolment=None, context=context
            )
        )
    return save_notifications(notifications=notifications)


def send_pending_emails(*, limit: int = 500) -> int:
    """Email notifications not emailed yet. Each row is locked while it is sent and marked in the same
    transaction, so two workers never send the same one."""
    sent = 0
    for notification_id in list(
        Notification.objects.filter(emailed_at__isnull=True).order_by("pk").values_list("pk", flat=True)[:limit]
    ):
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True)
                .select_related("recipient")
                .filter(pk=notification_id, emailed_at__isnull=True)
                .first()
            )
            if notification is None:
                continue
            if notification.recipient.email:
                body = f"{notification.body}\n\n{_site_url(notification.link)}\n"
                send_mail(notification.subject, body, None, [notification.recipient.email])
                sent += 1
            # Also set when there is no address: the email step of this notification is done.
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
    return sent


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
