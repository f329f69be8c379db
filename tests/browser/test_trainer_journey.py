"""A trainer, in Arabic and in English, writes a course in the Wagtail admin and sends it for review; an
administrator approves it and it is live in the catalogue."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
import wagtail
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.users.models import UserProfile

from courses.models import CoursePage, ModulePage
from people.services import ADMINISTRATORS, TRAINERS
from tests.browser.conftest import Visitor
from tests.factories import EmployeeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "pass-word-123"
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}
TITLES = {"ar": "أساسيات تحليل البيانات", "en": "Data analysis basics"}
SUMMARIES = {"ar": "مدخل إلى قراءة البيانات الحكومية.", "en": "An introduction to reading government data."}
TEXTS = {
    "ar": "البيانات المفتوحة بيانات تنشرها الجهات لكل من يريد استخدامها.",
    "en": "Open data is data anyone may use.",
}
QUIZ_TITLES = {"ar": "تحقق من فهمك", "en": "Check your understanding"}
QUESTIONS = {"ar": "من يستطيع استخدام البيانات المفتوحة؟", "en": "Who may use open data?"}
ANSWERS = {"ar": ("أي شخص", "موظفو الجهة فقط"), "en": ("Anyone", "Only the ministry's staff")}
ALT_TEXTS = {"ar": "صفحة بوابة البيانات المفتوحة", "en": "The open data portal's home page"}
MODULE_TITLES = {"ar": "ما البيانات المفتوحة؟", "en": "What is open data?"}


def staff(username: str, group: str, language: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    EmployeeFactory(user=user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


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
    page = visitor.page
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Save draft")).click()


def fill_title(visitor: Visitor, title: str) -> None:
    """Type the title and leave the field, as a person does: the admin derives the slug from it then."""
    title_field = visitor.page.get_by_role("textbox", name=labelled(visitor, "title"))
    title_field.fill(title)
    title_field.press("Tab")
    expect(visitor.page.locator('[name="slug"]')).not_to_have_value("")


def insert_block(visitor: Visitor, stream, block_label: str) -> None:
    """Add a block at the end of a StreamField: the last "Insert a block" button, then the block's name."""
    stream.get_by_role("button", name=admin_script_text(visitor.language, "Insert a block")).last.click()
    visitor.page.get_by_role("option", name=visitor.t(block_label), exact=True).click()


@pytest.fixture
def image(roles):
    return Image.objects.create(title="Open data portal", file=get_test_image_file())


@pytest.mark.parametrize("language", ["ar", "en"])
def test_trainer_journey(language, visitor_for, roles, image, catalogue, catalogue_en):
    staff("trainer", TRAINERS, language)
    staff("reviewer", ADMINISTRATORS, language)
    source = catalogue if language == "ar" else catalogue_en
    other = "en" if language == "ar" else "ar"
    visitor = visitor_for(language)
    page = visitor.page
    visitor.log_in("trainer", PASSWORD)
    visitor.goto(f"/admin/pages/add/courses/coursepage/{source.id}/")
    fill_title(visitor, TITLES[language])
    page.locator('[name="summary"]').fill(SUMMARIES[language])
    page.locator('[name="skill_area"]').select_option("data_ai")
    save_draft(visitor)
    course = CoursePage.objects.get(title=TITLES[language])
    visitor.goto(f"/admin/pages/add/courses/modulepage/{course.id}/")
    fill_title(visitor, MODULE_TITLES[language])
    body = page.get_by_role("region", name=labelled(visitor, "body"))
    insert_block(visitor, body, "Rich text")
    body.get_by_role("textbox").last.fill(TEXTS[language])
    insert_block(visitor, body, "Quiz")
    quiz = body.get_by_role("region").filter(has=page.get_by_role("spinbutton", name=visitor.t("Attempt limit"))).last
    quiz.get_by_role("textbox", name=visitor.t("Title"), exact=True).fill(QUIZ_TITLES[language])
    insert_block(visitor, quiz, "Single-choice question")
    question = quiz.get_by_role("region").filter(has=page.get_by_role("checkbox", name=visitor.t("Correct"))).first
    question.get_by_role("textbox", name=labelled(visitor, "Question")).fill(QUESTIONS[language])
    question.get_by_role("button", name=visitor.t("Add"), exact=True).last.click()
    answers = question.get_by_role("textbox", name=labelled(visitor, "Answer"))
    answers.nth(0).fill(ANSWERS[language][0])
    answers.nth(1).fill(ANSWERS[language][1])
    question.get_by_role("checkbox", name=visitor.t("Correct")).first.check()

    insert_block(visitor, body, "Image")
    body.get_by_role("button", name=visitor.t("Choose an image")).click()
    page.get_by_role("dialog").get_by_role("link", name=image.title).click()
    body.get_by_role("textbox", name=visitor.t("Alt text")).fill(ALT_TEXTS[language])
    visitor.check("module-form", axe=False)  # screenshots and direction; the admin's editor is Wagtail's own
    save_draft(visitor)
    module = ModulePage.objects.get(title=MODULE_TITLES[language])
    assert [block.block_type for block in module.get_latest_revision_as_object().body] == ["paragraph", "quiz", "image"]

    # Translate the course and its module (wagtail-localize), then submit both for review.
    visitor.goto(f"/admin/pages/{course.id}/edit/")
    page.get_by_role("button", name=visitor.t("Actions"), exact=True).click()
    page.get_by_role("link", name=visitor.t("Translate this page"), exact=True).click()
    page.get_by_role("checkbox", name=visitor.t(LANGUAGE_NAMES[other])).check()
    page.locator('[name="include_subtree"]').check()
    visitor.check("translate-form", axe=False)
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Submit"), exact=True).click()
    translated = CoursePage.objects.get(translation_key=course.translation_key, locale__language_code=other)
    assert ModulePage.objects.child_of(translated).get().translation_key == module.translation_key

    for edited in (course, module):
        visitor.goto(f"/admin/pages/{edited.id}/edit/")
        page.get_by_role("button", name=visitor.t("More actions"), exact=True).click()
        with page.expect_navigation():
            page.get_by_role(
                "button",
                name=re.compile(
                    re.escape(visitor.t("Submit to %(workflow_name)s") % {"workflow_name": visitor.t("Course review")})
                ),
            ).click()
    # The reviewer (an administrator) approves both pages; approving the last task publishes them.
    reviewer = visitor_for(language, suffix="reviewer")
    reviewer.log_in("reviewer", PASSWORD)
    approve = visitor.t("%(label)s and Publish") % {"label": visitor.t("Approve")}
    for edited in (course, module):
        reviewer.goto(f"/admin/pages/{edited.id}/edit/")
        reviewer.page.get_by_role("button", name=visitor.t("More actions"), exact=True).click()
        with reviewer.page.expect_navigation():
            reviewer.page.get_by_role("button", name=approve, exact=True).click()
    course.refresh_from_db()
    assert course.live and ModulePage.objects.get(pk=module.pk).live

    # Live in the catalogue of its language, and in the other catalogue with the "only" badge until translated.
    reviewer.goto(f"/{language}/")
    reviewer.page.get_by_role("link", name=TITLES[language]).click()
    expect(reviewer.page.get_by_role("heading", level=1)).to_have_text(TITLES[language])
    reviewer.check("published-course")
