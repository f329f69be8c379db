"""A line manager in a browser, in Arabic and English: "My team" from the main menu, the team's overdue
training, the overdue-only filter, and reminding one person (once: the button goes, the page says so)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from assignments import services as assignment_services
from assignments.models import Assignment
from notifications.models import Notification
from tests.browser.conftest import PASSWORD, PHONE, person
from tests.browser.test_small_screens import OVERFLOW
from tests.factories import add_course, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def managed_team(catalogue, catalogue_en):
    def build(language: str):
        manager = person("manager.huda", language)
        manager.employee.full_name_ar, manager.employee.full_name_en = "هدى البلوشية", "Huda Al Balushi"
        manager.employee.save()
        late = person("salim", "ar")
        late.employee.full_name_ar, late.employee.full_name_en = "سالم الحارثي", "Salim Al Harthy"
        on_time = person("aisha", "en")
        indirect = person("badr", "en")
        for member, boss in ((late, manager), (on_time, manager), (indirect, on_time)):
            member.employee.manager = boss.employee
            member.employee.save()
        course = add_course(catalogue, title="الأمن السيبراني", modules=2)
        translate(course, "en", title="Cybersecurity awareness", slug="cybersecurity-awareness")
        for people, due in (([late], -9), ([on_time, indirect], 12)):
            assignment = assignment_services.create_assignment(
                course=course,
                created_by=manager,
                due_rule=Assignment.DueRule.ON_DATE,
                due_on=timezone.localdate() + datetime.timedelta(days=due),
                employees=[member.employee for member in people],
            )
            assignment_services.sync_assignment(assignment_id=assignment.pk)
        return manager, late

    return build


WIDE = {"width": 1366, "height": 900}


def _fits_the_phone(visitor, name: str) -> None:
    """Nothing wider than a 375 px phone; also a screenshot at a 1366 px laptop width."""
    page = visitor.page
    page.set_viewport_size(PHONE)
    measured = page.evaluate(OVERFLOW)
    assert measured["scroll"] <= measured["width"] and not measured["widest"], measured
    page.set_viewport_size(WIDE)
    page.screenshot(path=visitor.folder / f"{name}-{visitor.language}-1366px.png", full_page=True)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_manager_opens_my_team_and_reminds_someone(language, visitor_for, managed_team):
    manager, late = managed_team(language)
    visitor = visitor_for(language)
    page = visitor.page
    visitor.log_in(manager.username, PASSWORD)
    page.get_by_role("navigation", name=visitor.t("Main")).get_by_role("link", name=visitor.t("My team")).click()
    page.wait_for_url(f"**/{language}/learning/team/")
    visitor.check("my-team")
    late_name = late.employee.full_name_ar if language == "ar" else late.employee.full_name_en
    cards = page.locator(".team-member")
    assert cards.count() == 3  # two direct reports and one indirect
    _fits_the_phone(visitor, "my-team")

    page.get_by_label(visitor.t("Only people with overdue training")).check()
    with translation.override(language):
        apply = translation.pgettext("filters", "Apply")
    page.get_by_role("button", name=apply).click()
    page.wait_for_url("**overdue=on**")
    assert cards.count() == 1
    card = cards.first
    assert late_name in card.inner_text() and visitor.t("Overdue") in card.inner_text()
    visitor.check("my-team-overdue")

    card.get_by_role("button", name=visitor.t("Remind")).click()
    page.wait_for_url("**overdue=on**")
    sent = visitor.t("Reminder sent to %(name)s.") % {"name": late_name}
    page.get_by_text(sent).wait_for()
    assert page.locator(".team-member").first.get_by_role("button", name=visitor.t("Remind")).count() == 0
    assert visitor.t("Reminded today") in page.locator(".team-member").first.inner_text()
    visitor.check("my-team-reminded")
    _fits_the_phone(visitor, "my-team-reminded")
    assert Notification.objects.filter(kind="team_reminder", recipient=late).count() == 1
