"""The size limits docs/architecture.md sets: a file a reader can hold in mind, and HR reporting kept lean."""

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
