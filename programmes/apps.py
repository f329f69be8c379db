from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from courses.signals import course_completed

        from .receivers import advance_programmes_on_course_completion

        course_completed.connect(advance_programmes_on_course_completion, dispatch_uid="programmes.on_course_completed")
