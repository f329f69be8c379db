"""Running many nodes (docs/deploy.md): logs, health, metrics, the single beat. Values from the environment."""

import os

# --- Logs ------------------------------------------------------------------------------------------
# One JSON object per line in production (QUDRA_LOG_FORMAT=json), readable lines on a developer's
# machine; each line carries the request id, also inside the tasks that request published.
QUDRA_LOG_FORMAT = os.environ.get("QUDRA_LOG_FORMAT", "plain").strip().lower()
_FORMATTERS = {
    "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(task_id)s %(process)d",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    },
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "common.request_id.RequestIdFilter"}},
    "formatters": {"line": _FORMATTERS["json" if QUDRA_LOG_FORMAT == "json" else "plain"]},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its search and reference-index jobs inline; one INFO line per job is noise.
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; one certificate would print seven lines.
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes logs every log-in attempt at INFO; failures and lockouts are WARNING.
        "axes": {"level": "WARNING"},
        # Each failed probe is in /readyz's answer; one traceback per probe and second is noise.
        "health_check": {"level": "ERROR"},
    },
}
# Celery would replace the root logger's handlers with its own format: keep ours, in worker and beat too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Metrics ---------------------------------------------------------------------------------------
# /metrics answers only a request with `Authorization: Bearer <QUDRA_METRICS_TOKEN>`; unset, it is a 404.
QUDRA_METRICS_TOKEN = os.environ.get("QUDRA_METRICS_TOKEN", "")
PROMETHEUS_EXPORT_MIGRATIONS = False

# --- Beat ------------------------------------------------------------------------------------------
# Beat may be started on every node: on PostgreSQL only the holder of an advisory lock sends the
# scheduled tasks; the others wait and take over when it stops (lms/beat.py).
CELERY_BEAT_SCHEDULER = "lms.beat:SingleBeatScheduler"
QUDRA_BEAT_LOCK_RETRY_SECONDS = float(os.environ.get("QUDRA_BEAT_LOCK_RETRY_SECONDS", "5"))

# --- Health ----------------------------------------------------------------------------------------
# /readyz probes the database, the broker, both storages and the migrations; each probe has this long.
QUDRA_READY_PROBE_SECONDS = float(os.environ.get("QUDRA_READY_PROBE_SECONDS", "3"))
