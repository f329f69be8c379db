from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Each report module registers its definition as a source of background exports; a worker
        # that builds an export must know every report without having loaded the admin.
        from . import learners, summary, transcripts  # noqa: F401
