"""Importing quiz questions from a sheet into a module: each row becomes a question block, checked by the
quiz's own blocks, and all of them are saved as one new draft revision of the module, or none is.

The sheet is read by ``courses.question_sheets``; its columns are documented in ``docs/quizzes.md`` and
on the import page (``courses.question_template``). Nothing here publishes: the draft goes through the
course review like any other edit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.models import Page, Revision

from .models import ModulePage, source_page
from .question_sheets import (
    ANSWER_COLUMNS,
    MAX_ANSWERS,
    QuestionImportFailed,
    SheetRow,
    line_message,
    read_sheet,
    split_numbers,
)

__all__ = ["NEW_QUIZ", "QuestionImportFailed", "can_import_questions", "import_questions", "quiz_choices"]

NEW_QUIZ = "new"
QUESTION_TYPES = ("single_choice", "multiple_choice", "true_false", "short_answer")
CHOICE_TYPES = ("single_choice", "multiple_choice")
# Cell values are free text: English keys and their Arabic equivalents are both understood.
TRUE_FALSE_WORDS = {"true": "true", "false": "false", "صح": "true", "صحيح": "true", "خطأ": "false", "خطا": "false"}
YES_WORDS = {"yes", "true", "1", "نعم"}
NO_WORDS = {"", "no", "false", "0", "لا"}

User = AbstractBaseUser | AnonymousUser
LineError = tuple[int, str]


@dataclass(frozen=True)
class ImportedQuestions:
    """What an import did: how many questions went into which quiz, in which new revision."""

    count: int
    quiz_title: str
    new_quiz: bool
    revision: Revision


def can_import_questions(user: User, page: Page) -> bool:
    """Questions go into modules the user may edit (a trainer: the modules they own)."""
    return page.specific_class is ModulePage and page.permissions_for_user(user).can_edit()


def import_blocked_reason(user: User, module: ModulePage) -> str | None:
    """Why questions cannot go into this module now, though the user may edit it; None when they can."""
    if source_page(module).pk != module.pk:
        return _(
            "This module is a translation. Import questions into the module in the language the course was "
            "written in; they reach this language through its translation."
        )
    lock = module.get_lock()
    if lock is not None and lock.for_user(user):
        return _("This module is locked (for example while it is in review), so no questions can be added now.")
    return None


def _quiz_block() -> blocks.StructBlock:
    # The page's own quiz block: the same rules and labels as in the editor.
    return ModulePage._meta.get_field("body").stream_block.child_blocks["quiz"]


def _quiz_title(number: int, quiz: Any) -> str:
    return quiz["title"] or _("Quiz %(number)d") % {"number": number}


def quiz_choices(draft: ModulePage) -> list[tuple[str, str]]:
    """The quizzes of the module's latest draft, then "a new quiz at the end", as (value, label)."""
    choices = []
    for number, quiz in enumerate(draft.quizzes, start=1):
        count = len(quiz.value["questions"])
        label = ngettext("%(title)s (%(count)d question)", "%(title)s (%(count)d questions)", count) % {
            "title": _quiz_title(number, quiz.value),
            "count": count,
        }
        choices.append((quiz.id, label))
    choices.append((NEW_QUIZ, _("A new quiz at the end of the module")))
    return choices


def _item(value: Any) -> dict:
    # Every list item gets its UUID now: answers are keyed by the choice's UUID.
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def _answers(row: SheetRow) -> list[tuple[int, str]]:
    return [(number, row.get(column)) for number, column in enumerate(ANSWER_COLUMNS, start=1) if row.get(column)]


def _correct_numbers(row: SheetRow, filled: set[int], errors: list[LineError]) -> set[int] | None:
    numbers: set[int] = set()
    for text in split_numbers(row.get("correct")):
        try:
            number = int(text)
        except ValueError:
            number = 0
        if not 1 <= number <= MAX_ANSWERS:
            message = _("“%(value)s” is not the number of an answer (1 to %(last)d).") % {
                "value": text,
                "last": MAX_ANSWERS,
            }
            errors.append((row.line, line_message(row.line, message, "correct")))
            return None
        if number not in filled:
            message = _("answer_%(number)d is empty, so it cannot be a correct answer.") % {"number": number}
            errors.append((row.line, line_message(row.line, message, "correct")))
            return None
        numbers.add(number)
    return numbers


