"""A course open to one ministry: the editor's "Who may take the course" panel in both languages, and the
catalogue an insider and an outsider see, at 375 px and 1366 px."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from people.services import ADMINISTRATORS, ensure_roles
from tests.browser.conftest import ARTIFACTS, PHONE, signed_in_context, t
from tests.browser.test_small_screens import OVERFLOW
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1366, "height": 900}
FOLDER = ARTIFACTS / "course-audience"


def shoot(page, name: str) -> None:
    """Screenshots at 1366 px and 375 px; neither may scroll sideways."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    for label, size in (("1366px", WIDE), ("375px", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_function(f"document.documentElement.clientWidth <= {size['width']}")
        page.screenshot(path=FOLDER / f"{name}-{label}.png", full_page=True)
        if label == "375px":
            measured = page.evaluate(OVERFLOW)
            assert measured["scroll"] <= measured["width"], f"{name} overflows: {measured['widest']}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_catalogue_shows_the_course_to_its_ministry_only(chromium, live_server, audience, language):
    restricted = {"ar": audience.restricted.title, "en": audience.restricted_en.title}[language]
    for who, sees in (("insider", True), ("outsider", False)):
        context = signed_in_context(chromium, live_server, getattr(audience, who), language, viewport=WIDE)
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/")
        assert page.locator("html").get_attribute("lang") == language
        titles = page.locator(".course-card h2, .course-card h3").all_inner_texts()
        assert (restricted in " ".join(titles)) is sees, f"{who}: {titles}"
        assert titles, "the open course is listed to everyone"
        shoot(page, f"catalogue-{who}-{language}")
        context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_editor_panel_names_the_ministries_in_the_admins_language(chromium, live_server, audience, language):
    ensure_roles(catalogue=audience.restricted.get_parent())
    administrator = UserFactory(username=f"admin-{language}", is_superuser=True, is_staff=True)
    administrator.groups.add(Group.objects.get(name=ADMINISTRATORS))
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = language
    profile.save()
    context = signed_in_context(chromium, live_server, administrator, language, viewport=WIDE)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/pages/{audience.restricted.pk}/edit/")
    panel = page.locator("section", has_text=t(language, "Who may take the course")).last
    panel.scroll_into_view_if_needed()
    ministry_a = {"ar": "وزارة ألفا", "en": "Ministry Alpha"}[language]
    assert panel.get_by_label(ministry_a).is_checked()
    assert not panel.get_by_label({"ar": "وزارة برافو", "en": "Ministry Bravo"}[language]).is_checked()
    FOLDER.mkdir(parents=True, exist_ok=True)
    for label, size in (("1366px", WIDE), ("375px", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        panel.scroll_into_view_if_needed()
        panel.screenshot(path=FOLDER / f"editor-panel-{language}-{label}.png")
    context.close()
