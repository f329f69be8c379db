"""A course from the trainer's first click to a learner's certificate, in Arabic and in English: the
trainer writes a course of two modules (one with a quiz) in the Wagtail admin, tries the quiz in the
preview and submits the course; the reviewer sees the checks and approves it; a learner sees both
modules, completes the course and the real worker issues the certificate."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
import wagtail
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import WorkflowState

from courses.models import CoursePage, Enrolment, ModulePage
from people.services import ADMINISTRATORS, TRAINERS
from tests.browser.conftest import PASSWORD, Visitor, person, wait_for_certificate
from tests.conftest import requires_redis

pytestmark = [pytest.mark.browser, requires_redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TITLES = {"ar": "أساسيات تحليل البيانات", "en": "Data analysis basics"}
SUMMARIES = {"ar": "مدخل إلى قراءة البيانات الحكومية.", "en": "An introduction to reading government data."}
MODULE_TITLES = {
    "ar": ("ما البيانات المفتوحة؟", "من يستخدم البيانات المفتوحة؟"),
    "en": ("What is open data?", "Who uses open data?"),
}
TEXTS = {
    "ar": "البيانات المفتوحة بيانات تنشرها الجهات لكل من يريد استخدامها.",
    "en": "Open data is data anyone may use.",
}
QUIZ_TITLES = {"ar": "تحقق من فهمك", "en": "Check your understanding"}
QUESTIONS = {"ar": "من يستطيع استخدام البيانات المفتوحة؟", "en": "Who may use open data?"}
ANSWERS = {"ar": ("أي شخص", "موظفو الجهة فقط"), "en": ("Anyone", "Only the ministry's staff")}
EXPLANATIONS = {"ar": "البيانات المفتوحة متاحة للجميع.", "en": "Open data is open to all."}
ALT_TEXTS = {"ar": "صفحة بوابة البيانات المفتوحة", "en": "The open data portal's home page"}


def admin_script_text(language: str, message: str) -> str:
    """Text the admin's JavaScript renders, from Wagtail's own script catalogue (djangojs)."""
    catalogue = gettext.translation(
        "djangojs", localedir=Path(wagtail.__file__).parent / "admin" / "locale", languages=[language], fallback=True
    )
    return catalogue.gettext(message)


def labelled(visitor: Visitor, label: str) -> re.Pattern:
    """A required field's accessible name: its translated label followed by Wagtail's asterisk."""
    return re.compile(rf"^{re.escape(visitor.t(label))}\s*\*?$", re.IGNORECASE)


def save_draft(visitor: Visitor) -> None:
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name=visitor.t("Save draft")).click()


def fill_title(visitor: Visitor, title: str) -> None:
    """Type the title and leave the field, as a person does: the admin derives the slug from it then."""
    title_field = visitor.page.get_by_role("textbox", name=labelled(visitor, "title"))
    title_field.fill(title)
    title_field.press("Tab")
    expect(visitor.page.locator('[name="slug"]')).not_to_have_value("")


def insert_block(visitor: Visitor, stream, block_label: str) -> None:
    """Add a block at the end of a StreamField: the last "Insert a block" button, then the block's name.

    The block menu opens only once the editor's scripts have wired the button; a click that lands
    before then opens nothing, so the click is repeated until the menu is there (state, not time).
    """
    option = visitor.page.get_by_role("option", name=visitor.t(block_label), exact=True)
    button = stream.get_by_role("button", name=admin_script_text(visitor.language, "Insert a block")).last
    for _attempt in range(5):
        button.click()
        try:
            option.wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeout:
            continue
    option.click()


def submit_for_review(visitor: Visitor, course: CoursePage) -> None:
    page = visitor.page
    visitor.goto(f"/admin/pages/{course.id}/edit/")
    page.get_by_role("button", name=visitor.t("More actions"), exact=True).click()
    label = visitor.t("Submit to %(workflow_name)s") % {"workflow_name": visitor.t("Course review")}
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(re.escape(label))).click()


def write_quiz(visitor: Visitor, body) -> None:
    page, language = visitor.page, visitor.language
    insert_block(visitor, body, "Quiz")
    quiz = body.get_by_role("region").filter(has=page.get_by_role("spinbutton", name=visitor.t("Attempt limit"))).last
    quiz.get_by_role("textbox", name=visitor.t("Title"), exact=True).fill(QUIZ_TITLES[language])
    insert_block(visitor, quiz, "Single-choice question")
    question_text = quiz.get_by_role("textbox", name=labelled(visitor, "Question"))
    expect(question_text).to_have_count(1)
    question_text.fill(QUESTIONS[language])
    question = quiz.get_by_role("region").filter(has=page.get_by_role("checkbox", name=visitor.t("Correct"))).first
    question.get_by_role("button", name=visitor.t("Add"), exact=True).last.click()
    answers = question.get_by_role("textbox", name=labelled(visitor, "Answer"))
    expect(answers).to_have_count(2)
    answers.nth(0).fill(ANSWERS[language][0])
    answers.nth(1).fill(ANSWERS[language][1])
    question.get_by_role("checkbox", name=visitor.t("Correct")).first.check()
    question.get_by_role("textbox", name=visitor.t("Explanation shown after submission")).fill(EXPLANATIONS[language])


def write_course(visitor: Visitor, image: Image) -> tuple[CoursePage, list[ModulePage]]:
    """From the dashboard's "New course" to a course with two draft modules, the second with a quiz."""
    page, language = visitor.page, visitor.language
    visitor.goto("/admin/")
    page.get_by_role("link", name=visitor.t("New course")).first.click()
    fill_title(visitor, TITLES[language])
    page.locator('[name="summary"]').fill(SUMMARIES[language])
    page.locator('[name="skill_area"]').select_option("data_ai")
    page.get_by_role("checkbox", name=re.compile(re.escape(visitor.t("offered in one language only")), re.I)).check()
    save_draft(visitor)
    course = CoursePage.objects.get(title=TITLES[language])
    # Saving a course without modules leads straight to its first module.
    expect(page).to_have_url(re.compile(rf"/admin/pages/add/courses/modulepage/{course.id}/$"))
    for number, title in enumerate(MODULE_TITLES[language], start=1):
        if number > 1:
            visitor.goto(f"/admin/pages/add/courses/modulepage/{course.id}/")
        fill_title(visitor, title)
        body = page.get_by_role("region", name=labelled(visitor, "body"))
        insert_block(visitor, body, "Rich text")
        body.get_by_role("textbox").last.fill(TEXTS[language])
        if number == 2:
            write_quiz(visitor, body)
            insert_block(visitor, body, "Image")
            body.get_by_role("button", name=visitor.t("Choose an image")).click()
            page.get_by_role("dialog").get_by_role("link", name=image.title).click()
            body.get_by_role("textbox", name=visitor.t("Alt text")).fill(ALT_TEXTS[language])
            visitor.check("module-form", axe=False)  # the editor is Wagtail's own: screenshots and direction
        save_draft(visitor)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    assert [module.title for module in modules] == list(MODULE_TITLES[language])
    blocks = [block.block_type for block in modules[1].get_latest_revision_as_object().body]
    assert blocks == ["paragraph", "quiz", "image"]
    return course, modules


