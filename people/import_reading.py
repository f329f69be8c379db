"""Reading the CSV files of a people import: the bytes decoded, the header checked, the rows split.

A file that cannot be read is refused as a whole, with the reason and, where there is one, the line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REPORTED_ERRORS = 200
# Control characters no CSV text file holds (tab, line feed and carriage return are fine): a NUL is what a
# binary file, a UTF-16 file without its byte order mark or a damaged export looks like, and the database
# refuses it in any text column.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def max_bytes() -> int:
    return settings.QUDRA_IMPORT_MAX_BYTES


@dataclass(frozen=True)
class ImportProblem:
    """One problem, located: which file and which line (``None`` for the file as a whole)."""

    file: str
    line: int | None
    message: str
    # The column (or field of a request's row) the problem is about; "" for the row as a whole.
    field: str = ""

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return _("%(file)s, line %(line)s: %(message)s") % {
            "file": self.file,
            "line": self.line,
            "message": self.message,
        }


class ImportFailed(Exception):
    """The files were rejected; nothing was written."""

    def __init__(self, errors: list[ImportProblem]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors[:MAX_REPORTED_ERRORS]))

    @property
    def messages(self) -> list[str]:
        shown = [str(error) for error in self.errors[:MAX_REPORTED_ERRORS]]
        if len(self.errors) > MAX_REPORTED_ERRORS:
            shown.append(_("… and %(count)s more problems.") % {"count": len(self.errors) - MAX_REPORTED_ERRORS})
        return shown


@dataclass
class Row:
    line: int
    values: dict[str, str]


@dataclass
class ParsedFile:
    name: str
    rows: list[Row] = field(default_factory=list)


def _refuse(name: str, line: int | None, message: str) -> ImportFailed:
    return ImportFailed([ImportProblem(name, line, message)])


def decode(data: bytes, *, name: str) -> str:
    """The file's text, or ImportFailed saying exactly why it cannot be read."""
    if len(data) > max_bytes():
        raise _refuse(
            name,
            None,
            _("the file is %(size).1f MB; files of at most %(limit)d MB are accepted. Split it in parts.")
            % {"size": len(data) / 1024 / 1024, "limit": max_bytes() // 1024 // 1024},
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(
            name, None, _('the file is saved as UTF-16 ("Unicode text"). Save it as "CSV UTF-8" and upload it again.')
        )
    try:
        # "utf-8-sig" accepts the byte order mark Excel writes at the start of "CSV UTF-8" files.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _refuse(
            name,
            line,
            _(
                "this line is not valid UTF-8 (byte 0x%(byte)02x). The file was probably saved in another "
                'encoding, such as Windows Arabic (1256): save it as "CSV UTF-8" and upload it again.'
            )
            % {"byte": data[error.start]},
        ) from error
    control = CONTROL_CHARACTERS.search(text)
    if control is not None:
        raise _refuse(
            name,
            text.count("\n", 0, control.start()) + 1,
            _(
                "this line contains a control character (0x%(byte)02x) that a CSV text file does not hold: "
                'the file is probably not a CSV file, or it is damaged. Save it as "CSV UTF-8" and upload it again.'
            )
            % {"byte": ord(control.group())},
        )
    return text


def _header_problems(columns: list[str], required: tuple[str, ...], optional: tuple[str, ...]) -> list[str]:
    missing = [column for column in required if column not in columns]
    unknown = [column for column in columns if column not in required + optional]
    duplicated = sorted({column for column in columns if columns.count(column) > 1})
    problems = []
    if missing:
        problems.append(_("missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if duplicated:
        problems.append(_("columns named twice: %(columns)s.") % {"columns": ", ".join(duplicated)})
    if problems:
        problems.append(_("Expected the columns %(columns)s.") % {"columns": ", ".join(required + optional)})
    return problems


def _read_header(reader, *, name: str, required: tuple[str, ...], optional: tuple[str, ...]) -> list[str]:
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise _refuse(name, 1, str(error)) from error
    if not header or not any(cell.strip() for cell in header):
        raise _refuse(name, 1, _("the file is empty: the first line must name the columns."))
    columns = [cell.strip().lower() for cell in header]
    problems = _header_problems(columns, required, optional)
    if problems:
        raise _refuse(name, 1, " ".join(problems))
    return columns


def check_readable(data: bytes, *, name: str, required: tuple[str, ...], optional: tuple[str, ...]) -> int:
    """What an upload checks before it is queued: the file decodes and its header is right. Returns
    about how many rows follow the header (its lines), for the progress shown while it is imported."""
    text = decode(data, name=name)
    _read_header(csv.reader(io.StringIO(text, newline="")), name=name, required=required, optional=optional)
    return max(text.count("\n") - 1, 0)


def parse(data: bytes, *, name: str, required: tuple[str, ...], optional: tuple[str, ...]) -> ParsedFile:
    reader = csv.reader(io.StringIO(decode(data, name=name), newline=""))
    columns = _read_header(reader, name=name, required=required, optional=optional)
    parsed = ParsedFile(name=name)
    errors: list[ImportProblem] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                errors.append(
                    ImportProblem(
                        name,
                        reader.line_num,
                        _("expected %(expected)s fields, found %(found)s.")
                        % {"expected": len(columns), "found": len(cells)},
                    )
                )
                continue
            values = {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}
            parsed.rows.append(Row(line=reader.line_num, values=values))
    except csv.Error as error:
        errors.append(ImportProblem(name, reader.line_num, str(error)))
    if errors:
        raise ImportFailed(errors)
    return parsed
