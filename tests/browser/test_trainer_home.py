"""A trainer's admin home in Arabic and in English: "My courses", a new course that leads to its first module,
a quiz that shows no error before anything is typed, and the course review named in the admin's language."""

from __future__ import annotations

import datetime
import gettext
import re
from pathlib import Path

import pytest
import wagtail
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CoursePage, Enrolment
from people.services import TRAINERS
from tests.browser.conftest import Visitor
from tests.builders.roles import speaks
from tests.factories import EmployeeFactory, UserFactory, add_course, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "pass-word-123"
TITLES = {"ar": "أساسيات البيانات المفتوحة", "en": "Open data basics"}


@pytest.fixture
def trainer_courses(roles, catalogue, catalogue_en):
    """A trainer's live bilingual course with learners, and a course scheduled to go live next week."""
    trainer = UserFactory(username="trainer")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    EmployeeFactory(user=trainer)
    course = add_course(catalogue, title="التحول الرقمي", modules=3, owner=trainer)
    translate(course, "en", title="Digital transformation", slug="digital-transformation")
    for number in range(4):
        Enrolment.objects.create(
            learner=UserFactory(username=f"learner-{number}"),
            course=course,
            status=Enrolment.Status.COMPLETED if number == 0 else Enrolment.Status.IN_PROGRESS,
            completed_at=timezone.now() if number == 0 else None,
        )
    scheduled = CoursePage(title="Cybersecurity basics", summary="Soon", skill_area="cybersecurity", owner=trainer)
    scheduled.live = False
    catalogue_en.add_child(instance=scheduled)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=7)
    scheduled.save_revision(user=trainer).publish()
    return trainer


def admin_script_text(visitor: Visitor, message: str) -> str:
    """Text rendered by the admin's JavaScript: Wagtail's own script catalogue (djangojs)."""
    catalogue = gettext.translation(
        "djangojs",
        localedir=Path(wagtail.__file__).parent / "admin" / "locale",
        languages=[visitor.language],
        fallback=True,
    )
    return catalogue.gettext(message)


def labelled(visitor: Visitor, label: str) -> re.Pattern:
    """A required field's accessible name: its translated label followed by Wagtail's asterisk."""
    return re.compile(rf"^{re.escape(visitor.t(label))}\s*\*?$", re.IGNORECASE)


def insert_block(visitor: Visitor, stream, label: str) -> None:
    stream.get_by_role("button", name=admin_script_text(visitor, "Insert a block")).last.click()
    visitor.page.get_by_role("option", name=visitor.t(label), exact=True).click()


def assert_no_error_shown(visitor: Visitor) -> None:
    errors = visitor.page.locator(".help-critical, .w-field__errors:not(:empty)")
    expect(errors.filter(has_text=re.compile(r"\S"))).to_have_count(0)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_trainer_home(language, visitor_for, trainer_courses):
    speaks(trainer_courses, language)
    visitor = visitor_for(language)
    page = visitor.page
    visitor.log_in("trainer", PASSWORD)

    visitor.goto("/admin/")
    courses = page.locator("#my-courses-section")
    expect(courses.get_by_role("heading", name=visitor.t("My courses"))).to_be_visible()
    title = "التحول الرقمي" if language == "ar" else "Digital transformation"
    row = courses.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(row.get_by_role("cell").nth(2)).to_have_text("3 / 3")
    expect(row.get_by_role("cell").nth(3)).to_have_text("4")
    expect(row.get_by_role("cell").nth(4)).to_have_text("1")
    scheduled = courses.get_by_role("row").filter(has=page.get_by_role("link", name="Cybersecurity basics"))
    expect(scheduled).to_contain_text(visitor.t("Goes live:"))
    visitor.check("dashboard", axe=False)  # the dashboard's furniture is Wagtail's own

    # "New course" leads to the course form, and saving the course to the form of its first module.
    courses.get_by_role("link", name=visitor.t("New course")).click()
    page.get_by_role("textbox", name=labelled(visitor, "title")).fill(TITLES[language])
    page.locator('[name="title"]').press("Tab")
    expect(page.locator('[name="slug"]')).not_to_have_value("")
    page.locator('[name="summary"]').fill("—")
    page.locator('[name="skill_area"]').select_option("data_ai")
    with page.expect_navigation(url=re.compile(r"/admin/pages/add/courses/modulepage/\d+/$")):
        page.get_by_role("button", name=visitor.t("Save draft")).click()
    expect(page.get_by_text(visitor.t("Course saved. Now add its first module."))).to_be_visible()

    # A quiz and its first question show no error before the author types anything.
    body = page.get_by_role("region", name=labelled(visitor, "body"))
    insert_block(visitor, body, "Quiz")
    quiz = body.get_by_role("region").filter(has=page.get_by_role("spinbutton", name=visitor.t("Attempt limit"))).last
    insert_block(visitor, quiz, "Single-choice question")
    expect(quiz.get_by_role("checkbox", name=visitor.t("Correct"))).to_have_count(1)
    assert_no_error_shown(visitor)
    visitor.check("first-module-form", axe=False)

    # The course's edit page names the review in the admin's language.
    course = CoursePage.objects.get(title=TITLES[language])
    visitor.goto(f"/admin/pages/{course.pk}/edit/")
    page.get_by_role("button", name=visitor.t("More actions"), exact=True).click()
    submit = visitor.t("Submit to %(workflow_name)s") % {"workflow_name": visitor.t("Course review")}
    expect(page.get_by_role("button", name=submit)).to_be_visible()
    visitor.check("course-edit", axe=False)
