"""Many threads doing the same thing at the same moment, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection

THREADS = 20


def run_at_once(work: Callable[[], object], threads: int = THREADS) -> tuple[list[object], list[Exception]]:
    """Run `work` in that many threads released together by a barrier; return results and errors."""
    barrier = threading.Barrier(threads)
    results: list[object] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            result = work()
            with lock:
                results.append(result)
        except Exception as error:  # the test reports every failure of every thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return results, errors
