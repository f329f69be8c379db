"""Helpers shared by benchmark modules: timing statistics, memory, and the database a worker should use."""

from __future__ import annotations

import os
import statistics
from pathlib import Path
from urllib.parse import quote

WORKSPACE: Path | None = None


def milliseconds(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, round(len(ordered) * 0.95) - 1)] * 1000, 1),
        "min_ms": round(ordered[0] * 1000, 1),
        "n": len(ordered),
    }


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; falls back to peak RSS elsewhere)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def database_url() -> str:
    """A DATABASE_URL pointing at the benchmark's test database, for worker subprocesses."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    user = quote(database.get("USER") or "")
    password = f":{quote(database['PASSWORD'])}" if database.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    host = f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"
    return f"postgres://{credentials}{host}/{database['NAME']}"
