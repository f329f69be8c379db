"""gunicorn for one web node (docs/deploy.md): `gunicorn -c gunicorn.conf.py lms.wsgi`.

Every value can be set from the environment; the defaults suit a node with 2 cores behind a reverse proxy.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Requests are short: no page waits on a dependency for more than a few seconds (timeouts in settings).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy, a scale-down) requests in flight have this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# A worker is replaced after this many requests, so a slow leak never grows for weeks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Heartbeat files in memory: a slow disk never makes the arbiter think a worker hung.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# Only the proxy in front may say the request came over HTTPS (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Application logs are JSON from Django's LOGGING; gunicorn's own go to stderr, the access log off
# by default (the proxy keeps one, and the metrics count requests).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the application once in the arbiter: workers start faster and share memory.
preload_app = True


def child_exit(server, worker):
    """Prometheus in multiprocess mode (PROMETHEUS_MULTIPROC_DIR): forget the figures of a worker that left."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
