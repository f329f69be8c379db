"""A learner, in Arabic and in English: log in, find a course, enrol, learn, pass the quiz, get the certificate."""

from __future__ import annotations

import re
import unicodedata

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from pypdf import PdfReader

from common.formatting import format_hours
from courses.models import CoursePage, ModulePage
from tests.browser.conftest import Visitor, t, wait_for_certificate
from tests.builders.courses import bilingual_course
from tests.conftest import requires_redis
from tests.factories import EmployeeFactory, UserFactory

pytestmark = [pytest.mark.browser, requires_redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "pass-word-123"
TARGET = {"ar": "النظافة السيبرانية", "en": "Cyber hygiene"}
SEARCH_WORD = {"ar": "النظافة", "en": "hygiene"}
# One course matches the search only, one the filter only: only search and filter together leave the target.
SEARCH_ONLY = {"ar": "النظافة في البيانات", "en": "Data hygiene"}
FILTER_ONLY = {"ar": "الوعي بالتصيد", "en": "Phishing awareness"}


@pytest.fixture
def target_course(catalogue, catalogue_en) -> CoursePage:
    bilingual_course(catalogue, SEARCH_ONLY, skill_area="data_ai")
    bilingual_course(catalogue, FILTER_ONLY, skill_area="cybersecurity")
    return bilingual_course(catalogue, TARGET, skill_area="cybersecurity", quiz=True)


@pytest.fixture
def employee(db):
    return EmployeeFactory(
        user=UserFactory(username="salim"), full_name_en="Salim Nasser Al-Harthi", full_name_ar="سالم ناصر الحارثي"
    )


def correct_answers(course: CoursePage) -> dict[str, str]:
    """{question block id: id of its right choice}, read from the source modules' quizzes in the database."""
    answers = {}
    for module in ModulePage.objects.child_of(course):
        for block in module.body:
            if block.block_type == "quiz":
                for question in block.value["questions"]:
                    right = [item for item in question.value["choices"].bound_blocks if item.value["correct"]]
                    answers[question.id] = right[0].id
    assert answers, "the course has no quiz"
    return answers


def progress(visitor: Visitor) -> int:
    """The progress bar's value, after checking its visible text equivalent says the same."""
    bar = visitor.page.get_by_role("progressbar").first
    percent = int(bar.get_attribute("value"))
    words = visitor.t("%(percent)s complete") % {"percent": f"{percent}%"}
    assert bar.get_attribute("aria-valuetext") == words
    assert visitor.page.locator(".progress-label").first.inner_text() == words
    return percent


def assert_navigation_mirrored(visitor: Visitor) -> None:
    """Arabic reads right to left: the brand sits on the right and the first menu item right of the second."""
    page = visitor.page
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    items = page.get_by_role("navigation", name=visitor.t("Main")).get_by_role("link")
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    if visitor.language == "ar":
        assert brand["x"] + brand["width"] / 2 > width / 2
        assert first["x"] > second["x"]
    else:
        assert brand["x"] + brand["width"] / 2 < width / 2
        assert first["x"] < second["x"]


def pdf_text(path) -> str:
    reader = PdfReader(path)
    return unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))


def table_records(table) -> list[dict[str, str]]:
    """Each body row of a table as {column header: the cell's visible text}, as a reader pairs them."""
    headers = table.locator("thead").get_by_role("columnheader").all_inner_texts()
    return [
        dict(zip(headers, (text.strip() for text in row.get_by_role("cell").all_inner_texts()), strict=True))
        for row in table.locator("tbody").get_by_role("row").all()
    ]


