"""Reading a sheet of quiz questions (CSV or XLSX) into rows of text, refusing files that cannot be read.

The file is checked as a whole first (size, type, encoding, NUL bytes, an XLSX that unpacks to far more
than its size, the header) and every problem is a translated message; the rows come back as text only,
whatever the cell held (a number, a boolean, a date), with empty rows skipped and each row keeping its
line number in the sheet. What the rows mean is ``courses.question_import``'s business.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import warnings
import zipfile
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from people.import_reading import ImportFailed, decode

MAX_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS = 500
# An XLSX file is a zip archive: its parts may unpack to at most this much (a zip bomb is refused unread).
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_ANSWERS = 10
REQUIRED_COLUMNS = ("type", "question")
ANSWER_COLUMNS = tuple(f"answer_{number}" for number in range(1, MAX_ANSWERS + 1))
OPTIONAL_COLUMNS = (*ANSWER_COLUMNS, "correct", "explanation", "points", "partial_credit")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# Cells read per XLSX row: more than every known column, so a stray value past them is still seen.
MAX_XLSX_COLUMNS = len(ALL_COLUMNS) + 8
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 Excel format (.xls)
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class QuestionImportFailed(Exception):
    """The import was refused and nothing was written; ``messages`` say why, each with its line where there is one."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class SheetRow:
    """One non-empty row: its line in the sheet and its cells as stripped text, by column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


def line_message(line: int | None, message: str, where: str | None = None) -> str:
    """ "Line 4: …", or "Line 4 (Points): …" when the problem is in one field of the question."""
    if line is None:
        return capfirst(message)
    if where:
        return _("Line %(line)s (%(where)s): %(message)s") % {"line": line, "where": where, "message": message}
    return _("Line %(line)s: %(message)s") % {"line": line, "message": message}


def cell_text(value: object) -> str:
    """A cell as text, whatever type the spreadsheet gave it: 2.0 reads "2", TRUE reads "true"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def read_sheet(name: str, data: bytes) -> list[SheetRow]:
    """The non-empty rows of the uploaded sheet (at most MAX_QUESTIONS), or QuestionImportFailed."""
    if not data:
        raise QuestionImportFailed([_("The file is empty.")])
    if len(data) > MAX_BYTES:
        raise QuestionImportFailed([too_large_message(len(data))])
    if data.startswith(ZIP_MAGIC):
        with closing(_xlsx_cells(data)) as records:  # closes the workbook even when reading stops early
            return _rows(records)
    if data.startswith(OLE_MAGIC) or name.lower().endswith(".xls"):
        raise QuestionImportFailed(
            [_("This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8 and upload it again.")]
        )
    if name.lower().endswith(".xlsx"):
        raise QuestionImportFailed([_("This file is not a valid Excel workbook (.xlsx).")])
    if not name.lower().endswith(".csv"):
        raise QuestionImportFailed([_("Upload a CSV (.csv) or Excel (.xlsx) file; use the template on this page.")])
    return _rows(_csv_cells(data, name))


def too_large_message(size: int) -> str:
    return _("The file is %(size).1f MB; files of at most %(limit)d MB are accepted. Split it into parts.") % {
        "size": size / 1024 / 1024,
        "limit": MAX_BYTES // 1024 // 1024,
    }


def _csv_text(data: bytes, name: str) -> str:
    # UTF-16 text is full of NUL bytes; ``decode`` names that encoding, which helps more than "a NUL byte".
    if b"\x00" in data and not data.startswith(UTF16_MARKS):
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise QuestionImportFailed(
            [
                line_message(
                    line,
                    _(
                        "the file contains a NUL byte, so it is not a text (CSV) file. Save the sheet as "
                        "CSV UTF-8 or as .xlsx and upload it again."
                    ),
                )
            ]
        )
    try:
        return decode(data, name=name)
    except ImportFailed as failure:
        raise QuestionImportFailed(
            [line_message(problem.line, problem.message) for problem in failure.errors]
        ) from failure


def _delimiter(first_line: str) -> str:
    # Excel saves CSV with the list separator of the computer's region: a semicolon or a tab in some.
    if "," not in first_line:
        for candidate in (";", "\t"):
            if candidate in first_line:
                return candidate
    return ","


