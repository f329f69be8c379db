"""The course editor's form: the prerequisites and the audience a course may be given."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


def _source_page(page: Page) -> Page:
    # models imports this module for ``base_form_class``, so the helper is looked up when a form is built.
    from .models import source_page

    return source_page(page)


class CoursePageForm(WagtailAdminPageForm):
    """Offers as prerequisites the other courses of the same language, and refuses a chain that loops."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        source = _source_page(self.instance) if self.instance.pk else self.instance
        field = self.fields.get("prerequisites")
        if field is not None:
            locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
            field.queryset = (
                self._meta.model.objects.filter(locale_id=locale_id)
                .exclude(translation_key=self.instance.translation_key)
                .order_by("title")
            )
            if source.pk != self.instance.pk:
                # Learners are held to the source-language course's prerequisites; a translation's
                # own choice would be ignored, so it is shown but not editable.
                field.disabled = True
                field.help_text = _("Prerequisites are chosen on the course in the language it was written in.")
        self._limit_open_to(source)

    def _limit_open_to(self, source: Page) -> None:
        """Open ministries are offered, and any already chosen; a translation shows its source's choice."""
        field = self.fields.get("open_to")
        if field is None:
            return
        chosen = list(source.open_to.values_list("pk", flat=True)) if source.pk else []
        field.queryset = field.queryset.filter(Q(closed_at__isnull=True) | Q(pk__in=chosen)).order_by("name_en")
        field.label_from_instance = lambda unit: unit.name
        if source.pk != self.instance.pk:
            # The same audience in every language: saving the translation copies the source's choice.
            field.disabled = True
            self.initial["open_to"] = chosen
            field.help_text = _("Who may take the course is chosen on the course in the language it was written in.")

    def clean_prerequisites(self):
        chosen = self.cleaned_data.get("prerequisites") or []
        own_key = self.instance.translation_key
        # Walk the prerequisites of the prerequisites (by translation key, so any language counts).
        seen: set = set()
        frontier = {course.translation_key for course in chosen}
        while frontier:
            if own_key in frontier:
                raise ValidationError(
                    _("These prerequisites would make the course a prerequisite of itself; remove one of them.")
                )
            seen |= frontier
            frontier = (
                set(
                    self._meta.model.prerequisites.through.objects.filter(
                        from_coursepage__translation_key__in=frontier
                    ).values_list("to_coursepage__translation_key", flat=True)
                )
                - seen
            )
        return chosen
