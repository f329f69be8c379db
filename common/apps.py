from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common toolkit"

    def ready(self) -> None:
        # The request id's Celery signal handlers, in web and worker processes alike.
        from . import request_id  # noqa: F401