def _partial_credit(row: SheetRow, kind: str, errors: list[LineError]) -> bool:
    text = row.get("partial_credit").lower()
    if text in NO_WORDS:
        return False
    if text in YES_WORDS and kind == "multiple_choice":
        return True
    message = (
        _("write yes or no.") if text not in YES_WORDS else _("only multiple-choice questions give partial credit.")
    )
    errors.append((row.line, line_message(row.line, message, "partial_credit")))
    return False


def _choice_value(row: SheetRow, kind: str, errors: list[LineError]) -> dict | None:
    answers = _answers(row)
    correct = _correct_numbers(row, {number for number, _text in answers}, errors)
    if correct is None:
        return None
    value: dict[str, Any] = {
        "choices": [_item({"text": text, "correct": number in correct}) for number, text in answers]
    }
    if kind == "multiple_choice":
        value["partial_credit"] = _partial_credit(row, kind, errors)
    return value


def _true_false_value(row: SheetRow, errors: list[LineError]) -> dict | None:
    if _answers(row):
        message = _(
            "a true/false question takes no answers: leave the answer columns empty, write true or false in correct."
        )
        errors.append((row.line, line_message(row.line, message)))
        return None
    text = row.get("correct").lower()
    # Anything else goes to the block as written, and the block says what it accepts.
    return {"correct_answer": TRUE_FALSE_WORDS.get(text, text)}


def _short_answer_value(row: SheetRow, errors: list[LineError]) -> dict | None:
    if row.get("correct"):
        message = _("leave correct empty for a short answer: every answer in the answer columns is accepted.")
        errors.append((row.line, line_message(row.line, message, "correct")))
        return None
    return {"accepted_answers": [_item(text) for _number, text in _answers(row)]}


def _question_type(row: SheetRow, errors: list[LineError]) -> str | None:
    kind = row.get("type").lower().replace("-", "_").replace(" ", "_")
    if kind in QUESTION_TYPES:
        return kind
    message = _("the type must be one of %(types)s, not “%(value)s”.") % {
        "types": ", ".join(QUESTION_TYPES),
        "value": row.get("type"),
    }
    errors.append((row.line, line_message(row.line, message, "type")))
    return None


def question_from_row(row: SheetRow, errors: list[LineError]) -> dict | None:
    """The row as the raw value of a question block (not yet checked), or None with its errors added."""
    kind = _question_type(row, errors)
    if kind is None:
        return None
    if kind in CHOICE_TYPES:
        value = _choice_value(row, kind, errors)
    elif kind == "true_false":
        value = _true_false_value(row, errors)
    else:
        value = _short_answer_value(row, errors)
    if value is None:
        return None
    # Points go to the block as text; its number field accepts "2", "2.0" or "٢" and refuses the rest.
    common = {"text": row.get("question"), "explanation": row.get("explanation"), "points": row.get("points") or 1}
    return {"type": kind, "id": str(uuid.uuid4()), "value": {**common, **value}}


def _child(block: blocks.Block, key: Any, where: str | None, value: Any) -> tuple[blocks.Block, str | None, Any]:
    """The child block an error is about, its label and its value (a stream's child is known by its value)."""
    if isinstance(block, blocks.StructBlock):
        child = block.child_blocks[key]
        label = f"{where}, {child.label}" if where else str(child.label)
        return child, label, value[key] if value is not None else None
    numbered = f"{where} {int(key) + 1}" if where else str(int(key) + 1)
    if isinstance(block, blocks.ListBlock):
        return block.child_block, numbered, value[int(key)] if value is not None else None
    if isinstance(block, blocks.StreamBlock) and value is not None:
        bound = value[int(key)]
        return bound.block, numbered, bound.value
    return block, where, None


def block_errors(
    block: blocks.Block, data: dict, where: str | None = None, value: Any = None
) -> list[tuple[str | None, str]]:
    """A block's validation error (``as_json_data()``) as (field label, message) pairs, innermost label."""
    found: list[tuple[str | None, str]] = [(where, message) for message in data.get("messages", [])]
    for key, child_data in data.get("blockErrors", {}).items():
        child, child_where, child_value = _child(block, key, where, value)
        found += block_errors(child, child_data, child_where, child_value)
    return found


