"""Notifications of mandatory training: assignment notices, due-date reminders, the line manager's copy of
a long overdue course and the HR digest.

The rows hold facts only (the course through the enrolment, the due date, the digest's rows); each is
written in its reader's language when read or e-mailed, from templates/assignments/email/<kind>_*.txt
(the kinds are registered in ``register_kinds``, called from the app's ``ready``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.i18n import current_language, pick
from courses.models import Enrolment
from notifications.kinds import course_titles, register_kind
from notifications.models import Notification
from notifications.services import notification_for, save_notifications
from people.services import HR_OFFICERS

from .selectors import overdue_in_scope, users_with_employee

ASSIGNED = "assigned"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
RENEWAL = "renewal"
HR_DIGEST = "hr_digest"
TEAM_OVERDUE = "team_overdue"
# The manager's copy of an overdue course: once per enrolment (the notification's unique stage).
ESCALATION_STAGE = "manager-overdue"


def _digest_rows(notification: Notification) -> dict:
    """The overdue enrolments the digest listed, as they are now (a row deleted since is left out)."""
    ids = notification.params.get("enrolments") or []
    rows = list(Enrolment.objects.filter(pk__in=ids).select_related("learner__employee").order_by("due_date", "pk"))
    titles = course_titles(row.course_id for row in rows)
    language = current_language()
    return {
        "rows": [
            {
                "name": row.learner.employee.full_name,
                "number": row.learner.employee.employee_number,
                "course_title": titles.get((row.course_id, language), ""),
                "due_date": row.due_date,
            }
            for row in rows
        ]
    }


def _learner_name(notification: Notification) -> dict:
    params = notification.params
    return {"learner_name": pick(params.get("learner_ar", ""), params.get("learner_en", ""))}


def register_kinds() -> None:
    for kind, label in (
        (ASSIGNED, _("New mandatory course")),
        (DUE_SOON, _("Due soon")),
        (OVERDUE, _("Overdue")),
        (RENEWAL, _("Renewal due")),
    ):
        register_kind(kind, label=label, templates=f"assignments/email/{kind}")
    register_kind(
        TEAM_OVERDUE, label=_("Overdue in your team"), templates="assignments/email/team_overdue", context=_learner_name
    )
    register_kind(
        HR_DIGEST, label=_("Weekly overdue digest"), templates="assignments/email/hr_digest", context=_digest_rows
    )


def _my_learning() -> str:
    return reverse("courses:my_learning")


def notify_assigned(*, enrolments: list[Enrolment]) -> int:
    already = set(
        Notification.objects.filter(enrolment__in=enrolments, stage="assigned").values_list("enrolment_id", flat=True)
    )
    enrolments = [e for e in enrolments if e.pk not in already]
    learners = {u.pk: u for u in users_with_employee(ids=[e.learner_id for e in enrolments])}
    return save_notifications(
        notifications=[
            notification_for(
                recipient=learners[e.learner_id],
                kind=ASSIGNED,
                stage="assigned",
                enrolment=e,
                params={"due_date": e.due_date},
                link=_my_learning(),
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
        .select_related("learner__employee__manager__user")
    )
    sent = set(Notification.objects.filter(enrolment__in=[e.pk for e in pending]).values_list("enrolment_id", "stage"))
    notifications = []
    for enrolment in pending:
        assert enrolment.due_date is not None  # selected by due date
        stage = _stage_for(enrolment.due_date, on=on, days=days)
        if stage is None or (enrolment.pk, stage) in sent:
            continue
        notifications.append(
            notification_for(
                recipient=enrolment.learner,
                kind=OVERDUE if stage == "overdue" else DUE_SOON,
                stage=stage,
                enrolment=enrolment,
                params={"due_date": enrolment.due_date, "days_left": (enrolment.due_date - on).days},
                link=_my_learning(),
            )
        )
    notifications += _manager_escalations(pending, on=on, sent=sent)
    return save_notifications(notifications=notifications)


def _manager_escalations(
    pending: list[Enrolment], *, on: datetime.date, sent: set[tuple[int, str]]
) -> list[Notification]:
    """The line manager's copy of each course overdue by ``QUDRA_MANAGER_ESCALATION_DAYS`` or more, once per
    enrolment. The learner's names are kept in both languages so the manager reads them in theirs."""
    after = datetime.timedelta(days=settings.QUDRA_MANAGER_ESCALATION_DAYS)
    notifications = []
    for enrolment in pending:
        assert enrolment.due_date is not None  # selected by due date
        employee = getattr(enrolment.learner, "employee", None)
        manager = getattr(employee, "manager", None)
        if employee is None or manager is None or not manager.user.is_active:
            continue
        if (enrolment.pk, ESCALATION_STAGE) in sent or on - enrolment.due_date < max(after, datetime.timedelta(days=1)):
            continue
        notifications.append(
            notification_for(
                recipient=manager.user,
                kind=TEAM_OVERDUE,
                stage=ESCALATION_STAGE,
                enrolment=enrolment,
                params={
                    "learner_ar": employee.full_name_ar,
                    "learner_en": employee.full_name_en,
                    "due_date": enrolment.due_date,
                    "days_overdue": (on - enrolment.due_date).days,
                },
                link=reverse("teams:my_team") + "?overdue=on",
            )
        )
    return notifications


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
        params = {
            "total": total,
            "enrolments": list(overdue.values_list("pk", flat=True)[:limit]),
            "more": max(0, total - limit),
            "on": on,
        }
        notifications.append(
            notification_for(
                recipient=officer,
                kind=HR_DIGEST,
                stage=stage,
                params=params,
                link=reverse("hr_report_learners:index") + "?status=overdue",
            )
        )
    return save_notifications(notifications=notifications)
