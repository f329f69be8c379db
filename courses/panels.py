"""Admin home panel for authors: translations that no longer match their source page."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from .selectors import outdated_translations


class OutdatedTranslationsPanel(Component):
    name = "outdated_translations"
    template_name = "courses/admin/outdated_translations_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        return {"rows": outdated_translations(user=parent_context["request"].user)}
