"""What the deployment configured for single sign-on and for local passwords, read from settings.

Settings are read on every call (never cached at import), so a test's ``override_settings`` and a
configuration change both take effect without a restart of the code that reads them.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings


class LocalLogin(StrEnum):
    """Who may still sign in with a local password (``QUDRA_LOCAL_LOGIN``)."""

    ALL = "all"
    BREAK_GLASS = "break-glass"
    OFF = "off"


# The claim names the government identity provider uses, keyed by what Qudra reads from them.
CLAIM_KEYS = ("civil_number", "employee_number", "unit_code", "manager_employee_number", "name_ar", "name_en", "email")

# Where the provider's ID token is kept in the session: its presence marks a session that came from SSO.
ID_TOKEN_SESSION_KEY = "oidc_id_token"  # noqa: S105  (a session key, not a secret)
# The language the visitor started the sign-in in; the callback answers in it.
LANGUAGE_SESSION_KEY = "sso_language"


def enabled() -> bool:
    """Single sign-on is on only when an issuer and a client id are both set."""
    return bool(settings.QUDRA_SSO_ISSUER and settings.OIDC_RP_CLIENT_ID)


def claim_name(key: str) -> str:
    return str(settings.QUDRA_SSO_CLAIMS.get(key) or key)


def local_login() -> LocalLogin:
    """The configured mode; an unknown value is refused by the system check and treated as ``off``."""
    try:
        return LocalLogin(str(settings.QUDRA_LOCAL_LOGIN).strip().lower())
    except ValueError:
        return LocalLogin.OFF


def break_glass_usernames() -> frozenset[str]:
    return frozenset(name.strip() for name in settings.QUDRA_BREAK_GLASS_USERNAMES if name.strip())


def password_allowed(username: str | None) -> bool:
    """May this account sign in with its local password under the configured mode?"""
    mode = local_login()
    if mode is LocalLogin.ALL:
        return True
    if mode is LocalLogin.BREAK_GLASS:
        return bool(username) and username in break_glass_usernames()
    return False


def password_form_offered() -> bool:
    """The password form is shown unless local passwords are off entirely."""
    return local_login() is not LocalLogin.OFF


def sign_in_button_first() -> bool:
    """With local passwords restricted, single sign-on is the way in: its button comes first."""
    return local_login() is not LocalLogin.ALL
