"""Settings shared by every deployment; anything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("QUDRA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "lms",
    "common",
    "audit",
    "people",
    "accounts",
    "sso",
    "courses",
    "notifications",
    "programmes",
    "certificates",
    "stats",
    "exports",
    "reports",
    "assignments",
    "skills",
    "external_training",
    "feedback",
    "impact",
    "teams",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

AUTHENTICATION_BACKENDS = ["people.backends.EmployeeBackend"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Publishing or deciding a review of a page: one request at a time per page, and a publication the
    # course checks refuse becomes a message on the editor, not a 500.
    "courses.middleware.PublishingMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
                "teams.context_processors.team_menu",
            ],
        },
    },
]

# The embedded default is SQLite in WAL mode so web, worker and beat can share one file.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'qudra.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A failed CSRF check gets a styled page in the visitor's language, not Django's plain English one.
CSRF_FAILURE_VIEW = "lms.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "courses:my_learning"
LOGOUT_REDIRECT_URL = "/"

# Languages: Arabic first, English equal. URLs carry the language (/ar/..., /en/...).
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin offers only the languages the platform is written in (account settings).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date, time and number format per language for every page, e-mail, PDF and admin screen (docs/i18n.md).
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Muscat")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Certificates and exports never live under MEDIA_URL: they are served by permission-checked views.
PRIVATE_STORAGE_ROOT = Path(os.environ.get("QUDRA_PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Qudra"
# The public address in e-mails, share links and QR codes; on a developer's machine it follows the port
# `make run` serves on, so a moved web server does not print links to the old one.
WAGTAILADMIN_BASE_URL = os.environ.get("QUDRA_BASE_URL", f"http://127.0.0.1:{os.environ.get('QUDRA_PORT', '8000')}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "common.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests from the admin: avatars would send a hash of every user's e-mail address to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Qudra <no-reply@qudra.example.om>")

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_CACHE_URL"]}
        if os.environ.get("REDIS_CACHE_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    )
}

# Celery: the embedded default is kombu's filesystem transport, a broker with no server.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_FOLDER = VAR_DIR / "celery-broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
    }
    # kombu's filesystem transport expects its folders to exist before web, worker or beat start.
    for _folder in ("queue", "control"):
        (CELERY_BROKER_FOLDER / _folder).mkdir(parents=True, exist_ok=True)
else:
    # A broker that is down must never hang a learner's request: connect and publish fail fast.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2, "max_retries": 1}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", "500"))
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    # Wagtail's scheduled publishing: a go-live or expiry time is honoured within a minute.
    "courses-publish-scheduled": {
        "task": "courses.tasks.publish_scheduled_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Completions a content change unlocked (a module unpublished, deleted or made optional) are found
    # at once by a task each change enqueues; this sweep catches a change whose message was lost.
    "courses-reevaluate-completions": {
        "task": "courses.tasks.reevaluate_all_completions_task",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
    # The certificate outbox sweep: re-enqueue certificates left pending (broker down, lost message,
    # killed worker). Cheap when there is nothing to do: one indexed query.
    "certificates-sweep-pending": {
        "task": "certificates.tasks.sweep_pending_certificates_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # HR reports: rebuild the pre-aggregated statistics behind the completion summary and dashboard.
    "reports-refresh-stats": {
        "task": "stats.tasks.refresh_stats_task",
        "schedule": float(os.environ.get("QUDRA_REPORTS_STATS_REFRESH_SECONDS", "300")),
        "options": {"expires": 240},
    },
    # HR reports: spreadsheet exports are kept for QUDRA_REPORTS_EXPORT_RETENTION_DAYS, then deleted.
    "exports-purge": {"task": "exports.tasks.purge_report_exports_task", "schedule": 24 * 3600.0},
    # HR reports: an export whose message was lost (broker down when it was asked for) is published again.
    "exports-sweep": {"task": "exports.tasks.sweep_exports_task", "schedule": 60.0},
    # Mandatory training: enrol people who joined an assigned unit, end the coverage of movers and leavers.
    "assignments-sync": {
        "task": "assignments.tasks.sync_assignments_task",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
    # Reminders before and after due dates, and re-enrolment before certificates expire: every morning.
    # Each reminder is a row with a unique stage, so an extra run sends nothing twice.
    "assignments-daily": {
        "task": "assignments.tasks.daily_reminders_task",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 3 * 3600},
    },
    # The weekly digest of overdue people to HR officers, on the first working day of the week.
    "assignments-hr-digest": {
        "task": "assignments.tasks.hr_digest_task",
        "schedule": crontab(day_of_week="sunday", hour=7, minute=30),
        "options": {"expires": 3 * 3600},
    },
    # Notification emails not sent yet (broker down when they were created, a mail server error).
    "notifications-send-emails": {
        "task": "notifications.tasks.send_notification_emails_task",
        "schedule": 300.0,
        "options": {"expires": 240},
    },
    # Open data: publish the anonymised figures nightly (02:30 Muscat time); a rerun replaces the day's snapshot.
    "impact-publish-open-data": {
        "task": "impact.tasks.publish_open_data_task",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 6 * 3600},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its search and reference-index jobs inline; one INFO line per job is noise.
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; one certificate would print seven lines.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Behind reverse proxies: the header they write the client's address into and how many there are
# (common/client_address.py). Unset, the connecting address counts.
QUDRA_TRUSTED_PROXY_HEADER = os.environ.get("QUDRA_TRUSTED_PROXY_HEADER", "")
QUDRA_TRUSTED_PROXY_COUNT = int(os.environ.get("QUDRA_TRUSTED_PROXY_COUNT", "1"))
RATELIMIT_IP_META_KEY = "common.client_address.client_ip"

QUDRA_CATALOGUE_PAGE_SIZE = 12

# Certificates: the address printed on them (and in their QR code), and how long a certificate may
# stay pending before the beat sweep enqueues it again.
CERTIFICATES_BASE_URL = os.environ.get("QUDRA_CERTIFICATES_BASE_URL", WAGTAILADMIN_BASE_URL)
CERTIFICATES_PENDING_GRACE_SECONDS = int(os.environ.get("QUDRA_CERTIFICATES_PENDING_GRACE_SECONDS", "180"))
CERTIFICATES_VERIFY_RATE = os.environ.get("QUDRA_CERTIFICATES_VERIFY_RATE", "30/m")
CERTIFICATES_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# HR reports. Statistics older than the maximum age are not shown: the summary counts live instead.
QUDRA_REPORTS_PAGE_SIZE = 50
QUDRA_REPORTS_STATS_MAX_AGE_SECONDS = int(os.environ.get("QUDRA_REPORTS_STATS_MAX_AGE_SECONDS", "900"))
QUDRA_REPORTS_COUNT_CAP = 10_000  # listings count at most this many rows; exports carry them all
QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS = 5_000  # larger XLSX exports are built by a Celery worker
QUDRA_REPORTS_EXPORT_CHUNK_SIZE = 5_000
QUDRA_REPORTS_EXPORT_RETENTION_DAYS = 7
# A pending export not picked up after this long is published again; a running one that shows no end
# after the longer time is taken to have lost its worker and is built again.
QUDRA_REPORTS_EXPORT_REPUBLISH_SECONDS = 60
QUDRA_REPORTS_EXPORT_STALE_SECONDS = 1800
QUDRA_REPORTS_DASHBOARD_WEEKS = 12  # weeks of completions kept in the statistics tables and shown on the dashboard
# Mandatory training: reminder days before a due date, how long before expiry a certification is
# renewed (and counts as "expiring soon" in reports), and how many names an HR digest lists.
QUDRA_REMINDER_DAYS = [int(day) for day in os.environ.get("QUDRA_REMINDER_DAYS", "14,3").split(",") if day.strip()]
QUDRA_RENEWAL_DAYS = int(os.environ.get("QUDRA_RENEWAL_DAYS", "30"))
QUDRA_HR_DIGEST_MAX_ROWS = 50
# Line managers: a person's manager is told once their mandatory course is this many days overdue
# (docs/teams.md); "My team" follows Employee.manager down at most this many levels.
QUDRA_MANAGER_ESCALATION_DAYS = int(os.environ.get("QUDRA_MANAGER_ESCALATION_DAYS", "7"))
QUDRA_TEAM_MAX_DEPTH = 12
# Open data: a published figure must rest on at least this many people (smaller cells are suppressed).
QUDRA_OPEN_DATA_MIN_CELL = int(os.environ.get("QUDRA_OPEN_DATA_MIN_CELL", "10"))
QUDRA_IMPORT_MAX_BYTES = 10 * 1024 * 1024  # bulk import of people (CSV)
