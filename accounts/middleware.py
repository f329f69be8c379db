"""Staff finish signing in with their second factor before they reach anything else.

When ``QUDRA_STAFF_2FA_REQUIRED`` is on, a staff member (``selectors.is_staff_member``) whose session is
not verified by django-otp is sent to enrolment (no authenticator yet) or to verification, with the page
they asked for as ``next``. That covers /admin/ and every staff-only page without listing them: a staff
session is usable only once verified. Learners are never asked. The pages that finish signing in, log out,
reset a password or switch language stay open, and so do static files.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .selectors import has_authenticator, is_staff_member

OPEN_URL_NAMES = {
    "login",
    "logout",
    "set_language",
    "wagtailadmin_login",
    "wagtailadmin_logout",
}
OPEN_NAMESPACES = {"accounts"}


def _is_open(request: HttpRequest) -> bool:
    path = request.path_info
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return True
    match = request.resolver_match
    if match is None:
        return False
    return match.url_name in OPEN_URL_NAMES or bool(OPEN_NAMESPACES & set(match.namespaces))


class StaffTwoFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        # In process_view the URL is resolved, so open pages are known by name rather than by path.
        if not settings.QUDRA_STAFF_2FA_REQUIRED:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or _is_open(request):
            return None
        if not is_staff_member(user):
            return None
        step = "accounts:two_factor_verify" if has_authenticator(user) else "accounts:two_factor_enrol"
        return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
