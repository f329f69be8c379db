"""Benchmarks of the HR reports on the OMAN-250k dataset (``manage.py seed_scale``), printed as JSON.

Run alone with ``python -m benchmarks.reports`` (or through ``python -m benchmarks``, which calls
``run()``). The dataset lives in its own database: ``QUDRA_BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/qudra_scale``). Each measurement runs in a fresh Python process
with production-like settings (DEBUG off), through Django's test client, so a figure is a whole
request: URL routing, permission checks, queries, template rendering.

"Warm" figures repeat a request after a few warm-up requests. "Cold" figures are the first request of
a new process (an application server restart) on a new database connection after ``DISCARD ALL``.
PostgreSQL's shared buffers and the OS page cache are *not* dropped: restarting the shared
PostgreSQL server would break other people's work on the same machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/qudra_scale"
TARGETS = {
    "summary_ministry_p95_ms": 300,
    "summary_national_ms": 1000,
    "learner_detail_first_page_ms": 300,
    "csv_rows_per_second": 50_000,
    "csv_rss_growth_mb": 64,
    "xlsx_200k_seconds": 30,
    "xlsx_peak_rss_mb": 150,
}


# -- inside the measuring process -----------------------------------------------------------------------


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU time of a process (this one by default), from /proc."""
    with open(f"/proc/{pid or 'self'}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _load() -> float:
    return round(os.getloadavg()[0], 1)


def _client(username: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _fresh_connection() -> None:
    from django.core.cache import cache
    from django.db import connection

    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("DISCARD ALL")
    cache.clear()


def _timed(client, url: str, params: dict | None = None) -> float:
    started = time.perf_counter()
    response = client.get(url, params or {})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} {params} answered {response.status_code}")
    return elapsed


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(round(0.95 * len(ordered))) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def measure_requests(spec: dict) -> dict:
    """Cold first request, then warm repetitions, for each (user, url, params) in the spec."""
    _setup()
    _fresh_connection()
    results = {}
    for name, (users, url, params, repeat) in spec.items():
        clients = [_client(user) for user in users]
        cold = _timed(clients[0], url, params)
        for client in clients:
            for _ in range(2):
                _timed(client, url, params)
        times = [_timed(clients[index % len(clients)], url, params) for index in range(repeat)]
        results[name] = {"cold_ms": round(cold, 1), **_percentiles(times), "load_average": _load()}
    return results


def measure_csv(username: str) -> dict:
    """Stream the national learner detail (past cycles included: every enrolment) as CSV, counting rows
    and watching this process's memory and the CPU time of this process and its database backend."""
    _setup()
    _fresh_connection()
    client = _client(username)
    backend = _backend_pid()
    baseline = _rss_mb()
    peak = baseline
    cpu_app, cpu_db, load = _cpu_seconds(), _cpu_seconds(backend), _load()
    started = time.perf_counter()
    response = client.get("/admin/hr-reports/learners/", {"export": "csv", "history": "on"})
    lines = 0
    for number, chunk in enumerate(response.streaming_content):
        lines += chunk.count(b"\n")
        if number % 20 == 0:
            peak = max(peak, _rss_mb())
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_app + _cpu_seconds(backend) - cpu_db
    rows = lines - 1  # the heading line
    return {
        "rows": rows,
        "seconds": round(elapsed, 1),
        "rows_per_second": round(rows / elapsed),
        "cpu_seconds_app_and_db": round(cpu, 1),
        "rows_per_cpu_second": round(rows / cpu) if cpu else None,
        "rss_growth_mb": round(peak - baseline, 1),
        "load_average_before_after": [load, _load()],
    }


def measure_xlsx(username: str) -> dict:
    """Build a learner-detail XLSX the way the Celery worker does (same function), in a fresh process."""
    _setup()
    from django.contrib.auth import get_user_model

    from common.storage import private_storage
    from exports.models import ExportJob
    from exports.services import build_export

    user = get_user_model().objects.get(username=username)
    job = ExportJob.objects.create(user=user, report="learner-detail", query={"_language": ["en"]})
    backend = _backend_pid()
    rss_before = _rss_mb()
    cpu_app, cpu_db, load = _cpu_seconds(), _cpu_seconds(backend), _load()
    started = time.perf_counter()
    build_export(job_id=job.pk)
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_app + _cpu_seconds(backend) - cpu_db
    job.refresh_from_db()
    size = private_storage().size(job.file_name)
    private_storage().delete(job.file_name)
    job.delete()
    return {
        "rows": job.rows_written,
        "seconds": round(elapsed, 1),
        "rows_per_second": round(job.rows_written / elapsed),
        "cpu_seconds_app_and_db": round(cpu, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "rss_before_mb": round(rss_before, 1),
        "file_mb": round(size / 1024 / 1024, 1),
        "load_average_before_after": [load, _load()],
    }


def refresh_stats() -> dict:
    _setup()
    from stats.services import refresh_report_stats, tidy_report_stats

    state = refresh_report_stats()
    tidy_report_stats()
    return {"refresh_ms": state.duration_ms}


def dataset() -> dict:
    _setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM people_employee), (SELECT count(*) FROM people_orgunit), "
            "(SELECT count(*) FROM people_orgunit WHERE depth = 1), (SELECT count(*) FROM courses_enrolment), "
            "(SELECT count(*) FROM courses_enrolment WHERE is_current), (SELECT count(*) FROM courses_moduleprogress), "
            "pg_size_pretty(pg_database_size(current_database()))"
        )
        employees, units, ministries, enrolments, current, progress, size = cursor.fetchone()
    return {
        "employees": employees,
        "org_units": units,
        "ministries": ministries,
        "enrolments": enrolments,
        "current_enrolments": current,
        "module_progress": progress,
        "database_size": size,
    }


