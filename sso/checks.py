"""System checks for the sign-in configuration: a mistake here locks people out, so it is said at start-up."""

from django.conf import settings
from django.core import checks

from . import conf


@checks.register(checks.Tags.security)
def check_local_login(app_configs, **kwargs):
    messages = []
    allowed = [mode.value for mode in conf.LocalLogin]
    if str(settings.QUDRA_LOCAL_LOGIN).strip().lower() not in allowed:
        messages.append(
            checks.Error(
                f"QUDRA_LOCAL_LOGIN is {settings.QUDRA_LOCAL_LOGIN!r}; it must be one of {', '.join(allowed)}.",
                hint="Until it is corrected, no local password is accepted.",
                id="sso.E001",
            )
        )
    mode = conf.local_login()
    if mode is not conf.LocalLogin.ALL and not conf.enabled():
        messages.append(
            checks.Warning(
                "Local passwords are restricted, but single sign-on is not configured.",
                hint="Set QUDRA_SSO_ISSUER and QUDRA_SSO_CLIENT_ID, or QUDRA_LOCAL_LOGIN=all.",
                id="sso.W001",
            )
        )
    if mode is conf.LocalLogin.BREAK_GLASS and not conf.break_glass_usernames():
        messages.append(
            checks.Warning(
                "QUDRA_LOCAL_LOGIN is break-glass, but QUDRA_BREAK_GLASS_USERNAMES names no account.",
                hint="Name at least one emergency administrator account, comma-separated.",
                id="sso.W002",
            )
        )
    return messages
