"""Run every benchmark module of this package (or those named on the command line) and print JSON.

    python -m benchmarks                 # all of them
    python -m benchmarks certificates    # only benchmarks/certificates.py

Everything runs against a fresh test database (SQLite file or, with DATABASE_URL, a PostgreSQL
"test_" database) and a temporary folder for the broker and private files; all are removed at the end.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    workspace = Path(tempfile.mkdtemp(prefix="qudra-bench-"))
    # Before Django reads its settings: the broker folder, caches and private files go to the workspace.
    os.environ["QUDRA_VAR_DIR"] = str(workspace)
    os.environ["QUDRA_PRIVATE_ROOT"] = str(workspace / "private")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    for folder in ("celery-broker/queue", "celery-broker/control", "private", "media"):
        (workspace / folder).mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from benchmarks import support

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(workspace / "bench.sqlite3")
    original_name = database["NAME"]
    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    support.WORKSPACE = workspace
    results: dict[str, object] = {"setup_seconds": round(time.perf_counter() - started, 1)}
    try:
        package = Path(__file__).resolve().parent
        names = [info.name for info in pkgutil.iter_modules([str(package)]) if not info.name.startswith("_")]
        names = [name for name in names if name != "support" and (not argv or name in argv)]
        for name in sorted(names):
            module = importlib.import_module(f"benchmarks.{name}")
            print(f"benchmark {name}...", file=sys.stderr, flush=True)
            results[name] = module.run()
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        shutil.rmtree(workspace, ignore_errors=True)
    print(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
