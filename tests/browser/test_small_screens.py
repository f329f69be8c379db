"""Every learner page fits a 375 px phone in both languages: nothing wider than the screen, and the
header menu, the catalogue filters and the module outline each one tap away."""

from __future__ import annotations

import pytest

from courses import services
from courses.models import ModulePage
from programmes.services import enrol_in_programme
from skills.models import CourseSkill, Skill
from skills.services import ensure_default_framework
from tests.browser.conftest import PHONE, person, signed_in_context, t
from tests.builders.courses import bilingual_course
from tests.builders.learning import complete_course
from tests.builders.programmes import add_programme
from tests.factories import translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The widest thing on the page and what it is, so a failure names the culprit. Content inside a box that
# scrolls sideways by design (a wide table in `.table-scroll`) may be wider than the screen; that box may not.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = node => ["auto", "scroll"].includes(getComputedStyle(node).overflowX);
  const insideScroller = element => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      if (scrolls(node)) return true;
    }
    return false;
  };
  let widest = null;
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1) && !insideScroller(element)) {
      if (!widest || box.width > widest.width) {
        const name = element.className.baseVal ?? element.className;
        widest = {tag: element.tagName, cls: name, width: box.width, left: box.left, right: box.right};
      }
    }
  }
  return {scroll: document.scrollingElement.scrollWidth, width, widest};
}"""


@pytest.fixture
def learner_pages(catalogue, catalogue_en, certificate_template, eager_celery):
    """A learner with a course in progress (with a quiz and skills), a completed one and its certificate, and a
    completed programme."""
    ensure_default_framework()
    learner = person("maryam", "ar")
    current = bilingual_course(
        catalogue,
        {"ar": "النظافة السيبرانية المتقدمة", "en": "Advanced cyber hygiene"},
        skill_area="cybersecurity",
        quiz=True,
    )
    done = bilingual_course(catalogue, {"ar": "أساسيات البيانات", "en": "Data basics"}, skill_area="data_ai")
    for course in (current, done):
        for position, skill in enumerate(Skill.objects.all()[:3]):
            CourseSkill.objects.create(course=course, skill=skill, level=2 + position % 2, sort_order=position)
    services.enrol(learner=learner, course=current)
    complete_course(learner, done)
    # A programme the learner has finished (with its certificate), so the transcript lists one.
    programme = add_programme(
        catalogue,
        title="برنامج أساسيات التحول الرقمي للقيادات الحكومية",
        courses=[(done, False), (current, True)],
    )
    translate(programme, "en", title="Digital transformation foundations for government leaders", slug="foundations")
    enrol_in_programme(learner=learner, programme=programme)
    modules = list(ModulePage.objects.child_of(current).order_by("path"))
    return learner, current, modules


def page_paths(language: str, current, modules) -> dict[str, str]:
    course = current if language == "ar" else current.get_translation(catalogue_locale(language))
    module_pages = [m if language == "ar" else m.get_translation(catalogue_locale(language)) for m in modules]
    return {
        "catalogue": f"/{language}/",
        "catalogue search": f"/{language}/?q=x&skill_area=cybersecurity",
        "course": course.url,
        "module": module_pages[0].url,
        "quiz module": module_pages[-1].url,
        "my learning": f"/{language}/learning/",
        "my skills": f"/{language}/learning/skills/",
        "my transcript": f"/{language}/learning/transcript/",
        "my certificates": f"/{language}/certificates/",
        "notifications": f"/{language}/learning/notifications/",
    }


def catalogue_locale(language: str):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_learner_page_fits_a_phone(language, chromium, live_server, learner_pages, tmp_path):
    learner, current, modules = learner_pages
    context = signed_in_context(chromium, live_server, learner, language, viewport=PHONE)
    page = context.new_page()
    too_wide = {}
    try:
        for name, path in page_paths(language, current, modules).items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{name}: {path} answered {response.status}"
            if name == "quiz module":
                page.get_by_role("button", name=t(language, "Start attempt")).click()
                page.wait_for_load_state("load")
            if name == "my transcript":
                # Both tables are there to measure: the courses and the programmes, each scrolling in its box.
                assert page.get_by_role("table").count() == 2
            measured = page.evaluate(OVERFLOW)
            if measured["scroll"] > measured["width"] or measured["widest"]:
                too_wide[name] = measured
                page.screenshot(path=tmp_path / f"{name}.png", full_page=True)
    finally:
        context.close()
    assert not too_wide, f"wider than a {PHONE['width']} px screen in {language}: {too_wide}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_menu_filters_and_outline_are_one_tap_away_on_a_phone(language, chromium, live_server, learner_pages):
    learner, current, modules = learner_pages
    context = signed_in_context(chromium, live_server, learner, language, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/{language}/")
        menu = page.get_by_role("button", name=t(language, "Menu"))
        my_learning = page.get_by_role("navigation", name=t(language, "Main")).get_by_role(
            "link", name=t(language, "My learning")
        )
        assert menu.get_attribute("aria-expanded") == "false" and not my_learning.is_visible()
        menu.click()
        assert menu.get_attribute("aria-expanded") == "true" and my_learning.is_visible()

        # The search stays in view; the filters wait behind their button unless one is set.
        skill_area = page.get_by_label(t(language, "Skill area"))
        assert page.get_by_label(t(language, "Search"), exact=True).is_visible() and not skill_area.is_visible()
        page.get_by_role("button", name=t(language, "Filters")).click()
        assert skill_area.is_visible()
        page.goto(f"{live_server.url}/{language}/?skill_area=cybersecurity")
        assert skill_area.is_visible()

        module = modules[0] if language == "ar" else modules[0].get_translation(catalogue_locale(language))
        page.goto(live_server.url + module.url)
        outline = page.get_by_role("heading", name=t(language, "Course outline"))
        top = page.evaluate("window.scrollY")
        page.get_by_role("link", name=t(language, "Course outline")).click()
        page.wait_for_function(f"window.scrollY > {top}")
        assert outline.is_visible() and outline.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    finally:
        context.close()

    desktop = chromium.new_context(locale=language)
    try:
        page = desktop.new_page()
        page.goto(f"{live_server.url}/{language}/")
        assert not page.get_by_role("button", name=t(language, "Menu")).is_visible()
        assert not page.get_by_role("button", name=t(language, "Filters")).is_visible()
        assert page.get_by_label(t(language, "Skill area")).is_visible()
    finally:
        desktop.close()
