"""Project-wide views: the page shown when a form fails its CSRF check."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A styled, translated 403 instead of Django's plain English one; the technical reason only in DEBUG."""
    context = {"debug_reason": reason if settings.DEBUG else ""}
    return render(request, "403_csrf.html", context, status=403)
