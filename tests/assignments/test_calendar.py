"""The personal calendar feed: a secret address with every due date, parsed as a calendar app would."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from assignments.models import CalendarFeed
from tests.assignments.conftest import assign

DUE = datetime.date(2027, 1, 31)


def _address(client: Client) -> str:
    page = client.get("/en/learning/notifications/").content.decode()
    start = page.index('id="calendar-address"')
    value = page[start:].split('value="', 1)[1].split('"', 1)[0]
    return value.removeprefix("http://127.0.0.1:8000")


def test_the_feed_lists_each_due_date_in_the_readers_language(client, hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("D1"), on=DUE)
    learner = org.people["d1a"].user
    client.force_login(learner)
    response = client.post("/en/learning/calendar/", {"action": "new"})
    assert response.status_code == 302
    address = _address(client)
    assert address.startswith("/en/learning/calendar/") and address.endswith(".ics")

    feed = Client().get(address)  # a calendar app: no session
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(feed.content).walk("VEVENT"))
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == [("Due: Cybersecurity awareness", DUE)]

    arabic = Client().get(address.replace("/en/", "/ar/", 1))
    (event,) = Calendar.from_ical(arabic.content).walk("VEVENT")
    with translation.override("ar"):
        assert str(event["SUMMARY"]) == gettext("Due: %(title)s") % {"title": "الأمن السيبراني"}


def test_a_revoked_or_replaced_address_answers_404(client, hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("D1"), on=DUE)
    client.force_login(org.people["d1a"].user)
    client.post("/en/learning/calendar/", {"action": "new"})
    first = _address(client)
    client.post("/en/learning/calendar/", {"action": "new"})
    second = _address(client)
    assert first != second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    client.post("/en/learning/calendar/", {"action": "revoke"})
    assert Client().get(second).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert "Make my calendar address" in client.get("/en/learning/notifications/").content.decode()


def test_the_feed_holds_only_its_owners_dates_and_bad_requests_are_refused(client, hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("D1"), on=DUE)
    stranger = org.people["d2a"].user  # not covered by the assignment
    client.force_login(stranger)
    client.post("/en/learning/calendar/", {"action": "new"})
    feed = Client().get(_address(client))
    assert list(Calendar.from_ical(feed.content).walk("VEVENT")) == []
    assert client.post("/en/learning/calendar/", {"action": "explode"}).status_code == 400
    assert client.get("/en/learning/calendar/").status_code == 405
    assert Client().post("/en/learning/calendar/", {"action": "new"}).status_code == 302  # to the login page
    assert Client().get("/en/learning/calendar/not-a-token.ics").status_code == 404
