"""The size limits docs/architecture.md sets: a file a reader can hold in mind, and HR reporting kept lean."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "node_modules", "migrations", "var", "staticfiles"}
MAX_FILE_LINES = 450
MAX_REPORTS_LINES = 2000


def _python_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*.py") if not SKIPPED.intersection(path.relative_to(ROOT).parts)]


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_python_file_outside_migrations_is_over_450_lines():
    too_long = {
        str(path.relative_to(ROOT)): _lines(path) for path in _python_files(ROOT) if _lines(path) > MAX_FILE_LINES
    }
    assert too_long == {}


def test_reports_app_stays_under_2000_lines():
    assert sum(_lines(path) for path in _python_files(ROOT / "reports")) < MAX_REPORTS_LINES


# One formatting rule per language (docs/i18n.md): templates write dates, times and numbers through
# {% load formatting %}; Django's own filters would give a second spelling ("Jan. 31, 2027" beside
# "31 January 2027", "50.00%" beside "50%"). A machine-readable `date:"c"` in an attribute is allowed.
OTHER_FORMATTING = re.compile(
    r"\|\s*(?:date(?!:\s*['\"]c['\"])|time|floatformat|intcomma|naturaltime|naturalday|timesince|timeuntil)\b"
)


def test_templates_format_dates_and_numbers_one_way():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*")
        if path.suffix in {".html", ".txt"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OTHER_FORMATTING.search(line)
    ]
    assert offenders == []


def test_python_code_formats_dates_and_numbers_through_common_formatting():
    # Exports write ISO 8601 on purpose: the same in both languages, so spreadsheets sort and parse it.
    allowed = {ROOT / "common" / "formatting.py", ROOT / "common" / "exports.py"}
    offenders = [
        str(path.relative_to(ROOT))
        for path in _python_files(ROOT)
        if path not in allowed
        and "tests" not in path.relative_to(ROOT).parts
        and re.search(r"formats\.(?:date_format|time_format|number_format)|\.strftime\(", path.read_text("utf-8"))
    ]
    assert offenders == []
