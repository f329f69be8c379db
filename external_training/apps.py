from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExternalTrainingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "external_training"
    verbose_name = _("External training")

    def ready(self) -> None:
        from .notifications import register_kinds

        register_kinds()
