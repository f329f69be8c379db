"""Admin panels for authors: their courses and translations that no longer match their source page
(home), and the checks a course or module must pass to be published (editor).

The models use ``ReviewChecksPanel``, so this module imports no models at load time."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component


class MyCoursesPanel(Component):
    """A trainer's courses, or every course for an administrator, with a "New course" action."""

    name = "my_courses"
    template_name = "courses/admin/my_courses_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        from .trainer_home import my_courses, new_course_url

        user = parent_context["request"].user
        language = get_language()
        return {
            "my_courses": my_courses(user=user, language=language),
            "new_course_url": new_course_url(user=user, language=language),
            "explorer_url": reverse("wagtailadmin_explore_root"),
        }


class OutdatedTranslationsPanel(Component):
    name = "outdated_translations"
    template_name = "courses/admin/outdated_translations_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        from .selectors import outdated_translations

        return {"rows": outdated_translations(user=parent_context["request"].user)}


class ReviewChecksPanel(Panel):
    """The checks publishing enforces (``review``), on the editor of a course or module: the author sees
    what is missing while writing, the reviewer sees the same list before approving."""

    @property
    def clean_name(self) -> str:
        return super().clean_name or "review_checks"

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/review_checks_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import CoursePage
            from .review import course_checks, quiz_checks, unit_modules

            context = super().get_context_data(parent_context)
            page = self.instance
            is_course = isinstance(page, CoursePage)
            context["checks"] = course_checks(page) if is_course else quiz_checks(page)
            context["unit"] = unit_modules(page) if is_course and page.pk else []
            context["is_course"] = is_course
            return context
