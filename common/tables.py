"""Table columns for report listings."""

from __future__ import annotations

import datetime

from django.utils.html import format_html
from wagtail.admin.ui.tables import Column

from .formatting import format_date, format_datetime


class TextColumn(Column):
    """A plain cell rendered in Python with the same markup as Wagtail's ``tables/cell.html``.

    A report page has hundreds of cells; rendering a template for each one was a large share of the
    learner-detail page's time at national scale.
    """

    def render_cell_html(self, instance, parent_context) -> str:
        value = self.get_value(instance)
        if value is None:
            text = ""
        elif isinstance(value, datetime.datetime):
            text = format_datetime(value)
        elif isinstance(value, datetime.date):
            text = format_date(value)
        else:
            # Numbers stay plain: employee numbers and counts are read and typed as they are.
            text = str(value)
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


class LocalDateColumn(Column):
    """A date written by the formatting rule ("2 December 2026"). Wagtail's DateColumn writes a time
    since, which reads a date (no time) as midnight: "Issued 10 hours ago", "Expires: Just now"."""

    def render_cell_html(self, instance, parent_context) -> str:
        value = self.get_value(instance)
        text = format_date(value) if value else self.empty_value_display
        return format_html("<td>{}</td>", text)
