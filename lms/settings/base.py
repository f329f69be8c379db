"""Settings shared by every deployment; anything that differs comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_list
from .operations import *  # noqa: F403  (logs, metrics, the single beat, readiness)
from .resilience import *  # noqa: F403  (timeouts, failure behaviour, Celery queues)
from .resilience import POSTGRES_OPTIONS, REDIS_BROKER_TRANSPORT, REDIS_BROKER_TRANSPORT_OPTIONS, redis_cache
from .security import *  # noqa: F403  (Content-Security-Policy, Permissions-Policy)
from .sso import *  # noqa: F403  (single sign-on through the government identity provider)
from .storage import storages_setting

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("QUDRA_VAR_DIR", BASE_DIR / "var"))


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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    "csp",
    "django_prometheus",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

# django-axes first: a locked-out account or address is refused before any password is checked. Then
# passwords under QUDRA_LOCAL_LOGIN (people.backends.EmployeeBackend wrapped), then the government identity
# provider's code flow (docs/sso.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sso.backends.LocalPasswordBackend",
    "sso.backends.GovernmentIdentityBackend",
]

MIDDLEWARE = [
    # First and last: every request counted and timed (the metrics, lms/metrics.py), and given its id.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "common.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The headers every response carries, the 413 for an oversized body included (docs/security.md).
    "common.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before anything reads the body (CSRF reads a POST's form): a body over its limit is never read.
    "common.security.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff who signed in with a password but not yet with their second factor go to enrolment or
    # verification first (docs/accounts.md).
    "accounts.middleware.StaffTwoFactorMiddleware",
    # A page for a signed-in person is never kept by a browser or a shared cache.
    "common.security.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Publishing or deciding a review of a page: one request at a time per page, and a publication the
    # course checks refuse becomes a message on the editor, not a 500.
    "courses.middleware.PublishingMiddleware",
    # Last, so the lockout page replaces whatever the login view answered.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
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
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {**POSTGRES_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
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
# The local disk by default; QUDRA_STORAGE=s3 puts media and private files in an object store (storage.py).
STORAGES = {
    **storages_setting(private_root=PRIVATE_STORAGE_ROOT),
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
# Off: Wagtail's responsive wrapper is an inline style, which the Content-Security-Policy refuses; qudra.css
# gives embedded players their width and ratio instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests from the admin: avatars would send a hash of every user's e-mail address to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Qudra <no-reply@qudra.example.om>")

CACHES = {
    "default": (
        redis_cache(os.environ["REDIS_CACHE_URL"])
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
elif CELERY_BROKER_URL.startswith("redis://"):  # rediss: kombu's own, for its TLS options
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
    CELERY_BROKER_TRANSPORT = REDIS_BROKER_TRANSPORT
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1}
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
    # killed worker), so one is issued well within a minute of the broker or worker coming back.
    # Cheap when there is nothing to do: one indexed query.
    "certificates-sweep-pending": {
        "task": "certificates.tasks.sweep_pending_certificates_task",
        "schedule": 15.0,
        "options": {"expires": 14},
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
    # People imports run by a worker: one whose message was lost (broker down at the upload) is published again.
    "people-imports-sweep": {"task": "people.tasks.sweep_people_imports_task", "schedule": 60.0},
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

# Behind reverse proxies: the header they write the client's address into and how many there are
# (common/client_address.py). Unset, the connecting address counts.
QUDRA_TRUSTED_PROXY_HEADER = os.environ.get("QUDRA_TRUSTED_PROXY_HEADER", "")
QUDRA_TRUSTED_PROXY_COUNT = int(os.environ.get("QUDRA_TRUSTED_PROXY_COUNT", "1"))
RATELIMIT_IP_META_KEY = "common.client_address.client_ip"

# Account protection (docs/accounts.md). Lockout: failed log-ins counted per account and per address
# within the cool-off window; past either limit even the right password is refused until the window
# has passed since the last failure, or an administrator unlocks (Settings > Locked-out log-ins).
QUDRA_LOCKOUT_ACCOUNT_FAILURES = int(os.environ.get("QUDRA_LOCKOUT_ACCOUNT_FAILURES", "5"))
QUDRA_LOCKOUT_ADDRESS_FAILURES = int(os.environ.get("QUDRA_LOCKOUT_ADDRESS_FAILURES", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("QUDRA_LOCKOUT_COOLOFF_MINUTES", "15")))
# Axes compares one count with one limit: the account's. accounts.lockout.LockoutHandler reports an
# address past its own (larger) limit as having reached it.
AXES_FAILURE_LIMIT = QUDRA_LOCKOUT_ACCOUNT_FAILURES
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "common.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Attempts while locked out do not extend the lockout: it ends a known time after the last failure.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The audit log and the failed attempts are what we keep; no row per successful log-in.
AXES_DISABLE_ACCESS_LOG = True
# A successful log-in does not clear the failures: a row counts for the account and the address at once,
# so clearing it would also give back the address's budget (one valid account would reset it for others).
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ADMIN = False  # there is no django.contrib.admin; the unlock screen is in the Wagtail admin
AXES_VERBOSE = False
# Password reset: requests per client address and per e-mail address.
QUDRA_PASSWORD_RESET_RATE_ADDRESS = os.environ.get("QUDRA_PASSWORD_RESET_RATE_ADDRESS", "10/h")
QUDRA_PASSWORD_RESET_RATE_EMAIL = os.environ.get("QUDRA_PASSWORD_RESET_RATE_EMAIL", "3/h")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("QUDRA_PASSWORD_RESET_TIMEOUT_SECONDS", str(24 * 3600)))
# Two-factor authentication for staff (trainers, HR officers, administrators, ministry administrators).
# On in production (lms/settings/production.py); off here so development and tests opt in.
QUDRA_STAFF_2FA_REQUIRED = env_bool("QUDRA_STAFF_2FA_REQUIRED", False)
QUDRA_2FA_VERIFY_RATE = os.environ.get("QUDRA_2FA_VERIFY_RATE", "10/m")
QUDRA_2FA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "Qudra"

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
# Background exports one person may have waiting or building at once; one more is refused with a 429.
QUDRA_EXPORTS_MAX_UNFINISHED_PER_USER = int(os.environ.get("QUDRA_EXPORTS_MAX_UNFINISHED_PER_USER", "3"))
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
QUDRA_IMPORT_REPUBLISH_SECONDS = 60  # a people import still waiting after this is published again by the sweep
QUDRA_IMPORT_STALE_SECONDS = 1800  # a people import running longer than this has lost its worker: run again

# --- HTTP hygiene (docs/security.md): the policies are in security.py ---------------------------
# Request bodies (common.security.RequestBodyLimitMiddleware): a body whose Content-Length is over the
# limit of its path is refused with a 413 before a byte of it is read. Each upload form's own limit
# plus a margin for the multipart envelope and the form's other fields; then a ceiling for any other
# upload and a lower one for bodies that carry no file.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024  # form fields, files excluded: the longest course page's editor
_BODY_MARGIN = 64 * 1024
_LANGUAGE_PREFIX = "(?:" + "|".join(code for code, _name in LANGUAGES) + ")"
QUDRA_REQUEST_BODY_LIMITS = [
    (rf"^/{_LANGUAGE_PREFIX}/verify/[^/]+/$", CERTIFICATES_MAX_UPLOAD_BYTES + _BODY_MARGIN),
    # external_training.evidence.MAX_BYTES
    (rf"^/{_LANGUAGE_PREFIX}/learning/external-training/$", 10 * 1024 * 1024 + _BODY_MARGIN),
    # the units file and the employees file of one import
    (r"^/admin/people/import/$", 2 * QUDRA_IMPORT_MAX_BYTES + _BODY_MARGIN),
    (r"^/admin/documents/", WAGTAILDOCS_MAX_UPLOAD_SIZE + _BODY_MARGIN),
    (r"^/admin/images/", WAGTAILIMAGES_MAX_UPLOAD_SIZE + _BODY_MARGIN),
]
QUDRA_REQUEST_BODY_MAX_UPLOAD = 12 * 1024 * 1024  # multipart bodies elsewhere
QUDRA_REQUEST_BODY_MAX = DATA_UPLOAD_MAX_MEMORY_SIZE + _BODY_MARGIN  # bodies that carry no file
# Never cached as private pages: files served to anyone (static files are served before this runs).
QUDRA_PRIVATE_CACHE_EXEMPT_PREFIXES = [STATIC_URL, MEDIA_URL]
