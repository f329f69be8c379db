"""A minimal streaming XLSX (SpreadsheetML) writer for large report exports.

Why not openpyxl, the project's spreadsheet library: measured on OMAN-250k, its write-only mode
spends about 23 µs per cell even with lxml — 67 s for 207,000 rows of 14 columns, against a target
of 30 s for 200,000 rows. Writing the sheet's XML directly costs about a tenth of that. The output is
deliberately plain — one sheet, inline strings, a bold heading, date formats — and the tests read every
file back with openpyxl, so what we write is checked by the library we set aside.

Memory stays flat: rows go straight into the zip stream.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Callable, Iterable
from typing import IO, Any
from xml.sax.saxutils import escape

EPOCH = datetime.datetime(1899, 12, 30)
# Characters XML 1.0 does not allow, even escaped; they cannot appear in a cell.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DATE_STYLE, DATETIME_STYLE, HEADING_STYLE = 1, 2, 3

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _workbook(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(title, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text(value: str) -> str:
    return escape(ILLEGAL.sub("", value))


def _cell(reference: str, value: Any, style: int = 0) -> str:
    if value is None or value == "":
        return ""
    kind = type(value)
    if kind is str:
        styled = f' s="{style}"' if style else ""
        return f'<c r="{reference}"{styled} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'
    if kind is int or kind is float:
        return f'<c r="{reference}"><v>{value}</v></c>'
    if kind is datetime.datetime:
        serial = (value.replace(tzinfo=None) - EPOCH).total_seconds() / 86400
        return f'<c r="{reference}" s="{DATETIME_STYLE}"><v>{serial:.10g}</v></c>'
    if kind is datetime.date:
        return f'<c r="{reference}" s="{DATE_STYLE}"><v>{(value - EPOCH.date()).days}</v></c>'
    return _cell(reference, str(value), style)


def write(
    headings: list[str],
    rows: Iterable[list[Any] | tuple],
    output: IO[bytes],
    *,
    title: str = "Report",
    on_progress: Callable[[int], None] | None = None,
    progress_every: int = 5000,
) -> int:
    """Write a one-sheet workbook: a bold heading row, then ``rows``. Returns the number of data rows."""
    columns = [_column_letters(index) for index in range(max(len(headings), 1))]
    written = 0
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(title))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            heading = "".join(
                _cell(f"{letter}1", text, HEADING_STYLE) for letter, text in zip(columns, headings, strict=False)
            )
            sheet.write(f'<row r="1">{heading}</row>'.encode())
            buffer: list[str] = []
            for number, row in enumerate(rows, start=2):
                cells = "".join(_cell(f"{letter}{number}", value) for letter, value in zip(columns, row, strict=True))
                buffer.append(f'<row r="{number}">{cells}</row>')
                written += 1
                if len(buffer) >= 1000:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
                if on_progress and written % progress_every == 0:
                    on_progress(written)
            if buffer:
                sheet.write("".join(buffer).encode())
            sheet.write(b"</sheetData></worksheet>")
    if on_progress:
        on_progress(written)
    return written
