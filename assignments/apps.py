from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assignments"
    verbose_name = _("Mandatory training")

    def ready(self) -> None:
        from .notifications import register_kinds

        register_kinds()
