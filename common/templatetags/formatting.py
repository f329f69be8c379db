"""Template filters for ``common.formatting``: ``{% load formatting %}``, then ``{{ value|local_date }}``.

Templates use these rather than Django's ``date``, ``time``, ``floatformat``, ``timesince`` or humanize
filters (``tests/test_codebase.py`` checks), so each value is written one way per language.
"""

from __future__ import annotations

from django import template

from common import formatting

register = template.Library()

register.filter("local_date", formatting.format_date)
register.filter("short_date", formatting.format_short_date)
register.filter("month_year", formatting.format_month)
register.filter("local_time", formatting.format_time)
register.filter("local_datetime", formatting.format_datetime)
register.filter("relative_time", formatting.format_relative)
register.filter("days_left", formatting.format_days_left)
register.filter("hours", formatting.format_hours)


@register.filter
def number(value, decimals=None) -> str:
    """``{{ n|number }}`` or ``{{ n|number:1 }}``."""
    return formatting.format_number(value, None if decimals is None else int(decimals))


@register.filter
def percent(value, decimals=1) -> str:
    """``{{ score|percent }}``: ``value`` is already 0–100."""
    return formatting.format_percent(value, int(decimals))
