"""``manage.py refresh_report_stats``: rebuild the pre-aggregated report statistics now."""

from django.core.management.base import BaseCommand

from stats.services import refresh_report_stats, tidy_report_stats


class Command(BaseCommand):
    help = "Rebuild the statistics behind the completion summary and the HR dashboard (beat does it every few minutes)."

    def handle(self, *args, **options) -> None:
        state = refresh_report_stats()
        tidy_report_stats()
        self.stdout.write(
            self.style.SUCCESS(f"Report statistics rebuilt in {state.duration_ms} ms (as of {state.as_of}).")
        )
