"""Project-wide views: the page shown when a form fails its CSRF check, and the 500 (or 503) page."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from common.security import csp_nonce


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A styled, translated 403 instead of Django's plain English one; the technical reason only in DEBUG."""
    context = {"debug_reason": reason if settings.DEBUG else ""}
    return render(request, "403_csrf.html", context, status=403)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler, plus the nonce that lets the page's own inline styles apply under the CSP.

    An unreachable database (connection refused, cut or timed out: OperationalError, InterfaceError)
    is not a fault of ours: it answers 503 with Retry-After, in the language of the address, and says
    that nothing of the request was recorded (its transaction did not commit).
    """
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        context = {"csp_nonce": csp_nonce(request), "unavailable": unavailable}
        html = loader.get_template("500.html").render(context)
    if not unavailable:
        return HttpResponseServerError(html)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.QUDRA_DATABASE_RETRY_AFTER_SECONDS)
    return response
