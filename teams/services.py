"""The one write of "My team": a manager reminds a person of their open mandatory courses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from courses.status import today
from people.models import Employee

from .models import TeamReminder
from .notifications import notify_reminded
from .selectors import open_mandatory_enrolments


@dataclass(frozen=True)
class ReminderOutcome:
    sent: int
    already: int


@transaction.atomic
def remind(*, manager: Employee, sent_by: User, employee: Employee, on: datetime.date | None = None) -> ReminderOutcome:
    """Remind ``employee`` (checked by the caller to be in the manager's team) of each open mandatory
    course not reminded of today. The unique row per person, course and day decides: a second click, or
    a concurrent one that waits on the first's insert, finds the row and sends nothing."""
    on = on or today()
    enrolments = list(open_mandatory_enrolments(employee))
    fresh = []
    for enrolment in enrolments:
        _reminder, created = TeamReminder.objects.get_or_create(
            employee=employee, course_id=enrolment.course_id, sent_on=on, defaults={"sent_by": sent_by}
        )
        if created:
            fresh.append(enrolment)
    notify_reminded(manager=manager, employee=employee, enrolments=fresh, on=on)
    return ReminderOutcome(sent=len(fresh), already=len(enrolments) - len(fresh))