def try_quiz_in_preview(visitor: Visitor, module: ModulePage) -> None:
    page, language = visitor.page, visitor.language
    visitor.goto(f"/admin/pages/{module.id}/view_draft/")
    expect(page.get_by_role("heading", level=1)).to_have_text(MODULE_TITLES[language][1])
    page.get_by_role("radio", name=ANSWERS[language][1]).check()
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Check my answers")).click()
    expect(page.get_by_text(EXPLANATIONS[language])).to_be_visible()
    expect(page.locator(".quiz-result.is-failed")).to_be_visible()
    visitor.check("quiz-preview-feedback", axe=False)  # the preview carries Wagtail's user bar
    with page.expect_navigation():
        page.get_by_role("link", name=visitor.t("Try again")).click()
    page.get_by_role("radio", name=ANSWERS[language][0]).check()
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Check my answers")).click()
    expect(page.locator(".quiz-result.is-passed")).to_be_visible()


def learn(visitor: Visitor, course: CoursePage) -> None:
    page, language = visitor.page, visitor.language
    visitor.goto(course.url)
    outline = page.locator(".module-list .module-title")
    expect(outline).to_have_text(list(MODULE_TITLES[language]))
    visitor.check("course")
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Enrol in this course")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MODULE_TITLES[language][0])
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Mark as complete")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MODULE_TITLES[language][1])
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Start attempt")).click()
    page.get_by_role("radio", name=ANSWERS[language][0]).check()
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Submit answers")).click()
    expect(page.get_by_text(visitor.t("Congratulations! You have completed this course."))).to_be_visible()
    visitor.check("course-completed")


@pytest.fixture
def image(roles):
    return Image.objects.create(title="Open data portal", file=get_test_image_file())


@pytest.mark.parametrize("language", ["ar", "en"])
def test_trainer_journey(
    language,
    visitor_for,
    roles,
    image,
    catalogue,
    catalogue_en,
    certificate_template,
    celery_worker_thread,
):
    person("trainer", language, TRAINERS)
    person("reviewer", language, ADMINISTRATORS)
    learner = person("learner", language)
    visitor = visitor_for(language)
    visitor.log_in("trainer", PASSWORD)
    course, modules = write_course(visitor, image)
    try_quiz_in_preview(visitor, modules[1])
    assert not Enrolment.objects.exists()

    submit_for_review(visitor, course)
    # One review: the course and both of its new modules are in it.
    states = WorkflowState.objects.filter(object_id__in=[str(page.pk) for page in [course, *modules]])
    assert sorted(states.values_list("status", flat=True)) == ["in_progress"] * 3

    reviewer = visitor_for(language, suffix="reviewer")
    reviewer.log_in("reviewer", PASSWORD)
    reviewer.goto(f"/admin/pages/{course.id}/edit/")
    checks = reviewer.page.locator(".review-checks")
    expect(checks).to_contain_text(reviewer.t("At least one required module is published or goes live with the course"))
    expect(checks.locator(".is-failed")).to_have_count(0)
    expect(checks.get_by_role("link")).to_have_text(list(MODULE_TITLES[language]))
    reviewer.check("review-checks", axe=False)
    reviewer.page.get_by_role("button", name=reviewer.t("More actions"), exact=True).click()
    approve = reviewer.t("%(label)s and Publish") % {"label": reviewer.t("Approve")}
    with reviewer.page.expect_navigation():
        reviewer.page.get_by_role("button", name=approve, exact=True).click()
    assert CoursePage.objects.get(pk=course.pk).live
    assert [module.live for module in ModulePage.objects.child_of(course).order_by("path")] == [True, True]

    student = visitor_for(language, suffix="learner")
    student.log_in("learner", PASSWORD)
    learn(student, CoursePage.objects.get(pk=course.pk))
    certificate = wait_for_certificate(learner)
    assert certificate.enrolment.course_id == course.pk
