"""The reminder a line manager sends from "My team": one notification per course, written in the reader's
language. The row holds the facts (both names of the manager, the due date); the text is written when read."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.i18n import pick
from courses.models import Enrolment
from notifications.kinds import register_kind
from notifications.models import Notification
from notifications.services import notification_for, save_notifications
from people.models import Employee

TEAM_REMINDER = "team_reminder"


def _manager_name(notification: Notification) -> dict:
    params = notification.params
    return {"manager_name": pick(params.get("manager_ar", ""), params.get("manager_en", ""))}


def register_kinds() -> None:
    register_kind(
        TEAM_REMINDER,
        label=_("Reminder from your manager"),
        templates="teams/email/team_reminder",
        context=_manager_name,
    )


def reminder_stage(on: datetime.date) -> str:
    """One reminder per course and day: with the enrolment, the notification's own unique constraint agrees."""
    return f"team-{on.isoformat()}"


def notify_reminded(*, manager: Employee, employee: Employee, enrolments: list[Enrolment], on: datetime.date) -> int:
    return save_notifications(
        notifications=[
            notification_for(
                recipient=employee.user,
                kind=TEAM_REMINDER,
                stage=reminder_stage(on),
                enrolment=enrolment,
                params={
                    "manager_ar": manager.full_name_ar,
                    "manager_en": manager.full_name_en,
                    "due_date": enrolment.due_date,
                    "overdue": enrolment.due_date is not None and enrolment.due_date < on,
                },
                link=reverse("courses:my_learning"),
            )
            for enrolment in enrolments
        ]
    )
