"""Table columns for report listings."""

from __future__ import annotations

from django.templatetags.l10n import unlocalize
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # public, but not in the stubs
from wagtail.admin.ui.tables import Column


class TextColumn(Column):
    """A plain cell rendered in Python with the same markup as Wagtail's ``tables/cell.html``.

    A report page has hundreds of cells; rendering a template for each one was a large share of the
    learner-detail page's time at national scale.
    """

    def render_cell_html(self, instance, parent_context) -> str:
        value = self.get_value(instance)
        if value is None:
            text = ""
        elif isinstance(value, int) and not isinstance(value, bool):
            text = unlocalize(value)
        else:
            text = localize(template_localtime(value))
        if not str(text).strip():
            text = self.empty_value_display
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, text)
        return format_html("<td>{}</td>", text)


class LinkColumn(Column):
    """A title cell linking somewhere, rendered in Python with the markup of Wagtail's ``title_cell.html``."""

    def __init__(self, name: str, *, get_url, **kwargs) -> None:
        super().__init__(name, **kwargs)
        self._get_url = get_url

    def render_cell_html(self, instance, parent_context) -> str:
        value = self.get_value(instance)
        text = "" if value is None else value
        url = self._get_url(instance)
        if url:
            return format_html('<td class="title"><div class="title-wrapper"><a href="{}">{}</a></div></td>', url, text)
        return format_html('<td class="title"><div class="title-wrapper">{}</div></td>', text)
