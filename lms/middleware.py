"""The language middleware, without its one redirect that hides a "not found" outside the language prefix.

Django's ``LocaleMiddleware`` turns a 404 into a redirect to ``/<language>/<path>`` whenever that path
would resolve. Wagtail's page catch-all under ``/ar/`` and ``/en/`` resolves every path, so a 404 under
``/admin/`` (a wrong id, a refused object) became a 302 to ``/ar/admin/…``: scripts read a refused POST
as a success, and people landed on a page that does not exist. Paths of the URL map's unprefixed
entries (the admin, documents, the language switch) never move under a language, so their 404 stays one.
"""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, get_resolver, get_urlconf
from django.utils import translation
from django.utils.cache import patch_vary_headers


@lru_cache(maxsize=8)
def unprefixed_paths(urlconf: str | None) -> tuple[str, ...]:
    """The leading paths of the URL map's entries outside ``i18n_patterns``, such as "admin/"."""
    return tuple(
        str(pattern.pattern)
        for pattern in get_resolver(urlconf).url_patterns
        if not isinstance(pattern.pattern, LocalePrefixPattern) and str(pattern.pattern)
    )


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        urlconf = getattr(request, "urlconf", None) or get_urlconf()
        if response.status_code == 404 and request.path_info.lstrip("/").startswith(unprefixed_paths(urlconf)):
            # What the parent does besides the redirect: the answer depends on the browser's language.
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
