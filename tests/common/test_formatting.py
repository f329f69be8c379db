"""One formatting rule per language: dates, times, relative times, numbers, percentages and hours."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from common import formatting

MUSCAT = ZoneInfo("Asia/Muscat")
UTC = datetime.UTC


def muscat(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=MUSCAT)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "2 December 2026"), ("ar", "2 ديسمبر 2026")],
)
def test_a_date_reads_day_month_year_in_both_languages(language, expected):
    with translation.override(language):
        assert formatting.format_date(datetime.date(2026, 12, 2)) == expected
        assert formatting.format_short_date(datetime.date(2026, 12, 2)) == "02/12/2026"


def test_a_moment_is_shown_in_muscat_time_on_the_muscat_date():
    # 21:30 UTC on 1 December is 01:30 on 2 December in Muscat (UTC+4).
    moment = datetime.datetime(2026, 12, 1, 21, 30, tzinfo=UTC)
    with translation.override("en"):
        assert formatting.format_date(moment) == "2 December 2026"
        assert formatting.format_time(moment) == "01:30"
        assert formatting.format_datetime(moment) == "2 December 2026, 01:30"
    with translation.override("ar"):
        assert formatting.format_datetime(moment) == "2 ديسمبر 2026، 01:30"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_numbers_and_percentages_read_the_same_in_both_languages(language):
    with translation.override(language):
        assert formatting.format_number(12345) == "12,345"
        assert formatting.format_number(2.5) == "2.5"
        assert formatting.format_number(Decimal("3.00")) == "3"
        assert formatting.format_number(1234.567, 2) == "1,234.57"
        assert formatting.format_percent(50) == "50%"
        assert formatting.format_percent(Decimal("66.666")) == "66.7%"
        assert formatting.format_percent(100.0) == "100%"


def test_hours_use_the_six_arabic_plural_forms():
    with translation.override("ar"):
        forms = {n: formatting.format_hours(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 1.5)}
    assert forms == {
        0: "0 ساعة",
        1: "ساعة واحدة",
        2: "ساعتان",
        3: "3 ساعات",
        10: "10 ساعات",
        11: "11 ساعة",
        99: "99 ساعة",
        100: "100 ساعة",
        101: "101 ساعة",
        102: "102 ساعة",
        1.5: "1.5 ساعة",
    }
    with translation.override("en"):
        assert [formatting.format_hours(n) for n in (1, 2, 1.5, 1200)] == [
            "1 hour",
            "2 hours",
            "1.5 hours",
            "1,200 hours",
        ]


def test_relative_times_in_both_languages():
    now = muscat(2026, 12, 2, 12, 0)
    cases = [
        (now - datetime.timedelta(seconds=20), "just now", "الآن"),
        (now - datetime.timedelta(minutes=1), "1 minute ago", "قبل دقيقة واحدة"),
        (now - datetime.timedelta(minutes=2), "2 minutes ago", "قبل دقيقتين"),
        (now - datetime.timedelta(minutes=5), "5 minutes ago", "قبل 5 دقائق"),
        (now - datetime.timedelta(hours=3), "3 hours ago", "قبل 3 ساعات"),
        (now - datetime.timedelta(days=1), "yesterday at 12:00", "أمس الساعة 12:00"),
        (now - datetime.timedelta(days=4), "4 days ago", "قبل 4 أيام"),
        (now - datetime.timedelta(days=30), "2 November 2026", "2 نوفمبر 2026"),
        (now + datetime.timedelta(minutes=11), "in 11 minutes", "بعد 11 دقيقة"),
        (now + datetime.timedelta(hours=3), "today at 15:00", "اليوم الساعة 15:00"),
        (now + datetime.timedelta(days=1), "tomorrow at 12:00", "غدًا الساعة 12:00"),
        (now + datetime.timedelta(days=3), "in 3 days", "بعد 3 أيام"),
        (now + datetime.timedelta(days=365), "2 December 2027", "2 ديسمبر 2027"),
    ]
    for moment, english, arabic in cases:
        with translation.override("en"):
            assert formatting.format_relative(moment, now=now) == english
        with translation.override("ar"):
            assert formatting.format_relative(moment, now=now) == arabic


def test_relative_days_follow_the_muscat_calendar_not_utc():
    # 00:30 in Muscat on 2 December is still 1 December in UTC.
    now = datetime.datetime(2026, 12, 1, 20, 30, tzinfo=UTC)
    forty_minutes_earlier = datetime.datetime(2026, 12, 1, 19, 50, tzinfo=UTC)  # 23:50 Muscat, 1 December
    evening = datetime.datetime(2026, 12, 1, 16, 0, tzinfo=UTC)  # 20:00 Muscat, 1 December
    same_utc_day_morning = datetime.datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # 09:00 Muscat, 1 December
    with translation.override("en"):
        assert formatting.format_relative(forty_minutes_earlier, now=now) == "40 minutes ago"
        assert formatting.format_relative(evening, now=now) == "yesterday at 20:00"
        assert formatting.format_relative(same_utc_day_morning, now=now) == "yesterday at 09:00"


def test_days_left_counts_muscat_calendar_days():
    today = datetime.date(2026, 12, 2)
    with translation.override("en"):
        assert formatting.format_days_left(today, today=today) == "due today"
        assert formatting.format_days_left(datetime.date(2026, 12, 5), today=today) == "due in 3 days"
        assert formatting.format_days_left(datetime.date(2026, 11, 30), today=today) == "2 days overdue"
    with translation.override("ar"):
        assert formatting.format_days_left(datetime.date(2026, 12, 3), today=today) == "مستحقة غدًا"
        assert formatting.format_days_left(datetime.date(2026, 12, 1), today=today) == "متأخرة يومًا واحدًا"


def test_template_filters_apply_the_same_rules():
    template = Template(
        "{% load formatting %}{{ day|local_date }}|{{ score|percent }}|{{ hours|hours }}|{{ big|number }}"
    )
    context = Context({"day": datetime.date(2027, 1, 31), "score": 50, "hours": 2, "big": 250000})
    with translation.override("en"):
        assert template.render(context) == "31 January 2027|50%|2 hours|250,000"
    with translation.override("ar"):
        assert template.render(context) == "31 يناير 2027|50%|ساعتان|250,000"
