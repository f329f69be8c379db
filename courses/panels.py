"""Admin home panels for authors: their courses, and translations that no longer match their source page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from wagtail.admin.ui.components import Component

from .selectors import outdated_translations
from .trainer_home import my_courses, new_course_url


class MyCoursesPanel(Component):
    """A trainer's courses, or every course for an administrator, with a "New course" action."""

    name = "my_courses"
    template_name = "courses/admin/my_courses_panel.html"
    order = 40

    def get_context_data(self, parent_context):
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
        return {"rows": outdated_translations(user=parent_context["request"].user)}