def _error_data(error: ValidationError) -> dict:
    # Block validation errors nest (a question's field, an answer of a list); a plain one has messages only.
    as_json_data = getattr(error, "as_json_data", None)
    return as_json_data() if as_json_data else {"messages": error.messages}


def _line_errors(line: int, block: blocks.Block, error: ValidationError) -> list[LineError]:
    return [(line, line_message(line, message, where)) for where, message in block_errors(block, _error_data(error))]


def checked_questions(rows: list[SheetRow]) -> list[dict]:
    """The rows as raw question blocks, cleaned by the quiz's question block; QuestionImportFailed lists every
    problem by line when any row is wrong."""
    errors: list[LineError] = []
    raw: list[dict] = []
    lines: list[int] = []
    for row in rows:
        question = question_from_row(row, errors)
        if question is not None:
            raw.append(question)
            lines.append(row.line)
    questions_block = _quiz_block().child_blocks["questions"]
    cleaned = None
    if raw:
        try:
            cleaned = questions_block.clean(questions_block.to_python(raw))
        except StreamBlockValidationError as error:
            for index, child_error in error.block_errors.items():
                errors += _line_errors(lines[index], questions_block.child_blocks[raw[index]["type"]], child_error)
    if errors or cleaned is None:
        raise QuestionImportFailed([message for _line, message in sorted(errors, key=lambda error: error[0])])
    return list(questions_block.get_prep_value(cleaned))


def _target_quiz(body: list[dict], quiz_id: str) -> tuple[int, dict]:
    """(number of the quiz in the module, its raw body entry); a new quiz is appended to ``body``."""
    quizzes = [entry for entry in body if entry["type"] == "quiz"]
    if quiz_id == NEW_QUIZ:
        block = _quiz_block()
        entry = {"type": "quiz", "id": str(uuid.uuid4()), "value": block.get_prep_value(block.get_default())}
        entry["value"]["questions"] = []
        body.append(entry)
        return len(quizzes) + 1, entry
    for number, entry in enumerate(quizzes, start=1):
        if entry.get("id") == quiz_id:
            return number, entry
    raise QuestionImportFailed([_("The chosen quiz is no longer in the module's draft. Choose the quiz again.")])


def _merge(entry: dict, questions: list[dict]) -> None:
    """Add the questions to the quiz and check the whole quiz (a pool, the existing questions) with its block."""
    block = _quiz_block()
    raw = dict(entry["value"])
    raw["questions"] = [*(raw.get("questions") or []), *questions]
    value = block.to_python(raw)
    try:
        entry["value"] = block.get_prep_value(block.clean(value))
    except ValidationError as error:
        problems = [
            f"{where}: {message}" if where else message
            for where, message in block_errors(block, _error_data(error), value=value)
        ]
        raise QuestionImportFailed(
            [_("The quiz in the module's draft has problems of its own; correct them in the editor first.")] + problems
        ) from error


def import_questions(*, user: User, module: ModulePage, quiz_id: str, file_name: str, data: bytes) -> ImportedQuestions:
    """Add the sheet's questions to a quiz of the module (or to a new quiz at its end) as a new draft revision.

    Raises QuestionImportFailed (every problem, with its line) and then writes nothing; PermissionDenied when
    the user may not edit the module.
    """
    if not can_import_questions(user, module):
        raise PermissionDenied
    blocked = import_blocked_reason(user, module)
    if blocked:
        raise QuestionImportFailed([blocked])
    questions = checked_questions(read_sheet(file_name, data))
    with transaction.atomic():
        # One import at a time per module: a second one starts from the first one's revision.
        locked = ModulePage.objects.select_for_update().get(pk=module.pk)
        draft = locked.get_latest_revision_as_object()
        body = list(draft.body.get_prep_value())
        number, entry = _target_quiz(body, quiz_id)
        _merge(entry, questions)
        draft.body = body
        try:
            revision = draft.save_revision(user=user, log_action=True)
        except ValidationError as error:
            raise QuestionImportFailed(error.messages) from error
    return ImportedQuestions(
        count=len(questions),
        quiz_title=_quiz_title(number, entry["value"]),
        new_quiz=quiz_id == NEW_QUIZ,
        revision=revision,
    )
