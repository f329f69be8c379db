"""The personal calendar feed: every due date a person has, as iCalendar (RFC 5545) all-day events.

The address carries a secret token instead of a sign-in, because calendar apps fetch it on their own;
the person can revoke it (the old address then answers 404) and make a new one.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from courses.models import Enrolment
from notifications.kinds import course_titles, site_url
from programmes.models import ProgrammeEnrolment

from .models import CalendarFeed

PRODUCT_ID = "-//Qudra//Due dates//AR-EN"


def feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def new_feed(*, user: User) -> CalendarFeed:
    """A new secret address; the previous one, if any, stops working."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def revoke_feed(*, user: User) -> bool:
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def feed_owner(token: str) -> User | None:
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    return feed.user if feed else None


def _event(uid: str, summary: str, day, url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@qudra")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("summary", summary)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def due_dates_calendar(*, user: User, language: str) -> bytes:
    """The person's open courses and programmes with a due date, written in ``language``."""
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("Qudra: due dates"))
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        my_learning = site_url(reverse("courses:my_learning"))
        enrolments = list(
            Enrolment.objects.filter(learner=user, is_current=True, completed_at__isnull=True, due_date__isnull=False)
        )
        titles = course_titles(e.course_id for e in enrolments)
        for enrolment in enrolments:
            summary = _("Due: %(title)s") % {"title": titles.get((enrolment.course_id, language), "")}
            calendar.add_component(_event(f"enrolment-{enrolment.pk}", summary, enrolment.due_date, my_learning))
        programmes = ProgrammeEnrolment.objects.filter(
            learner=user, is_current=True, completed_at__isnull=True, due_date__isnull=False
        ).select_related("programme")
        for programme_enrolment in programmes:
            summary = _("Due: %(title)s") % {"title": programme_enrolment.programme.localized.title}
            uid = f"programme-{programme_enrolment.pk}"
            calendar.add_component(_event(uid, summary, programme_enrolment.due_date, my_learning))
    return calendar.to_ical()
