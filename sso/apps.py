from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "sso"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
