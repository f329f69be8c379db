"""The HTTP headers and limits every response and request goes through (docs/security.md).

- ``ContentSecurityPolicyMiddleware``: django-csp's middleware with one policy per area: the site's
  strict one from ``CONTENT_SECURITY_POLICY`` (or its report-only twin), the admin's additions from
  ``QUDRA_CSP_ADMIN_DIRECTIVES``, and ``frame-ancestors 'self'`` for the responses a view marked as
  framable by our own pages (``X-Frame-Options: SAMEORIGIN``: Wagtail's previews).
- ``RequestBodyLimitMiddleware``: a body whose declared length is over the limit of its path is
  answered 413 before any of it is read.
- ``PrivateCacheMiddleware``: whatever a signed-in person is sent is ``no-store, private``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control

Handler = Callable[[HttpRequest], HttpResponseBase]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        replace = dict(parts.replace or {})
        if request.path_info.startswith(tuple(settings.QUDRA_CSP_ADMIN_PREFIXES)):
            for directive, sources in settings.QUDRA_CSP_ADMIN_DIRECTIVES.items():
                replace.setdefault(directive, sources)
        provider = identity_provider_origins()
        if provider:
            # Logging out of a single sign-on session posts to us and is redirected to the provider's
            # logout; form-action also governs that redirect.
            replace.setdefault("form-action", ["'self'", *settings.QUDRA_CSP_FORM_ACTION_EXTRA, *provider])
        if str(response.get("X-Frame-Options", "")).upper() == "SAMEORIGIN":
            replace.setdefault("frame-ancestors", ["'self'"])
        parts.replace = replace or None
        return parts


def identity_provider_origins() -> list[str]:
    """The origins of the configured OpenID Connect provider's issuer and logout address (none: no SSO)."""
    origins = []
    for url in (getattr(settings, "QUDRA_SSO_ISSUER", ""), getattr(settings, "QUDRA_SSO_END_SESSION_ENDPOINT", "")):
        parts = urlsplit(url or "")
        if parts.scheme and parts.netloc and f"{parts.scheme}://{parts.netloc}" not in origins:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


def csp_nonce(request: HttpRequest) -> str:
    """The request's nonce for an inline block of ours; empty when the policy middleware did not run
    (or has already written its header), in which case the block is simply not applied."""
    try:
        return str(getattr(request, "csp_nonce", ""))
    except CSPNonceError:
        return ""


def body_limit(request: HttpRequest) -> int:
    """The largest body, in bytes, that a request to this path may declare."""
    for pattern, limit in settings.QUDRA_REQUEST_BODY_LIMITS:
        if re.match(pattern, request.path_info):
            return int(limit)
    if request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
        return int(settings.QUDRA_REQUEST_BODY_MAX_UPLOAD)
    return int(settings.QUDRA_REQUEST_BODY_MAX)


def declared_length(request: HttpRequest) -> int:
    # Django reads no body at all when the length is missing or not a number, so neither is a risk.
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    """A 413 page in both languages, the one of the address first; it needs no session, user or database."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    megabytes = max(1, round(limit / (1024 * 1024)))
    with translation.override(language):
        html = render_to_string("413.html", {"megabytes": megabytes, "csp_nonce": csp_nonce(request)})
    return HttpResponse(html, status=413)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        limit = body_limit(request)
        if declared_length(request) > limit:
            return too_large(request, limit)
        return self.get_response(request)


class PrivateCacheMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path_info.startswith(tuple(settings.QUDRA_PRIVATE_CACHE_EXEMPT_PREFIXES)):
            return response
        # Read after the view: signing in or out changes who the response is for.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
