"""Production: PostgreSQL, Redis, HTTPS. Every secret and host comes from the environment."""

import os

from .base import *  # noqa: F403
from .base import env_bool
from .operations import _FORMATTERS

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail marks its preview views SAMEORIGIN itself, so everything else can refuse framing.
X_FRAME_OPTIONS = "DENY"
# Staff sign in with a second factor (docs/accounts.md); an emergency can switch it off.
QUDRA_STAFF_2FA_REQUIRED = env_bool("QUDRA_STAFF_2FA_REQUIRED", True)
# Cookies over HTTPS only. Lax, not Strict: the session must come along when the identity provider
# sends the visitor back to us. No script of ours reads the language cookie, so scripts may not.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Probes come from the load balancer over the private network, in plain HTTP: never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
# One JSON object per log line, each with its request id (lms/settings/operations.py).
LOGGING["formatters"]["line"] = _FORMATTERS[os.environ.get("QUDRA_LOG_FORMAT", "json").strip().lower()]  # noqa: F405
