"""``manage.py import_people``: import organisation units and employees from CSV files, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from people.imports import CHECKING, SAVING, ImportFailed, import_people, max_bytes

STAGES = {CHECKING: "Checking every row…", SAVING: "Saving…"}


class Command(BaseCommand):
    help = (
        "Import organisation units and/or employees from CSV (UTF-8) files exported by an HR system. "
        "Every row is checked first; any problem is reported with its line number and nothing is imported. "
        "Importing the same files again changes nothing. Rows for staff accounts (superusers, staff, trainers, "
        "HR officers, administrators, anyone with an HR scope) are never written: they are listed as skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=Path, help="CSV of units: code, parent_code, kind, name_ar, name_en.")
        parser.add_argument(
            "--employees",
            type=Path,
            help="CSV of employees: employee_number, full_name_ar, full_name_en, org_unit_code, and optionally "
            "username, email, job_title, grade, hire_date (YYYY-MM-DD), preferred_language (ar/en), "
            "manager_employee_number (the line manager's employee number, in the file or already imported).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and count the changes without saving.")

    def _read(self, path: Path | None) -> tuple[str, bytes] | None:
        if path is None:
            return None
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if path.stat().st_size > max_bytes():
            # Refuse before reading a huge file into memory; import_people would refuse it too.
            raise CommandError(f"{path.name}: the file is larger than {max_bytes() // 1024 // 1024} MB.")
        return path.name, path.read_bytes()

    def handle(self, *args, units: Path | None, employees: Path | None, dry_run: bool, **options) -> None:
        if units is None and employees is None:
            raise CommandError("Give --units, --employees or both.")
        try:
            result = import_people(
                units=self._read(units),
                employees=self._read(employees),
                dry_run=dry_run,
                on_stage=lambda stage: self.stderr.write(STAGES[stage]),
            )
        except ImportFailed as failure:
            for message in failure.messages:
                self.stderr.write(message)
            raise CommandError(f"Nothing was imported: {len(failure.errors)} problem(s) found.") from failure
        prefix = "Dry run, nothing saved. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
        for skipped in result.skipped:
            self.stdout.write(self.style.WARNING(str(skipped)))
