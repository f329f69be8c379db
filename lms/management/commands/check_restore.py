"""The tested restore (docs/deploy.md): dump the database, restore it into a fresh one, check every
certificate's PDF against the SHA-256 the restored rows recorded, drop the copy, print JSON.

    python manage.py check_restore            # the database of DATABASE_URL (PostgreSQL)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from common.storage import private_storage

ISSUED = "SELECT code, pdf, sha256 FROM certificates_certificate WHERE status = 'issued' ORDER BY id"


def _client_environment() -> tuple[dict[str, str], list[str]]:
    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
    arguments = ["-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432), "-U", settings["USER"]]
    return environment, arguments


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr[-2000:]}")


def _hash_of(name: str) -> str | None:
    try:
        with private_storage().open(name, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except FileNotFoundError:
        return None


def check_restore() -> dict[str, Any]:
    """Dump, restore into a fresh database, compare every issued certificate's file with its hash."""
    environment, arguments = _client_environment()
    source = connection.settings_dict["NAME"]
    copy = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    figures: dict[str, Any] = {"database": source}
    with tempfile.TemporaryDirectory(prefix="qudra-restore-") as folder:
        dump = Path(folder) / "qudra.dump"
        started = time.perf_counter()
        _run(["pg_dump", *arguments, "--format=custom", "--no-owner", f"--file={dump}", source], environment)
        figures.update(dump_seconds=round(time.perf_counter() - started, 2), dump_bytes=dump.stat().st_size)
        _run(["createdb", *arguments, copy], environment)
        try:
            started = time.perf_counter()
            _run(
                ["pg_restore", *arguments, "--no-owner", "--exit-on-error", f"--dbname={copy}", str(dump)], environment
            )
            figures["restore_seconds"] = round(time.perf_counter() - started, 2)
            figures.update(_compare(copy))
        finally:
            _run(["dropdb", *arguments, "--if-exists", copy], environment)
    return figures


def _compare(copy: str) -> dict[str, Any]:
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=copy,
    ) as restored:
        rows = restored.execute(ISSUED).fetchall()
    mismatched = [code for code, name, sha256 in rows if _hash_of(name) != sha256]
    return {"certificates_checked": len(rows), "certificates_mismatched": mismatched}


class Command(BaseCommand):
    help = "Dump the database, restore it into a fresh one and check every certificate's hash."

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The restore check needs PostgreSQL (DATABASE_URL).")
        figures = check_restore()
        self.stdout.write(json.dumps(figures, indent=2))
        if figures["certificates_mismatched"]:
            raise CommandError(f"{len(figures['certificates_mismatched'])} certificates do not match their hash")