def _csv_cells(data: bytes, name: str) -> Iterator[tuple[int, list[object]]]:
    """(line where the record starts, cells) for each record of the CSV file."""
    text = _csv_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise QuestionImportFailed([line_message(start, str(error))]) from error
        yield start, list(cells)


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise QuestionImportFailed(
            [
                _("The workbook unpacks to more than %(limit)d MB; it cannot be a sheet of questions.")
                % {"limit": MAX_UNPACKED_BYTES // 1024 // 1024}
            ]
        )


def _open_workbook(data: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_unpacked_size(archive)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except QuestionImportFailed:
        raise
    except Exception as error:
        # openpyxl fails on a damaged or foreign file in many ways (zip, XML, missing parts): all mean a bad file.
        raise QuestionImportFailed(
            [_("This file is not a valid Excel workbook (.xlsx). Save it again from your spreadsheet program.")]
        ) from error


def _xlsx_cells(data: bytes) -> Generator[tuple[int, list[object]], None, None]:
    """(row number, cells) for each row of the workbook's first sheet; the template's notes sheet comes after it."""
    workbook = _open_workbook(data)
    try:
        if not workbook.worksheets:
            raise QuestionImportFailed([_("The workbook has no sheet.")])
        rows = workbook.worksheets[0].iter_rows(max_col=MAX_XLSX_COLUMNS, values_only=True)
        try:
            yield from ((line, list(cells)) for line, cells in enumerate(rows, start=1))
        except QuestionImportFailed:
            raise
        except Exception as error:
            # The sheet's XML is read lazily, row by row: a damaged part fails here, not when opening.
            raise QuestionImportFailed([_("This file is not a valid Excel workbook (.xlsx).")]) from error
    finally:
        workbook.close()


def _header(cells: list[object]) -> list[str]:
    columns = [cell_text(cell).lower() for cell in cells]
    while columns and not columns[-1]:
        columns.pop()
    return columns


def header_problems(columns: list[str]) -> list[str]:
    """What is wrong with the header row: missing, unknown, unnamed or repeated columns."""
    if not columns:
        return [_("the first row must name the columns, e.g. %(columns)s.") % {"columns": "type, question, answer_1"}]
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    unknown = [column for column in columns if column and column not in ALL_COLUMNS]
    repeated = sorted({column for column in columns if column and columns.count(column) > 1})
    if missing:
        problems.append(_("missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if repeated:
        problems.append(_("columns named twice: %(columns)s.") % {"columns": ", ".join(repeated)})
    if "" in columns:
        problems.append(_("column %(number)d has no name.") % {"number": columns.index("") + 1})
    if problems:
        problems.append(
            _("The columns are %(required)s and, optionally, answer_1 to answer_%(answers)d, %(optional)s.")
            % {
                "required": ", ".join(REQUIRED_COLUMNS),
                "answers": MAX_ANSWERS,
                "optional": ", ".join(OPTIONAL_COLUMNS[MAX_ANSWERS:]),
            }
        )
    return problems


def _row(line: int, columns: list[str], cells: list[object]) -> SheetRow:
    texts = [cell_text(cell) for cell in cells]
    if any(texts[len(columns) :]):
        raise QuestionImportFailed(
            [line_message(line, _("this row has a value to the right of the last named column; name its column."))]
        )
    return SheetRow(line=line, cells=dict(zip(columns, texts, strict=False)))


def _rows(records: Iterable[tuple[int, list[object]]]) -> list[SheetRow]:
    """Header checked, then the non-empty rows; more than MAX_QUESTIONS refuses the file unread."""
    iterator = iter(records)
    first = next(iterator, None)
    columns = _header(first[1]) if first else []
    problems = header_problems(columns)
    if problems:
        raise QuestionImportFailed([line_message(1, " ".join(problems))])
    rows: list[SheetRow] = []
    for line, cells in iterator:
        if not any(cell_text(cell) for cell in cells):
            continue
        if len(rows) == MAX_QUESTIONS:
            raise QuestionImportFailed(
                [
                    _("The sheet has more than %(limit)d questions. Split it into several files of at most %(limit)d.")
                    % {"limit": MAX_QUESTIONS}
                ]
            )
        rows.append(_row(line, columns, cells))
    if not rows:
        raise QuestionImportFailed([_("The sheet has no questions: add one row per question under the column names.")])
    return rows


def split_numbers(text: str) -> list[str]:
    """ "1, 3" or "1;3" or "١،٣" as ["1", "3"]: the numbers of the correct answers."""
    return [part for part in re.split(r"[\s,;،؛]+", text) if part]
