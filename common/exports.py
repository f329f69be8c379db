"""Spreadsheet exports of report rows: CSV streamed row by row, XLSX streamed by ``common.xlsx``.

Every cell goes through ``cell_value``: text that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is prefixed with an apostrophe, so a name like
``=HYPERLINK(...)`` typed into an HR system arrives as text, never as a live formula.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import IO, Any

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext

from common import xlsx

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV = "csv"
XLSX = "xlsx"


def neutralise(text: str) -> str:
    """Make text that starts like a formula inert in Excel, LibreOffice and Google Sheets."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def cell_value(value: Any, export_format: str) -> Any:
    """A cell for the format: numbers and dates stay typed in XLSX, everything textual is neutralised."""
    if type(value) is str:  # the common case first: a million rows pass through here
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        if export_format == XLSX:
            return local.replace(tzinfo=None, microsecond=0)
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value if export_format == XLSX else value.isoformat()
    return neutralise(force_str(value))


@dataclass(frozen=True)
class ExportColumn:
    accessor: str
    heading: str

    @cached_property
    def value(self) -> Callable[[Any], Any]:
        """The row's value for this column (dotted paths allowed), as a fast callable."""
        return attrgetter(self.accessor)


class _Echo:
    """A file-like object whose write() hands the text back, for csv.writer over a generator."""

    def write(self, value: str) -> str:
        return value


# The csv module quotes a field only for the characters of its own line terminator: with "\n" alone, a
# carriage return inside a cell went out bare, and a spreadsheet started a new row there, so "'\r=1+1"
# arrived as a cell "=1+1", a live formula. So the writer ends lines with "\r\n" (quoting every field
# holding either) and each line is given the "\n" ending PostgreSQL's COPY writes: both ways of exporting
# give the same bytes.
_WRITER = csv.writer(_Echo(), lineterminator="\r\n")


def csv_line(values: list[Any]) -> str:
    return _WRITER.writerow(values)[:-2] + "\n"


def csv_heading(columns: list[ExportColumn]) -> bytes:
    """The BOM (so Excel reads Arabic correctly) and the heading line."""
    return ("\ufeff" + csv_line([neutralise(column.heading) for column in columns])).encode()


def csv_chunks(columns: list[ExportColumn], rows: Iterable[tuple], *, batch: int = 500) -> Iterator[bytes]:
    """The CSV as UTF-8 byte chunks: BOM and headings, then one line per tuple of cell values."""
    yield csv_heading(columns)
    buffer: list[str] = []
    for row in rows:
        buffer.append(csv_line([cell_value(value, CSV) for value in row]))
        if len(buffer) >= batch:
            yield "".join(buffer).encode()
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode()


def row_values(columns: list[ExportColumn], rows: Iterable[Any]) -> Iterator[tuple]:
    """Rows (objects) as tuples of their column values, in column order."""
    getters = [column.value for column in columns]
    for row in rows:
        yield tuple(get(row) for get in getters)


def write_xlsx(
    columns: list[ExportColumn],
    rows: Iterable[tuple],
    output: IO[bytes],
    *,
    title: str = "Report",
    on_progress: Callable[[int], None] | None = None,
    progress_every: int = 5000,
) -> int:
    """Write tuples of cell values to an XLSX file, streamed (constant memory); returns the row count."""
    # Sheet titles may not contain []:*?/\ and are at most 31 characters.
    sheet_title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Report"
    return xlsx.write(
        [neutralise(column.heading) for column in columns],
        ([cell_value(value, XLSX) for value in row] for row in rows),
        output,
        title=sheet_title,
        on_progress=on_progress,
        progress_every=progress_every,
    )


class NeutralisedExportMixin:
    """For Wagtail's listings with ``list_export`` (``SpreadsheetExportMixin``): every text cell and heading
    of their CSV and XLSX goes through ``neutralise``, like our own exports. Put it before the Wagtail view."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        processed = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        return neutralise(processed) if isinstance(processed, str) else processed

    def get_heading(self, queryset: Any, field: str) -> str:
        return neutralise(super().get_heading(queryset, field))  # type: ignore[misc]