def check_transcript(visitor: Visitor, course: CoursePage, certificate, tmp_path) -> None:
    """My transcript, opened from the main menu: the completed course, its hours and certificate code, and
    the bilingual PDF with the learner's names, the course's titles and the code."""
    page = visitor.page
    language = visitor.language
    page.get_by_role("navigation", name=visitor.t("Main")).get_by_role("link", name=visitor.t("My transcript")).click()
    assert page.get_by_role("heading", level=1).inner_text() == visitor.t("My transcript")
    with translation.override(language):
        hours = format_hours(course.estimated_hours)
        totals = ngettext("%(counter)s course completed.", "%(counter)s courses completed.", 1) % {"counter": 1}
    assert totals in page.locator(".transcript-totals").inner_text()
    courses = page.get_by_role("region", name=visitor.t("Courses"))
    [record] = table_records(courses.get_by_role("table"))
    assert record[visitor.t("Course")] == TARGET[language]
    assert record[visitor.t("Hours")] == hours
    assert record[visitor.t("Status")].startswith(visitor.t("Completed"))
    assert record[visitor.t("Certificate")] == certificate.display_code
    code_link = courses.get_by_role("link", name=certificate.display_code)
    assert code_link.get_attribute("href") == f"/{language}/verify/{certificate.display_code}/"
    visitor.check("my-transcript")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=visitor.t("Download PDF (Arabic and English)")).click()
    download = download_info.value
    assert download.suggested_filename == f"transcript-{certificate.holder.employee.employee_number}.pdf"
    pdf_path = tmp_path / "transcript.pdf"
    download.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf_path)
    for words in ("Salim Nasser Al-Harthi", "سالم ناصر الحارثي", TARGET["en"], TARGET["ar"], certificate.display_code):
        assert words in text, f"the transcript PDF does not read {words!r}:\n{text}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_learner_journey(
    language, visitor_for, live_server, settings, target_course, employee, celery_worker_thread, tmp_path
):
    settings.CERTIFICATES_BASE_URL = live_server.url  # the address printed on the PDF and in its QR code
    visitor = visitor_for(language)
    page = visitor.page
    title = TARGET[language]
    sources = list(ModulePage.objects.child_of(target_course).order_by("path"))
    module_titles = [m.title if language == "ar" else f"{title}: part {n}" for n, m in enumerate(sources, start=1)]

    visitor.log_in("salim", PASSWORD)
    visitor.check("my-learning")
    assert_navigation_mirrored(visitor)
    page.get_by_role("navigation", name=visitor.t("Main")).get_by_role("link", name=visitor.t("Catalogue")).click()
    visitor.check("catalogue")

    # Find the course: the search alone and the filter alone would each leave a near miss in the list.
    page.get_by_label(visitor.t("Search"), exact=True).fill(SEARCH_WORD[language])
    page.get_by_label(visitor.t("Skill area")).select_option(label=visitor.t("Cybersecurity"))
    page.get_by_role("button", name=visitor.t("Find courses")).click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name=title).count() == 1
    assert page.get_by_role("link", name=SEARCH_ONLY[language]).count() == 0
    assert page.get_by_role("link", name=FILTER_ONLY[language]).count() == 0
    visitor.check("catalogue-search")

    page.get_by_role("link", name=title).click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    visitor.check("course")
    page.get_by_role("button", name=visitor.t("Enrol in this course")).click()

    # Every module: two are read and marked complete, the last is completed by passing its quiz.
    answers = correct_answers(target_course)
    seen = []
    for number, module_title in enumerate(module_titles, start=1):
        page.wait_for_load_state("load")
        assert page.get_by_role("heading", level=1).inner_text() == module_title
        seen.append(progress(visitor))
        visitor.check(f"module-{number}")
        if number < len(module_titles):
            page.get_by_role("button", name=visitor.t("Mark as complete")).click()
            continue
        page.get_by_role("button", name=visitor.t("Start attempt")).click()
        for question_id, choice_id in answers.items():
            page.locator(f'input[name="question-{question_id}"][value="{choice_id}"]').check()
        visitor.check("quiz-attempt")
        page.get_by_role("button", name=visitor.t("Submit answers")).click()
    assert seen == [0, 33, 67]

    # Passing returns to the quiz, so its result and explanations are read before moving on.
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == module_titles[-1]
    assert page.locator(".quiz-result.is-passed").is_visible()
    assert page.locator(".question .feedback.is-correct").first.is_visible()
    assert progress(visitor) == 100
    assert page.get_by_text(visitor.t("Congratulations! You have completed this course.")).is_visible()
    visitor.check("quiz-passed")
    page.get_by_role("link", name=visitor.t("Course completed: see your certificate")).click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert progress(visitor) == 100
    visitor.check("course-completed")

    certificate = wait_for_certificate(employee.user)
    main_menu = page.get_by_role("navigation", name=visitor.t("Main"))
    main_menu.get_by_role("link", name=visitor.t("My certificates")).click()
    visitor.check("my-certificates")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(re.escape(visitor.t("Download PDF")))).click()
    pdf_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf_path)
    assert "Salim Nasser Al-Harthi" in text
    assert certificate.display_code in text
    check_transcript(visitor, target_course, certificate, tmp_path)

    # The address printed under the QR code (and encoded in it) opens the public verification page, in the
    # certificate's default language; the learner's language is one switch away.
    verify_address = re.search(r"(https?://\S+/verify/[A-Z0-9-]+/)", text.replace("\n", "")).group(1)
    assert verify_address.startswith(f"{live_server.url}/ar/verify/{certificate.display_code}/")
    page.goto(verify_address)
    assert page.get_by_text(t("ar", "Valid certificate")).is_visible()
    page.goto(verify_address.replace("/ar/", f"/{language}/", 1))
    assert page.get_by_text(visitor.t("Valid certificate")).is_visible()
    assert page.locator("#main").get_by_text("Salim Nasser Al-Harthi").is_visible()
    visitor.check("verify")


