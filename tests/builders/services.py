"""Real services a fault test can stop and start: a Redis server of its own, a TCP proxy it can cut, a
Celery worker subprocess it can kill. Each on a loopback port picked free at start."""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class RedisServer:
    """redis-server on a free loopback port, no persistence; stop() and start() keep the port."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603  (a fixed command: redis-server on a loopback port)
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until(self._answers, timeout=10):
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class TcpProxy:
    """Forwards a loopback port to another; cut() closes every connection and refuses new ones until
    restore(). A database reached through it fails the way a restarted or unreachable server does."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        self.stopping = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopping:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            if not self.open.is_set():
                client.close()  # refused as a stopped server refuses: at once
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=3)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            while True:
                for key, _events in selector.select(timeout=1):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except (OSError, ValueError):
            return
        finally:
            selector.close()
            client.close()
            upstream.close()

    def cut(self) -> None:
        self.open.clear()
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for client, upstream in pairs:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        self.open.set()

    def close(self) -> None:
        self.stopping = True
        self.cut()
        self.listener.close()


class CeleryWorker:
    """A real `celery worker` subprocess (its own process group) on the test database and a given broker,
    consuming every queue; with ``beat`` it also runs the schedule (the certificate sweep)."""

    def __init__(self, broker_url: str, folder: Path, *, beat: bool = False, pool: str = "prefork"):
        self.broker_url = broker_url
        self.folder = folder
        self.beat = beat
        self.pool = pool
        self.process: subprocess.Popen | None = None
        self.log = folder / "worker.log"

    def environment(self) -> dict[str, str]:
        database = connection.settings_dict
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        if database.get("PASSWORD"):
            url = f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.test",
            "DATABASE_URL": url,
            "CELERY_BROKER_URL": self.broker_url,
            "QUDRA_VAR_DIR": str(self.folder),
        }

    def start(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "lms", "worker", "--loglevel=INFO", f"--pool={self.pool}"]
        command += ["--concurrency=1", "-Q", ",".join(settings.QUDRA_TASK_QUEUES), "--without-mingle"]
        command += ["--without-gossip", "-n", f"fault-{os.getpid()}-{time.monotonic_ns()}@%h"]
        if self.beat:
            command += ["--beat", "--schedule", str(self.folder / "beat-schedule")]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603  (a fixed command: this project's celery)
                command, cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children): nothing gets to clean up."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None
