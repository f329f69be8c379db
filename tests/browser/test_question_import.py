"""A trainer, in Arabic and in English, opens "Import questions" from their module's editor, uploads a sheet
with a mistake (every problem listed, nothing saved), then the corrected sheet (questions in the draft)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from wagtail.admin.models import EditingSession

from courses.models import ModulePage
from people.services import TRAINERS
from tests.browser.conftest import PASSWORD, person
from tests.courses.quiz_course import quiz_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
HEADER = "type,question,answer_1,answer_2,answer_3,correct,explanation,points\n"
GOOD = HEADER + (
    "single_choice,ما البوابة التي تنشر الخدمات الإلكترونية؟,بوابة عُمان,مدونة,,1,لأنها البوابة الرسمية,1\n"
    "true_false,يجوز مشاركة كلمة المرور مع الزملاء.,,,,false,,\n"
)
MISTAKE = GOOD + 'single_choice,Which one?,A,B,C,"1,2",,\n'


def leave_the_editor(visitor, user, path: str) -> None:
    """Go elsewhere and wait for the editor's "release" beacon to land: a request still running when the test
    ends would meet the database being emptied."""
    visitor.goto(path)
    deadline = time.monotonic() + 10
    while EditingSession.objects.filter(user=user).exists():
        assert time.monotonic() < deadline, "the editor did not release its editing session within 10 seconds"
        time.sleep(0.1)


def sheet(text: str) -> dict:
    return {"name": "questions.csv", "mimeType": "text/csv", "buffer": text.encode()}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_trainer_imports_questions_into_their_module(language, visitor_for, roles, catalogue):
    trainer = person("trainer", language, TRAINERS)
    course, module = quiz_course(catalogue)
    for owned in (course, module):
        owned.owner = trainer
        owned.save()
    visitor = visitor_for(language)
    page = visitor.page
    visitor.log_in("trainer", PASSWORD)
    visitor.goto(f"/admin/pages/{module.id}/edit/")
    page.get_by_role("button", name=visitor.t("Actions"), exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name=visitor.t("Import questions"), exact=True).click()
    expect(page.get_by_role("link", name=visitor.t("Template (%(format)s)") % {"format": "XLSX"})).to_be_visible()
    visitor.check("import-page")

    page.get_by_label(visitor.t("Sheet of questions (CSV or XLSX)")).set_input_files(sheet(MISTAKE))
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Import questions"), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(visitor.t("Mark exactly one answer as correct."))
    # The refused sheet is answered with a 400, which the browser logs; nothing else may be logged.
    assert [text for text, _ in visitor.console_errors] == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    visitor.console_errors.clear()
    visitor.check("import-errors")
    assert not ModulePage.objects.get(pk=module.pk).has_unpublished_changes

    page.get_by_label(visitor.t("Sheet of questions (CSV or XLSX)")).set_input_files(sheet(GOOD))
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Import questions"), exact=True).click()
    assert page.url.endswith(f"/admin/pages/{module.id}/edit/")
    expect(page.get_by_text("بوابة عُمان").first).to_be_attached()
    visitor.check("imported", axe=False)  # the page editor is Wagtail's own
    (quiz,) = ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object().quizzes
    assert len(quiz.value["questions"]) == 6
    leave_the_editor(visitor, trainer, f"/admin/courses/modules/{module.id}/import-questions/")
