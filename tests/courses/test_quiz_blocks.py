"""Quiz authoring: the editor refuses quizzes that cannot be graded, and old quizzes still load."""

from __future__ import annotations

import uuid

import pytest
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import QuizBlock


def choice(text: str, correct: bool = False) -> dict:
    return {"type": "item", "id": str(uuid.uuid4()), "value": {"text": text, "correct": correct}}


def quiz(*questions: dict, **settings) -> dict:
    return {"title": "", "pass_mark": 70, "questions": list(questions), **settings}


def single(*choices: dict) -> dict:
    return {"type": "single_choice", "value": {"text": "Q?", "choices": list(choices), "explanation": "", "points": 1}}


def multiple(*choices: dict) -> dict:
    value = {"text": "Q?", "choices": list(choices), "explanation": "", "points": 1, "partial_credit": False}
    return {"type": "multiple_choice", "value": value}


def short(*answers: str) -> dict:
    value = {
        "text": "Q?",
        "accepted_answers": [{"type": "item", "id": str(uuid.uuid4()), "value": answer} for answer in answers],
        "explanation": "",
        "points": 1,
    }
    return {"type": "short_answer", "value": value}


def errors_of(raw: dict) -> str:
    block = QuizBlock()
    with translation.override("en"), pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(raw))
    with translation.override("en"):
        return repr(raised.value.as_json_data())


def test_a_well_formed_quiz_of_every_type_is_accepted():
    block = QuizBlock()
    value = block.to_python(
        quiz(
            single(choice("a", True), choice("b")),
            multiple(choice("a", True), choice("b", True), choice("c")),
            {"type": "true_false", "value": {"text": "Q?", "correct_answer": "false", "explanation": "", "points": 2}},
            short("2040"),
            draw_count=3,
            attempt_limit=2,
            time_limit=15,
        )
    )

    cleaned = block.clean(value)

    assert [question.block_type for question in cleaned["questions"]] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "short_answer",
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (quiz(single(choice("a"), choice("b"))), "Mark exactly one answer as correct."),
        (quiz(single(choice("a", True), choice("b", True))), "Mark exactly one answer as correct."),
        (quiz(multiple(choice("a"), choice("b"))), "Mark at least one answer as correct."),
        (quiz(short("   ")), "This field is required."),
        (quiz(single(choice("a", True), choice("b")), draw_count=2), "only 1 questions to draw from"),
    ],
)
def test_quizzes_that_cannot_be_graded_are_refused_with_a_message(raw, message):
    assert message in errors_of(raw)


def test_quizzes_saved_before_question_types_load_as_single_choice_questions():
    legacy = {
        "title": "",
        "pass_mark": 70,
        "questions": [
            {
                "type": "item",
                "id": "11111111-1111-1111-1111-111111111111",
                "value": {"text": "Q?", "explanation": "", "choices": [choice("a", True), choice("b")]},
            }
        ],
    }

    value = QuizBlock().to_python(legacy)

    (question,) = value["questions"]
    assert (question.block_type, question.id, question.value["points"]) == (
        "single_choice",
        "11111111-1111-1111-1111-111111111111",
        1,
    )
    assert value["attempt_limit"] == 0
