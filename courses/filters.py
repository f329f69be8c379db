"""Catalogue filters: skill area, level and the language a course is available in."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import CoursePage, Level, SkillArea
from .selectors import courses_available_in


class CatalogueFilter(django_filters.FilterSet):
    skill_area = django_filters.ChoiceFilter(choices=SkillArea.choices, label=_("Skill area"), empty_label=_("All"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Level"), empty_label=_("All"))
    language = django_filters.ChoiceFilter(
        choices=settings.LANGUAGES, label=_("Language"), empty_label=_("All"), method="filter_language"
    )

    class Meta:
        model = CoursePage
        fields = ["skill_area", "level", "language"]

    def filter_language(self, queryset, name, value):
        return queryset.filter(translation_key__in=courses_available_in(language_code=value))
