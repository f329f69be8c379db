"""Processes of a deployment started by a test: a Redis of its own on a Unix socket, gunicorn web nodes and
Celery workers, each with its own local folders (lms.settings.test makes fresh ones per process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

PYTHON = sys.executable


def wait_for(condition, *, seconds: float = 60, what: str = "a condition"):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {seconds} s for {what}")
        time.sleep(0.1)
    return result


@contextmanager
def process(command: list[str], log: Path, environment: dict[str, str]) -> Iterator[subprocess.Popen]:
    """A process whose output goes to `log`; stopped with SIGTERM (then SIGKILL) when the block ends."""
    with log.open("w") as output:
        child = subprocess.Popen(  # noqa: S603
            command, cwd=settings.BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


@contextmanager
def own_redis(folder: Path) -> Iterator[str]:
    """A Redis server listening on a Unix socket only: no port to collide with, no other test's messages."""
    socket = folder / "redis.sock"
    command = ["redis-server", "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"]
    with process(command, folder / "redis.log", dict(os.environ)):
        wait_for(socket.exists, seconds=15, what="Redis")
        yield f"redis+socket://{socket}"


def node_environment(extra: dict[str, str]) -> dict[str, str]:
    """What every node of the deployment shares: this test's database, broker and object store."""
    database = connection.settings_dict
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("QUDRA_S3_", "PYTEST", "DJANGO_ALLOW_ASYNC"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        DATABASE_URL=(
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        QUDRA_LOG_FORMAT="json",
        **extra,
    )
    return environment


def _web(name: str, folder: Path, environment: dict[str, str]) -> tuple[list[str], Path, dict[str, str]]:
    web = {**environment, "GUNICORN_BIND": "127.0.0.1:0", "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "4"}
    return [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lms.wsgi"], folder / f"{name}.log", web


def _worker(name: str, folder: Path, environment: dict[str, str]) -> tuple[list[str], Path, dict[str, str]]:
    command = [PYTHON, "-m", "celery", "-A", "lms", "worker", "-n", f"{name}@%h", "--concurrency=1", "--loglevel=INFO"]
    command += ["-Q", ",".join(settings.QUDRA_TASK_QUEUES)]  # every queue, as one node of a small deployment
    command += ["--without-mingle", "--without-gossip"]  # no waiting on neighbours at start
    return command, folder / f"{name}.log", environment


@contextmanager
def deployment(
    folder: Path, environment: dict[str, str], *, webs: int, workers: int
) -> Iterator[tuple[list[str], list[Path]]]:
    """`webs` gunicorn nodes (ports the system chose) and `workers` Celery workers, started together;
    yields the web nodes' base URLs and the workers' logs once every one is ready."""
    web_specs = [_web(f"web{n}", folder, environment) for n in range(webs)]
    worker_specs = [_worker(f"worker{n}", folder, environment) for n in range(workers)]
    with ExitStack() as stack:
        for command, log, variables in web_specs + worker_specs:
            stack.enter_context(process(command, log, variables))
        urls = []
        for _command, log, _variables in web_specs:
            found = wait_for(
                lambda log=log: re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text()),
                seconds=120,
                what=f"{log.stem} to listen",
            )
            urls.append(found.group(1))
        for _command, log, _variables in worker_specs:
            wait_for(lambda log=log: "ready." in log.read_text(), seconds=120, what=f"{log.stem} to be ready")
        yield urls, [log for _command, log, _variables in worker_specs]
