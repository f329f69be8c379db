"""Registration only: the skills framework as an editable snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Skill


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "tasks"
    menu_label = _("Skills framework")
    list_display = ["name_en", "name_ar", "code", "sort_order"]
    search_fields = ["code", "name_en", "name_ar"]
    ordering = ["sort_order", "code"]


register_snippet(SkillViewSet)
