"""Run the mandatory-training jobs now, optionally as if it were another day.

Beat runs these on schedule; this command catches up after downtime, and shows in the demo what a
future date brings (`--date 2027-04-01`: who is overdue, which reminders and renewals go out).
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assignments import notifications, recertification, services
from assignments.models import Assignment
from notifications import services as notification_services


class Command(BaseCommand):
    help = "Synchronise assignments, renew expiring certifications, send reminders and HR digests."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Judge due dates as on this day (YYYY-MM-DD); default today.")

    def handle(self, *args, date: str | None = None, **options) -> None:
        try:
            on = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from error
        synced = 0
        for assignment_id in Assignment.objects.filter(state=Assignment.State.ACTIVE).values_list("pk", flat=True):
            synced += services.sync_assignment(assignment_id=assignment_id, on=on).added
        renewed = recertification.renew_expiring_certifications(on=on)
        reminders = notifications.send_due_reminders(on=on)
        digests = notifications.send_hr_digests(on=on)
        emailed = notification_services.send_pending_emails()
        self.stdout.write(
            f"{on}: {synced} newly covered, {renewed} renewals, {reminders} reminders, "
            f"{digests} HR digests, {emailed} emails sent"
        )
