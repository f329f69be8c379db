from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and learning records")

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, task_rejected, task_submitted, workflow_cancelled

        from . import receivers
        from .models import ModulePage

        task_submitted.connect(receivers.submit_modules_with_course, dispatch_uid="courses.submit_unit")
        task_rejected.connect(receivers.return_modules_with_course, dispatch_uid="courses.return_unit")
        workflow_cancelled.connect(receivers.withdraw_modules_with_course, dispatch_uid="courses.withdraw_unit")

        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("deleted", post_delete),
        ):
            signal.connect(
                receivers.reevaluate_course_of, sender=ModulePage, dispatch_uid=f"courses.reevaluate_on_{name}"
            )
