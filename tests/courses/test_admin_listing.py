"""The page listing shows when a scheduled page goes live and when a live page expires, in the admin's
language and the organisation's time zone (Asia/Muscat)."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.builders.roles import speaks
from tests.factories import add_course, add_module

JANUARY_10_AT_6_30_UTC = datetime.datetime(2027, 1, 10, 6, 30, tzinfo=datetime.UTC)
MARCH_1_AT_19_00_UTC = datetime.datetime(2027, 3, 1, 19, 0, tzinfo=datetime.UTC)


def status_cells(html: str) -> dict[str, str]:
    """Each listed page's status cell as text, by the page's title."""
    body = html.split('<table class="listing', 1)[1].split("<tbody", 1)[1].split("</tbody>", 1)[0]
    cells = {}
    for row in body.split("</tr>")[:-1]:
        title = re.search(r'id="page_\d+_title"[^>]*>(.*?)</', row, re.S)
        status = next((cell for cell in row.split("<td")[1:] if "w-status" in cell), None)
        if title and status:
            cells[title.group(1).strip()] = " ".join(re.sub(r"<[^>]+>", " ", "<td" + status).split())
    return cells


@pytest.fixture
def course_with_a_schedule(trainer, catalogue):
    course = add_course(catalogue, title="Scheduled modules", modules=0, owner=trainer)
    upcoming = add_module(course, title="Upcoming module")
    upcoming.live = False
    upcoming.save()
    upcoming.go_live_at = JANUARY_10_AT_6_30_UTC
    upcoming.expire_at = MARCH_1_AT_19_00_UTC
    upcoming.save_revision(user=trainer).publish()
    expiring = add_module(course, title="Expiring module")
    expiring.expire_at = MARCH_1_AT_19_00_UTC
    expiring.save_revision(user=trainer).publish()
    add_module(course, title="Plain module")
    return course


@pytest.mark.parametrize(
    ("language", "upcoming", "expiring", "plain"),
    [
        (
            "en",
            "Current page status: scheduled Goes live: 10 January 2027 10:30 Expires: 1 March 2027 23:00",
            "Current page status: live Expires: 1 March 2027 23:00",
            "Current page status: live",
        ),
        (
            "ar",
            "حالة الصفحة الحالية: مجدول موعد النشر: 10 يناير 2027 10:30 موعد انتهاء النشر: 1 مارس 2027 23:00",
            "حالة الصفحة الحالية: نشط موعد انتهاء النشر: 1 مارس 2027 23:00",
            "حالة الصفحة الحالية: نشط",
        ),
    ],
)
def test_the_listing_shows_go_live_and_expiry_times(
    client, trainer, course_with_a_schedule, language, upcoming, expiring, plain
):
    client.force_login(speaks(trainer, language))

    response = client.get(f"/admin/pages/{course_with_a_schedule.pk}/")

    cells = status_cells(response.content.decode())
    assert cells["Upcoming module"] == upcoming
    assert cells["Expiring module"] == expiring
    assert cells["Plain module"] == plain
