"""The quiz editor counts questions and answers when the module is sent, not while it is being written.

The editor no longer marks a freshly inserted quiz or question as wrong before anything is typed
(tests/browser/test_trainer_home.py looks at that); the server still refuses too few on submission.
"""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import ModulePage
from tests.builders.roles import speaks
from tests.factories import add_course


def items(*values: dict) -> dict:
    """A ListBlock's form data."""
    data = {str(index): {"value": value, "deleted": "", "order": str(index)} for index, value in enumerate(values)}
    return {**data, "count": str(len(values))}


def module_form(questions: dict, action: str) -> dict:
    quiz = {
        "title": "",
        "pass_mark": "70",
        "questions": questions,
        "draw_count": "0",
        "attempt_limit": "0",
        "time_limit": "0",
    }
    return nested_form_data(
        {
            "title": "Check your understanding",
            "slug": "check",
            "body": streamfield([("quiz", quiz)]),
            "required": "on",
            "estimated_minutes": "15",
            action: "1",
        }
    )


@pytest.fixture
def own_course(trainer, catalogue):
    return add_course(catalogue, title="Course with a quiz", modules=0, owner=trainer)


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        (streamfield([]), "The minimum number of items is 1"),
        (
            streamfield([("single_choice", {"text": "Who?", "choices": items({"text": "Anyone", "correct": "on"})})]),
            "The minimum number of items is 2",
        ),
    ],
)
def test_submitting_a_quiz_with_too_few_questions_or_answers_says_so(client, trainer, own_course, questions, message):
    client.force_login(speaks(trainer, "en"))

    response = client.post(
        f"/admin/pages/add/courses/modulepage/{own_course.pk}/", module_form(questions, "action-submit")
    )

    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert message in response.content.decode()
    assert not ModulePage.objects.child_of(own_course).exists()


def test_a_draft_may_hold_an_unfinished_quiz(client, trainer, own_course):
    client.force_login(trainer)

    response = client.post(
        f"/admin/pages/add/courses/modulepage/{own_course.pk}/", module_form(streamfield([]), "save")
    )

    assert response.status_code == 302
    assert ModulePage.objects.child_of(own_course).get().title == "Check your understanding"
