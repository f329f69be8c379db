"""Certificate rendering and bulk issuing.

- render: a warm renderer (shared fonts, parsed stylesheet): first render, median/p95 over 200,
  RSS growth over 500 more; the naive way (a fresh ``HTML(...).write_pdf()`` per certificate, no
  shared state) measured in the same run.
- bulk: 1,000 issued certificates re-issued through Celery with a real worker (prefork, concurrency
  2) on the configured broker, timed from the first publish to the last certificate issued.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import support

# Smaller numbers for a quick check: QUDRA_BENCH_SCALE=0.1 python -m benchmarks certificates
SCALE = float(os.environ.get("QUDRA_BENCH_SCALE", "1"))
RENDERS = max(10, int(200 * SCALE))
RSS_RENDERS = max(10, int(500 * SCALE))
NAIVE_RENDERS = max(5, int(20 * SCALE))
BULK = max(20, int(1000 * SCALE))
WORKER_CONCURRENCY = 2


def _sample(index: int = 0):
    from certificates.codes import new_code
    from certificates.models import CertificateTemplate
    from certificates.rendering import CertificateData, look_for
    from certificates.services import DEFAULT_WORDING

    template = CertificateTemplate(
        name="Benchmark",
        signatory_name_ar="خالد أحمد الهنائي",
        signatory_name_en="Khalid Ahmed Al-Hinai",
        signatory_title_ar="مدير برنامج التحول الرقمي الحكومي",
        signatory_title_en="Director, Government Digital Transformation Programme",
        **DEFAULT_WORDING,
    )
    code = new_code()
    return CertificateData(
        code=code,
        holder_name_ar="عائشة سالم البلوشية",
        holder_name_en=f"Aisha Salim Al-Balushi {index}",
        course_title_ar="أساسيات الخدمات الحكومية الرقمية",
        course_title_en="Digital Government Services Fundamentals",
        hours=6,
        issued_on=datetime.date(2026, 3, 5),
        expires_on=datetime.date(2028, 3, 5),
        verify_url=f"https://qudra.example.om/ar/verify/{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}/",
        look=look_for(template),
    )


def _naive_render(item) -> bytes:
    """What most projects do: build the HTML, hand it to WeasyPrint, nothing reused between calls."""
    from weasyprint import HTML

    from certificates.rendering import ALLOWED_DIRS, ASSET_DIR, certificate_html
    from common.fetchers import bundled_assets_fetcher

    memory: dict = {}
    html = certificate_html([item], memory).replace("</head>", '<link rel="stylesheet" href="certificate.css"></head>')
    return HTML(
        string=html, base_url=ASSET_DIR.as_uri() + "/", url_fetcher=bundled_assets_fetcher(ALLOWED_DIRS, memory)
    ).write_pdf()


def run_render() -> dict:
    from certificates.rendering import CertificateRenderer, harfbuzz_subsetting_available

    started = time.perf_counter()
    renderer = CertificateRenderer()
    renderer.render(_sample())
    first = time.perf_counter() - started

    timings, cpu_timings = [], []
    for index in range(RENDERS):
        item = _sample(index)
        started, cpu_started = time.perf_counter(), time.process_time()
        renderer.render(item)
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)

    rss_before = support.rss_mb()
    for index in range(RSS_RENDERS):
        renderer.render(_sample(index))
    rss_after = support.rss_mb()

    naive, naive_cpu = [], []
    for index in range(NAIVE_RENDERS):
        item = _sample(index)
        started, cpu_started = time.perf_counter(), time.process_time()
        _naive_render(item)
        naive.append(time.perf_counter() - started)
        naive_cpu.append(time.process_time() - cpu_started)

    warm = support.milliseconds(timings)
    naive_stats = support.milliseconds(naive)
    return {
        "harfbuzz_subsetting": harfbuzz_subsetting_available(),
        "first_render_ms": round(first * 1000, 1),
        "warm": warm,
        # CPU time is what one render costs a core; wall time also counts waiting for a busy machine.
        "warm_cpu": support.milliseconds(cpu_timings),
        "rss_growth_mb_over_500": round(rss_after - rss_before, 1),
        "rss_mb_after": round(rss_after, 1),
        "naive": naive_stats,
        "naive_cpu": support.milliseconds(naive_cpu),
        "speedup_vs_naive": round(naive_stats["median_ms"] / warm["median_ms"], 2),
    }


def _bulk_data(count: int) -> list[int]:
    """`count` issued certificates of one course, created directly (the pipeline is not what is measured here)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from certificates.models import Certificate
    from certificates.services import default_template
    from courses.models import CourseIndexPage, CoursePage, Enrolment
    from people.models import Employee, OrgUnit

    locale, _ = Locale.objects.get_or_create(language_code="ar")
    root = Page.get_first_root_node()
    catalogue = root.add_child(instance=CourseIndexPage(title="الدورات", slug="bench-courses", locale=locale))
    course = CoursePage(title="التحول الرقمي", slug="bench-course", summary="-", skill_area="digital_services")
    course.locale = locale
    catalogue.add_child(instance=course)
    default_template()
    unit = OrgUnit.add_root(code="bench", name_en="Bench", name_ar="قياس", kind="ministry")
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"bench{index}", email=f"bench{index}@example.om") for index in range(count)]
    )
    Employee.objects.bulk_create(
        [
            Employee(
                user=user,
                employee_number=f"B{index:06d}",
                full_name_ar=f"الموظف {index}",
                full_name_en=f"Employee {index}",
                org_unit=unit,
            )
            for index, user in enumerate(users)
        ]
    )
    now = timezone.now()
    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(learner=user, course=course, status="completed", completed_at=now) for user in users]
    )
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(
                enrolment=enrolment,
                holder=enrolment.learner,
                course=course,
                holder_name_ar=f"الموظف {index}",
                holder_name_en=f"Employee {index}",
                course_title_ar="التحول الرقمي",
                course_title_en="Digital Transformation",
                hours=4,
                issued_on=now.date(),
                status=Certificate.Status.ISSUED,
                sha256="0" * 64,
                issued_at=now,
            )
            for index, enrolment in enumerate(enrolments)
        ]
    )
    return [certificate.pk for certificate in certificates]


