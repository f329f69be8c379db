"""The page of a completed course with what comes next in the learner's programmes, in both languages:
checked (axe, direction), screenshotted, and fitting a 375 px phone."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from programmes import services
from tests.browser.conftest import PASSWORD, PHONE, person
from tests.builders.learning import complete_course
from tests.builders.programmes import add_programme, track  # noqa: F401  (fixture)
from tests.factories import add_course, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def finished_basics(track, catalogue, certificate_template, eager_celery):  # noqa: F811  (fixture)
    """Basics completed: next in the four-course track, and the last course left of a short programme."""
    learner = person("salim", "ar")
    privacy = add_course(catalogue, title="حماية البيانات الشخصية في الجهات الحكومية", modules=1)
    translate(privacy, "en", title="Protecting personal data in government bodies", slug="privacy-en")
    short = add_programme(
        catalogue, title="برنامج الوعي بالخدمات الرقمية", courses=[(track.basics, False), (privacy, False)]
    )
    translate(short, "en", title="Digital services awareness", slug="awareness-en")
    services.enrol_in_programme(learner=learner, programme=track.programme)
    services.enrol_in_programme(learner=learner, programme=short)
    complete_course(learner, privacy)
    complete_course(learner, track.basics)
    return learner, track.basics


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_completed_course_offers_what_comes_next(language, visitor_for, finished_basics):
    learner, basics = finished_basics
    visitor = visitor_for(language)
    visitor.log_in(learner.username, PASSWORD)
    course = basics if language == "ar" else basics.get_translation(Locale.objects.get(language_code="en"))
    visitor.goto(course.url)
    page = visitor.page

    offers = page.locator(".programme-next")
    assert offers.count() == 2
    assert offers.nth(0).get_by_role("link").count() == 1
    visitor.check("completed-course-next")
    for size, suffix in ((WIDE, "1366px"), (PHONE, "375px")):
        page.set_viewport_size(size)
        page.wait_for_function(f"document.documentElement.clientWidth <= {size['width']}")
        page.screenshot(path=visitor.folder / f"next-in-programme-{language}-{suffix}.png", full_page=True)
        page.locator(".course-actions").screenshot(path=visitor.folder / f"offers-{language}-{suffix}.png")
    # Still at the phone's width: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
