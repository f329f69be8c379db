"""How the platform behaves when a dependency fails (docs/resilience.md): the cache, the broker, the
rate limiter and the database, each with a short timeout; Celery's queues, routes and reconnecting."""

import os

# --- Cache (Redis) -------------------------------------------------------------------------------------
# The cache is an optimisation: with django-redis's IGNORE_EXCEPTIONS an unreachable Redis is a miss on
# read and a no-op on write (logged), never a 500. The timeouts bound what one cache call may cost a page.
REDIS_CACHE_SOCKET_TIMEOUT = float(os.environ.get("QUDRA_REDIS_CACHE_TIMEOUT_SECONDS", "0.5"))
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "lms.cache"


def redis_cache(url: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_CACHE_SOCKET_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_CACHE_SOCKET_TIMEOUT,
        },
    }


# --- Rate limiter ----------------------------------------------------------------------------------------
# django-ratelimit counts in the cache. With the cache down it lets requests through (fail open) rather
# than refusing everyone with a "too many requests" that is not true. What it guards stays guarded by
# records in PostgreSQL: lockout after failed sign-ins (django-axes), the throttle on each two-factor
# device (django-otp), and verification codes of 80 random bits.
RATELIMIT_FAIL_OPEN = True

# --- Database (PostgreSQL) -------------------------------------------------------------------------------
# libpq options: give up connecting after 3 s, and drop a connection whose data goes unacknowledged for
# 5 s (a cut network), so a request fails fast into the 503 page instead of hanging.
POSTGRES_OPTIONS = {
    "connect_timeout": int(os.environ.get("QUDRA_DATABASE_CONNECT_TIMEOUT_SECONDS", "3")),
    "tcp_user_timeout": 5000,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 2,
    "keepalives_count": 3,
}
# How long the 503 page asks a browser to wait before trying again while the database is unreachable.
QUDRA_DATABASE_RETRY_AFTER_SECONDS = int(os.environ.get("QUDRA_DATABASE_RETRY_AFTER_SECONDS", "30"))

# --- Broker (Celery) -------------------------------------------------------------------------------------
# Publishing fails fast (connect and socket timeouts) and never raises into a request: the row written
# with the cause is the outbox, and a sweep publishes it again (common/publishing.py).
REDIS_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2, "max_retries": 1}
# kombu's Redis transport with the fix for the worker crash on a lost connection (lms/broker.py).
REDIS_BROKER_TRANSPORT = "lms.broker:Transport"
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker keeps trying to reach the broker however long it is away (celery's default gives up after 100
# tries, about 50 minutes, and the worker exits).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A task running when the broker goes away finishes its work (the database is what it writes to); its
# acknowledgement may be lost, and a second run of any of our tasks does nothing.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}

# Queues: certificates, notifications and exports each have their own, so a large export or an e-mail
# backlog never delays a learner's certificate; everything else uses the default queue ("celery", the
# name messages queued before the queues were split already carry). Each has its own worker in the
# reference deployment (Procfile, deploy/systemd/).
CELERY_TASK_DEFAULT_QUEUE = "celery"
QUDRA_TASK_QUEUES = ("celery", "certificates", "notifications", "exports")
CELERY_TASK_ROUTES = {
    "certificates.tasks.*": {"queue": "certificates"},
    "notifications.tasks.*": {"queue": "notifications"},
    "exports.tasks.*": {"queue": "exports"},
}