# A focus indicator of at least 2 px on the element, an ancestor (quiz choices ring their label) or a
# pseudo-element (course cards ring the whole card).
FOCUS_RING = """el => {
  for (let node = el, depth = 0; node && depth < 3; node = node.parentElement, depth++) {
    for (const style of [getComputedStyle(node), getComputedStyle(node, '::after')]) {
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) return true;
    }
  }
  return false;
}"""


def tab_to(visitor: Visitor, target, *, limit: int = 60) -> None:
    """Press Tab until `target` has the focus, and check the focus is visible on the way in."""
    page = visitor.page
    handle = target.element_handle()
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            assert page.evaluate(FOCUS_RING, handle), f"no visible focus on {target}"
            return
    raise AssertionError(f"{target} cannot be reached with Tab in {limit} presses (a trap or no focus)")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_learner_journey_by_keyboard_only(language, visitor_for, target_course, employee):
    """Tab to move, Enter to follow links and press buttons, arrow keys inside a radio group (as browsers do)."""
    visitor = visitor_for(language, suffix="keyboard")
    page = visitor.page
    visitor.goto(f"/{language}/accounts/login/?next=/{language}/")
    username = page.get_by_label(visitor.t("Username"))
    assert page.evaluate("el => document.activeElement === el", username.element_handle())  # autofocus
    page.keyboard.type("salim")
    tab_to(visitor, page.get_by_label(visitor.t("Password"), exact=True))
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{visitor.base_url}/{language}/"

    # On a fresh page the first Tab reaches the skip link, which then shows and moves the focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=visitor.t("Skip to content"))
    assert page.evaluate("el => document.activeElement === el", skip.element_handle())
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    title = TARGET[language]
    for name in (
        title,
        visitor.t("Enrol in this course"),
        visitor.t("Mark as complete"),
        visitor.t("Mark as complete"),
    ):
        tab_to(visitor, page.get_by_role("link" if name == title else "button", name=name))
        with page.expect_navigation():
            page.keyboard.press("Enter")
    tab_to(visitor, page.get_by_role("button", name=visitor.t("Start attempt")))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for question_id, choice_id in correct_answers(target_course).items():
        tab_to(visitor, page.locator(f'input[name="question-{question_id}"]').first)
        right = page.locator(f'input[name="question-{question_id}"][value="{choice_id}"]')
        page.keyboard.press("Space")
        for _step in range(5):
            if right.is_checked():
                break
            page.keyboard.press("ArrowDown")
        assert right.is_checked()
    tab_to(visitor, page.get_by_role("button", name=visitor.t("Submit answers")))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(visitor.t("Congratulations! You have completed this course.")).is_visible()
    assert progress(visitor) == 100
    visitor.check("completed-by-keyboard")