def largest_ministry_officer() -> dict:
    _setup()
    from people.models import Employee, OrgUnit

    sizes = {
        root.code: Employee.objects.filter(org_unit__path__startswith=root.path).count()
        for root in OrgUnit.get_root_nodes()
    }
    largest = max(sizes, key=sizes.get)
    return {"largest": largest, "employees": sizes[largest], "codes": sorted(sizes)}


STEPS = {
    "dataset": dataset,
    "refresh_stats": refresh_stats,
    "largest": largest_ministry_officer,
    "requests": measure_requests,
    "csv": measure_csv,
    "xlsx": measure_xlsx,
}


def _child_main() -> None:
    step, argument = sys.argv[2], json.loads(sys.argv[3])
    function = STEPS[step]
    result = function(argument) if argument is not None else function()
    print(json.dumps(result))


# -- the orchestrating process --------------------------------------------------------------------------


def _in_fresh_process(step: str, argument=None) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("QUDRA_BENCH_DATABASE_URL", DEFAULT_DATABASE),
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONWARNINGS": "ignore",
    }
    # A fixed argument list of our own (no shell): each step in a fresh interpreter.
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.reports", "--step", step, json.dumps(argument)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        raise RuntimeError(f"benchmark step {step} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def run() -> dict:
    """Every reports figure of the issue, with its target and whether it is met."""
    try:
        facts = _in_fresh_process("dataset")
    except RuntimeError as error:
        return {"skipped": f"no OMAN-250k database to measure ({str(error)[-300:]})"}
    if facts["employees"] < 1000:
        return {"skipped": "the benchmark database holds no OMAN-250k data; run manage.py seed_scale first"}
    stats = _in_fresh_process("refresh_stats")
    largest = _in_fresh_process("largest")
    officers = [f"hr.{code}" for code in largest["codes"]]
    biggest = f"hr.{largest['largest']}"
    summary = "/admin/hr-reports/completion/"
    learners = "/admin/hr-reports/learners/"
    specs = {
        "summary_largest_ministry": [[biggest], summary, {}, 30],
        "summary_every_ministry": [officers, summary, {}, 51],
        "summary_ministry_course_filter": [[biggest], summary, {"skill_area": "cybersecurity"}, 20],
        "summary_ministry_date_filter_live": [[biggest], summary, {"enrolled_from": "2026-01-01"}, 10],
        "summary_national": [["admin.scale"], summary, {}, 20],
        "learner_detail_largest_ministry": [[biggest], learners, {}, 30],
        "learner_detail_national": [["admin.scale"], learners, {}, 20],
        "dashboard_largest_ministry": [[biggest], "/admin/", {}, 10],
    }
    # Each in a process of its own, so every "cold" figure is the first request after a restart.
    requests = {}
    for name, spec in specs.items():
        requests.update(_in_fresh_process("requests", {name: spec}))
    csv_export = _in_fresh_process("csv", "admin.scale")
    xlsx_export = _in_fresh_process("xlsx", "hr.moh")
    figures = {
        "summary_ministry_p95_ms": requests["summary_every_ministry"]["p95_ms"],
        "summary_national_ms": requests["summary_national"]["p95_ms"],
        "learner_detail_first_page_ms": requests["learner_detail_largest_ministry"]["p95_ms"],
        "csv_rows_per_second": csv_export["rows_per_second"],
        "csv_rss_growth_mb": csv_export["rss_growth_mb"],
        "xlsx_200k_seconds": round(xlsx_export["seconds"] * 200_000 / max(xlsx_export["rows"], 1), 1),
        "xlsx_peak_rss_mb": xlsx_export["peak_rss_mb"],
    }
    higher_is_better = {"csv_rows_per_second"}
    verdicts = {
        name: {
            "value": value,
            "target": TARGETS[name],
            "met": value >= TARGETS[name] if name in higher_is_better else value <= TARGETS[name],
        }
        for name, value in figures.items()
    }
    return {
        "load_average": _load(),
        "dataset": facts,
        "stats": stats,
        "requests": requests,
        "csv_export": csv_export,
        "xlsx_export": xlsx_export,
        "targets": verdicts,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        _child_main()
    else:
        print(json.dumps({"reports": run()}, indent=2))
