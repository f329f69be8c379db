"""A course whose only module holds a quiz of every question type, with the settings a test asks for."""

from __future__ import annotations

import uuid

from courses.models import CoursePage, ModulePage
from tests.factories import _item, add_course, add_module


def _question(kind: str, value: dict) -> dict:
    return {"type": kind, "id": str(uuid.uuid4()), "value": {"explanation": f"Why: {value['text']}", **value}}


def every_kind_of_question() -> list[dict]:
    return [
        _question(
            "single_choice",
            {
                "text": "Which portal publishes e-services?",
                "choices": [
                    _item({"text": "Oman portal", "correct": True}),
                    _item({"text": "A blog", "correct": False}),
                ],
            },
        ),
        _question(
            "multiple_choice",
            {
                "text": "Which are strong authentication factors?",
                "partial_credit": True,
                "points": 2,
                "choices": [
                    _item({"text": "A hardware key", "correct": True}),
                    _item({"text": "An authenticator app", "correct": True}),
                    _item({"text": "Your pet's name", "correct": False}),
                ],
            },
        ),
        _question("true_false", {"text": "Passwords may be shared with colleagues.", "correct_answer": "false"}),
        _question(
            "short_answer",
            {
                "text": "Where can citizens get help with e-services in person?",
                "accepted_answers": [_item("Sanad Centre"), _item("مركز سند")],
            },
        ),
    ]


def quiz_course(catalogue, **settings) -> tuple[CoursePage, ModulePage]:
    course = add_course(catalogue, title="Quiz course", modules=0)
    quiz = {"title": "Final check", "pass_mark": 75, "questions": every_kind_of_question(), **settings}
    module = add_module(course, title="Final check", body=[{"type": "quiz", "value": quiz}])
    return course, module
