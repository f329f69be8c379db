"""Pages of the accounts app: the lockout answer, password reset, and two-factor enrolment and sign-in."""

from __future__ import annotations

import io
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from . import selectors, services
from .forms import CodeForm, NewPasswordForm, ResetRequestForm


def _too_many(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    response = render(request, "accounts/too_many.html", status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What both log-in forms answer past a lockout limit, right password or not (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    add_never_cache_headers(response)
    return response


def _email_key(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def _reset_throttled(request: HttpRequest) -> bool:
    """Both limits are counted on every request, so the per-address budget also runs down when the e-mail
    address changes each time."""
    by_address = is_ratelimited(
        request,
        group="accounts.password_reset.address",
        key="ip",
        rate=settings.QUDRA_PASSWORD_RESET_RATE_ADDRESS,
        increment=True,
    )
    by_email = is_ratelimited(
        request,
        group="accounts.password_reset.email",
        key=_email_key,
        rate=settings.QUDRA_PASSWORD_RESET_RATE_EMAIL,
        increment=True,
    )
    return by_address or by_email


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if _reset_throttled(request):
            return _too_many(request, retry_after=3600)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


def _may_enrol(request: HttpRequest) -> HttpResponse | None:
    """Staff only; and someone who already has an authenticator replaces it only from a verified session,
    so a stolen password is not enough to add an attacker's app."""
    if not selectors.is_staff_member(request.user):
        raise PermissionDenied
    if selectors.has_authenticator(request.user) and not request.user.is_verified():
        return redirect(f"{resolve_url('accounts:two_factor_verify')}?{urlencode({'next': _next_url(request)})}")
    return None


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and key, confirmed by a first code; then the recovery codes."""
    refused = _may_enrol(request)
    if refused is not None:
        return refused
    device = services.start_enrolment(user=request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _verify_throttled(request):
            return _too_many(request, retry_after=60)
        try:
            codes = form.is_valid() and services.confirm_enrolment(
                request=request, user=request.user, token=form.cleaned_data["code"]
            )
        except services.WaitBeforeNextCode as wait:
            form.add_error("code", _wait_message(wait.seconds))
        else:
            if codes:
                context = {"codes": codes, "next": _next_url(request)}
                return _private(render(request, "accounts/recovery_codes.html", context))
            form.add_error("code", _wrong_code_message())
        status = 400
    context = {"form": form, "key": _grouped_key(device), "next": _next_url(request)}
    return _private(render(request, "accounts/two_factor_enrol.html", context, status=status))


def _grouped_key(device) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _wrong_code_message() -> str:
    return gettext("That code is not right. Codes change every 30 seconds: type the one your app shows now.")


def _wait_message(seconds: int) -> str:
    return ngettext(
        "That was soon after a wrong code: wait %(count)d second, then type the code your app shows.",
        "That was soon after a wrong code: wait %(count)d seconds, then type the code your app shows.",
        seconds,
    ) % {"count": seconds}


@login_required
@require_GET
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The pending key as a QR code (SVG), for the person enrolling only."""
    if _may_enrol(request) is not None:
        raise PermissionDenied
    device = services.start_enrolment(user=request.user)
    svg = io.BytesIO()
    segno.make(device.config_url, error="m").save(svg, kind="svg", scale=5, border=2, dark="#10231d", xmldecl=False)
    response = HttpResponse(svg.getvalue(), content_type="image/svg+xml")
    return _private(response)


def _verify_throttled(request: HttpRequest) -> bool:
    # django-otp already slows each device after a wrong code; this also caps tries per person and address.
    by_user = is_ratelimited(
        request,
        group="accounts.two_factor.user",
        key=lambda group, request: str(request.user.pk),
        rate=settings.QUDRA_2FA_VERIFY_RATE,
        increment=True,
    )
    by_address = is_ratelimited(
        request, group="accounts.two_factor.address", key="ip", rate=settings.QUDRA_2FA_VERIFY_RATE, increment=True
    )
    return by_user or by_address


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    if not selectors.has_authenticator(request.user):
        return redirect("accounts:two_factor_enrol")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _verify_throttled(request):
            return _too_many(request, retry_after=60)
        try:
            verified = form.is_valid() and services.verify_second_factor(
                request=request, user=request.user, token=form.cleaned_data["code"]
            )
        except services.WaitBeforeNextCode as wait:
            form.add_error("code", _wait_message(wait.seconds))
        else:
            if verified:
                return redirect(_next_url(request))
            form.add_error("code", _wrong_code_message())
        status = 400
    return _private(
        render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}, status=status)
    )


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left, and a button that replaces them (the new ones are shown once)."""
    if not selectors.is_staff_member(request.user):
        raise PermissionDenied
    if not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    if request.method == "POST":
        codes = services.regenerate_recovery_codes(request=request, user=request.user)
        return _private(render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)}))
    context = {"left": selectors.recovery_codes_left(request.user)}
    return _private(render(request, "accounts/recovery_codes_status.html", context))
