"""The one way Qudra writes dates, times, relative times, numbers, percentages and hours.

Every template (through ``{% load formatting %}``), e-mail, PDF and admin column asks here, so a page
never shows two spellings of the same date. The formats per language are in ``lms/formats``; the
rules, and why, are in ``docs/i18n.md``. Times are shown in the site's zone (Asia/Muscat), and "today"
and "yesterday" are the Muscat calendar's, whatever the server's clock says.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Number = int | float | Decimal

# The count an Arabic plural form is chosen by for a fraction: Arabic (like CLDR's "other" category)
# writes 1.5 ساعة, the form of 100; English writes "1.5 hours", the plural.
_FRACTION_PLURAL_COUNT = 100


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    return _local(value).date() if isinstance(value, datetime.datetime) else value


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """``2 December 2026`` / ``2 ديسمبر 2026``; a datetime is first moved to Muscat time."""
    if value is None:
        return ""
    return formats.date_format(_day(value), "DATE_FORMAT", use_l10n=True)


def format_short_date(value: datetime.date | datetime.datetime | None) -> str:
    """``02/12/2026`` in both languages: for tables and narrow columns."""
    if value is None:
        return ""
    return formats.date_format(_day(value), "SHORT_DATE_FORMAT", use_l10n=True)


def format_month(value: datetime.date | datetime.datetime | None) -> str:
    """``December 2026`` / ``ديسمبر 2026``: for monthly figures."""
    if value is None:
        return ""
    return formats.date_format(_day(value), "YEAR_MONTH_FORMAT", use_l10n=True)


def format_month_short(value: datetime.date) -> str:
    """``Dec 26``: a month under a chart's bar."""
    return formats.date_format(value, "M y", use_l10n=True)


def format_day_month(value: datetime.date) -> str:
    """``02/12``: a day under a chart's bar."""
    return formats.date_format(value, "d/m", use_l10n=True)


def format_time(value: datetime.datetime | datetime.time | None) -> str:
    """``09:45``: a 24-hour clock in both languages, in Muscat time."""
    if value is None:
        return ""
    local = _local(value) if isinstance(value, datetime.datetime) else value
    return formats.time_format(local, "TIME_FORMAT", use_l10n=True)


def format_datetime(value: datetime.datetime | None) -> str:
    """``2 December 2026, 09:45`` / ``2 ديسمبر 2026، 09:45`` in Muscat time."""
    if value is None:
        return ""
    return formats.date_format(_local(value), "DATETIME_FORMAT", use_l10n=True)


def _plural_count(value: Number) -> int:
    return int(value) if value == int(value) else _FRACTION_PLURAL_COUNT


def format_number(value: Number | None, decimals: int | None = None) -> str:
    """``12,345`` or ``12,345.5``: grouped thousands, at most ``decimals`` places (trailing zeros
    dropped); integers show no decimal point."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if value == int(value) else 1
    rounded = round(Decimal(str(value)), decimals)
    if rounded == rounded.to_integral_value():
        decimals = 0
    text = formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True)
    return text


def format_percent(value: Number | None, decimals: int = 1) -> str:
    """``50%``, ``66.7%``: ``value`` is already a percentage (0–100)."""
    if value is None:
        return ""
    return _("%(number)s%%") % {"number": format_number(value, decimals)}


def format_hours(value: Number | None) -> str:
    """``1 hour``, ``2 hours``, ``1.5 hours``; in Arabic the six plural forms (ساعة واحدة، ساعتان، 3 ساعات…)."""
    if value is None:
        return ""
    return ngettext("%(count)s hour", "%(count)s hours", _plural_count(value)) % {"count": format_number(value)}


def _days_between(earlier: datetime.date, later: datetime.date) -> int:
    return (later - earlier).days


def _relative_past(moment: datetime.datetime, now: datetime.datetime) -> str:
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        minutes = int(seconds // 60)
        return ngettext("%(count)s minute ago", "%(count)s minutes ago", minutes) % {"count": minutes}
    days = _days_between(moment.date(), now.date())
    if days == 0:
        hours = int(seconds // 3600)
        return ngettext("%(count)s hour ago", "%(count)s hours ago", hours) % {"count": hours}
    if days == 1:
        return _("yesterday at %(time)s") % {"time": format_time(moment)}
    if days < 7:
        return ngettext("%(count)s day ago", "%(count)s days ago", days) % {"count": days}
    return format_date(moment)


def _relative_future(moment: datetime.datetime, now: datetime.datetime) -> str:
    seconds = (moment - now).total_seconds()
    if seconds < 60:
        return _("in a moment")
    if seconds < 3600:
        minutes = int(seconds // 60)
        return ngettext("in %(count)s minute", "in %(count)s minutes", minutes) % {"count": minutes}
    days = _days_between(now.date(), moment.date())
    if days == 0:
        return _("today at %(time)s") % {"time": format_time(moment)}
    if days == 1:
        return _("tomorrow at %(time)s") % {"time": format_time(moment)}
    if days < 7:
        return ngettext("in %(count)s day", "in %(count)s days", days) % {"count": days}
    return format_date(moment)


def format_relative(value: datetime.datetime | None, *, now: datetime.datetime | None = None) -> str:
    """``5 minutes ago``, ``3 hours ago``, ``yesterday at 21:30``, ``4 days ago``, then the date; and the
    same ahead (``in 10 minutes``, ``tomorrow at 09:00``). Days are counted on the Muscat calendar, so
    at 00:30 something from 23:50 is "40 minutes ago" and something from 20:00 is "yesterday at 20:00"."""
    if value is None:
        return ""
    moment = _local(value)
    current = _local(now or timezone.now())
    if moment <= current:
        return _relative_past(moment, current)
    return _relative_future(moment, current)


def format_days_left(value: datetime.date, *, today: datetime.date | None = None) -> str:
    """A due date counted in Muscat calendar days: ``due today``, ``due in 3 days``, ``3 days overdue``."""
    days = _days_between(today or timezone.localdate(), value)
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("due in %(count)s day", "due in %(count)s days", days) % {"count": days}
    late = -days
    return ngettext("%(count)s day overdue", "%(count)s days overdue", late) % {"count": late}
