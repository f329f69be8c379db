from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and learning records")

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from .models import ModulePage
        from .receivers import reevaluate_course_of

        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("deleted", post_delete),
        ):
            signal.connect(reevaluate_course_of, sender=ModulePage, dispatch_uid=f"courses.reevaluate_on_{name}")
