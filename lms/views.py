"""Project-wide views: the page shown when a form fails its CSRF check, and the 500 page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from common.security import csp_nonce


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A styled, translated 403 instead of Django's plain English one; the technical reason only in DEBUG."""
    context = {"debug_reason": reason if settings.DEBUG else ""}
    return render(request, "403_csrf.html", context, status=403)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler, plus the nonce that lets the page's own inline styles apply under the CSP."""
    html = loader.get_template("500.html").render({"csp_nonce": csp_nonce(request)})
    return HttpResponseServerError(html)
