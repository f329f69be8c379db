"""The identity provider's endpoints: from its discovery document, or as the deployment set them.

The discovery document is fetched once and kept in the cache; the cache is an optimisation, so an
outage of it only means the document is fetched again. A provider that cannot be reached raises
``ProviderUnavailable``, which the views turn into a translated 503, never a 500.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not describe the configured issuer."""


@dataclass(frozen=True)
class Endpoints:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str


# Explicit settings win over the discovery document, endpoint by endpoint.
_EXPLICIT = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "QUDRA_SSO_END_SESSION_ENDPOINT",
}
_REQUIRED = ("authorization_endpoint", "token_endpoint", "jwks_uri")


def endpoints() -> Endpoints:
    issuer = settings.QUDRA_SSO_ISSUER
    explicit = {name: getattr(settings, setting, "") for name, setting in _EXPLICIT.items()}
    if all(explicit[name] for name in _REQUIRED):
        return Endpoints(issuer=issuer, **explicit)
    document = _discovery_document(issuer)
    values = {name: explicit[name] or str(document.get(name) or "") for name in _EXPLICIT}
    missing = [name for name in _REQUIRED if not values[name]]
    if missing:
        raise ProviderUnavailable(f"the discovery document of {issuer} names no {', '.join(missing)}")
    return Endpoints(issuer=issuer, **values)


def _discovery_document(issuer: str) -> dict:
    key = f"sso:discovery:{issuer}"
    try:
        cached = cache.get(key)
    except Exception:  # the cache is an optimisation: its outage must not block sign-in
        logger.warning("cache unavailable while reading the SSO discovery document", exc_info=True)
        cached = None
    if cached is not None:
        return cached
    document = _fetch_discovery(issuer)
    try:
        cache.set(key, document, settings.QUDRA_SSO_DISCOVERY_CACHE_SECONDS)
    except Exception:
        logger.warning("cache unavailable while keeping the SSO discovery document", exc_info=True)
    return document


def _fetch_discovery(issuer: str) -> dict:
    try:
        response = requests.get(issuer + DISCOVERY_PATH, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"cannot read the discovery document of {issuer}: {error}") from error
    # OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was fetched for.
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ProviderUnavailable(f"the discovery document at {issuer} is not that issuer's")
    return document


def end_session_url(*, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser to end the provider's session too (RP-initiated logout), if it says."""
    try:
        endpoint = endpoints().end_session_endpoint
    except ProviderUnavailable:
        logger.warning("signing out locally only: the identity provider is unavailable", exc_info=True)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": post_logout_redirect_uri,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
