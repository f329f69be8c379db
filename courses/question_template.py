"""The question sheet's template: what each column means (in Arabic and English) and an example row per
question type, offered on the import page as CSV and XLSX.

The column headings are fixed English keys whatever the language; the explanations and the examples are
translated. The XLSX template has the questions sheet first (the one an import reads) and a notes sheet
explaining every column in both languages; the CSV template holds the questions only, so it imports as is.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .question_sheets import MAX_ANSWERS, MAX_BYTES, MAX_QUESTIONS

TEMPLATE_ANSWER_COLUMNS = 4


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    meaning: Promise


COLUMNS = (
    Column(
        "type",
        True,
        _("The question type: single_choice, multiple_choice, true_false or short_answer."),
    ),
    Column("question", True, _("The question, or the statement of a true/false question.")),
    Column(
        f"answer_1 … answer_{MAX_ANSWERS}",
        False,
        _(
            "Choice questions: the answers offered, at least two. Short answer: the accepted answers, at least "
            "one. True/false: leave empty. Use as many answer columns as you need."
        ),
    ),
    Column(
        "correct",
        False,
        _(
            "Choice questions: the numbers of the correct answers, e.g. 2 or 1,3 (a single-choice question "
            "has exactly one). True/false: true or false (or صح / خطأ). Short answer: leave empty."
        ),
    ),
    Column("explanation", False, _("Shown to the learner after submitting the quiz.")),
    Column("points", False, _("A whole number from 1 to 100; 1 when empty.")),
    Column(
        "partial_credit",
        False,
        _("Multiple choice only: yes gives a share of the points for each right answer; no when empty."),
    ),
)


def notes() -> list[str]:
    """What to know about the whole sheet, in the active language."""
    return [
        str(_("Keep the first row as it is: the column names are the same in every language.")),
        str(_("One row per question; empty rows are skipped. Cells may hold Arabic or English text.")),
        str(_("The first sheet of a workbook is read; the notes sheet of the template is ignored.")),
        str(_("Save the file as .xlsx or as CSV UTF-8.")),
        str(
            _("At most %(questions)d questions and %(megabytes)d MB per file.")
            % {"questions": MAX_QUESTIONS, "megabytes": MAX_BYTES // 1024 // 1024}
        ),
        str(
            _(
                "Every row is checked before anything is saved: if one is wrong, nothing is imported and each "
                "problem is listed with its line. The questions are added to a new draft of the module, never "
                "published directly."
            )
        ),
    ]


def headings() -> list[str]:
    answers = [f"answer_{number}" for number in range(1, TEMPLATE_ANSWER_COLUMNS + 1)]
    return ["type", "question", *answers, "correct", "explanation", "points", "partial_credit"]


def example_rows() -> list[list[str]]:
    """One example per question type, in the active language, in the template's column order."""
    return [
        [
            "single_choice",
            str(_("Which of these is open data?")),
            str(_("Bus timetables published by the ministry")),
            str(_("An employee's medical file")),
            str(_("A draft internal memo")),
            "",
            "1",
            str(_("Open data is published for anyone to reuse.")),
            "1",
            "",
        ],
        [
            "multiple_choice",
            str(_("Which of these make a password stronger?")),
            str(_("Length")),
            str(_("Mixing letters, digits and symbols")),
            str(_("Your date of birth")),
            str(_("Your name")),
            "1,2",
            str(_("Long passwords that mix kinds of characters are hard to guess.")),
            "2",
            "yes",
        ],
        [
            "true_false",
            str(_("Two-step verification asks for a second proof of identity.")),
            "",
            "",
            "",
            "",
            "true",
            "",
            "1",
            "",
        ],
        [
            "short_answer",
            str(_("Which year is Oman's national vision named after?")),
            "2040",
            str(_("two thousand and forty")),
            "",
            "",
            "",
            str(_("Oman Vision 2040.")),
            "1",
            "",
        ],
    ]


def template_csv() -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headings())
    writer.writerows(example_rows())
    # The byte order mark makes Excel open the file as UTF-8, so Arabic text shows as written.
    return buffer.getvalue().encode("utf-8-sig")


def _notes_rows() -> list[list[str]]:
    rows = [["column", "required", "English", "العربية"]]
    for column in COLUMNS:
        with override("en"):
            english = [str(_("yes") if column.required else _("no")), str(column.meaning)]
        with override("ar"):
            arabic = [str(_("yes") if column.required else _("no")), str(column.meaning)]
        rows.append([column.name, f"{english[0]} / {arabic[0]}", english[1], arabic[1]])
    rows.append([])
    with override("en"):
        english_notes = notes()
    with override("ar"):
        arabic_notes = notes()
    rows += [["", "", english, arabic] for english, arabic in zip(english_notes, arabic_notes, strict=True)]
    return rows


def template_xlsx(*, right_to_left: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    questions = workbook.active
    questions.title = "questions"
    questions.sheet_view.rightToLeft = right_to_left
    questions.append(headings())
    for row in example_rows():
        questions.append(row)
    for cell in questions[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJ", (16, 48, 28, 28, 28, 28, 10, 40, 8, 14), strict=True):
        questions.column_dimensions[letter].width = width
    questions.freeze_panes = "A2"
    notes = workbook.create_sheet("notes")
    for row in _notes_rows():
        notes.append(row)
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (22, 16, 60, 60), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