def _start_worker(log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": support.database_url(), "DJANGO_LOG_LEVEL": "WARNING"}
    command = [
        sys.executable, "-m", "celery", "-A", "lms", "worker",
        "--pool=prefork", f"--concurrency={WORKER_CONCURRENCY}",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING",
        "-Q", "certificates,notifications",
    ]  # fmt: skip
    handle = log.open("wb")
    # The command is fixed above; only this interpreter's path and constants go into it.
    return subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its live children (Linux /proc)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        pids += [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        for each in pids:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    except OSError:
        return float("nan")
    return total


def _wait_issued(ids: list[int], timeout: float) -> bool:
    from certificates.models import Certificate

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Certificate.objects.filter(pk__in=ids, status=Certificate.Status.ISSUED).count() == len(ids):
            return True
        time.sleep(0.25)
    return False


def run_bulk() -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from certificates import outbox, services
    from certificates.models import Certificate

    ids = _bulk_data(BULK + 4)
    warmup, ids = ids[:4], ids[4:]
    admin = get_user_model().objects.create(username="bench-admin", is_superuser=True)
    log = support.WORKSPACE / "worker.log"
    worker = _start_worker(log)
    try:
        # Warm-up: the worker starts and each child loads fonts; not part of the measured run.
        for pk in warmup:
            services.reissue_certificate(certificate=Certificate.objects.get(pk=pk), user=admin, reason="warm-up")
        outbox.publish_batch(certificate_ids=warmup[:2])
        outbox.publish_batch(certificate_ids=warmup[2:])
        if not _wait_issued(warmup, timeout=120):
            return {"error": "the worker did not start", "worker_log": log.read_text()[-2000:]}

        cpu_before = _tree_cpu_seconds(worker.pid)
        started = time.perf_counter()
        with transaction.atomic():
            for certificate in Certificate.objects.filter(pk__in=ids).order_by("pk"):
                services.reissue_certificate(certificate=certificate, user=admin, reason="Template updated")
        marked = time.perf_counter() - started
        for start in range(0, len(ids), outbox.PUBLISH_BATCH_SIZE):
            outbox.publish_batch(certificate_ids=ids[start : start + outbox.PUBLISH_BATCH_SIZE])
        published = time.perf_counter() - started
        done = _wait_issued(ids, timeout=600)
        elapsed = time.perf_counter() - started
        worker_cpu = _tree_cpu_seconds(worker.pid) - cpu_before
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
    issued = Certificate.objects.filter(pk__in=ids, status=Certificate.Status.ISSUED).count()
    versions = Certificate.objects.filter(pk__in=ids, version=2).count()
    from django.conf import settings

    return {
        "certificates": len(ids),
        "issued": issued,
        "completed": done,
        "broker": settings.CELERY_BROKER_URL.split("://")[0],
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "worker": f"prefork, concurrency {WORKER_CONCURRENCY}, batches of {outbox.PUBLISH_BATCH_SIZE}",
        "cpu_count": os.cpu_count(),
        "mark_for_reissue_seconds": round(marked, 1),
        "publish_seconds": round(published - marked, 2),
        "total_seconds": round(elapsed, 1),
        "certificates_per_minute": round(issued / elapsed * 60),
        "render_phase_per_minute": round(issued / (elapsed - marked) * 60),
        "all_version_2": versions == len(ids),
        # On a machine shared with other work, wall time understates capacity; the worker's own CPU
        # seconds per certificate say what two dedicated cores would sustain.
        "worker_cpu_ms_per_certificate": round(worker_cpu / max(issued, 1) * 1000, 1),
        "per_minute_on_2_dedicated_cores": round(2 * 60 / (worker_cpu / max(issued, 1))) if worker_cpu else None,
    }


def run() -> dict:
    return {"render": run_render(), "bulk_reissue": run_bulk()}
