"""Learner and public pages: my certificates, download, and verification by code or QR."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from . import selectors
from .codes import format_code, normalise_code, verify_url
from .forms import CodeForm, PdfCheckForm
from .models import Certificate
from .permissions import can_download_certificate


def _verify_rate(group, request) -> str:
    return settings.CERTIFICATES_VERIFY_RATE


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "certificates/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def _not_found(request: HttpRequest, code: str = "") -> HttpResponse:
    return render(request, "certificates/verify_not_found.html", {"code": code[:40], "form": CodeForm()}, status=404)


@login_required
@require_GET
def my_certificates(request: HttpRequest) -> HttpResponse:
    certificates = list(selectors.certificates_of(user=request.user))
    entries = [
        {"certificate": certificate, "share_url": verify_url(certificate.code, language=request.LANGUAGE_CODE)}
        for certificate in certificates
    ]
    response = render(request, "certificates/my_certificates.html", {"entries": entries})
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def download(request: HttpRequest, code: str) -> FileResponse:
    certificate = selectors.certificate_for_holder(user=request.user, code=code)
    # Anyone but the holder gets the same 404 as for a code that does not exist: no oracle.
    if certificate is None or not can_download_certificate(request.user, certificate):
        raise Http404(_("No certificate of yours has this code."))
    return pdf_download(certificate)


@login_required
@require_GET
def status(request: HttpRequest, code: str) -> JsonResponse:
    """The holder's certificate state, which pages showing "being prepared" poll until it changes."""
    certificate = selectors.certificate_for_holder(user=request.user, code=code)
    if certificate is None:
        raise Http404(_("No certificate of yours has this code."))
    response = JsonResponse({"state": certificate.state, "downloadable": certificate.is_downloadable})
    add_never_cache_headers(response)
    return response


def pdf_download(certificate: Certificate) -> FileResponse:
    """The certificate's PDF as a private download, for its holder and for the admin alike. A file gone
    from storage is a 404 that says so, never a 500."""
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError:
        raise Http404(_("This certificate's file is missing; please contact the administrators.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"qudra-certificate-{format_code(certificate.code)}.pdf",
        content_type="application/pdf",
    )
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_GET
@ratelimit(group="certificates.verify", key="ip", rate=_verify_rate, block=False)
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """The form where someone types a code from a paper certificate."""
    if getattr(request, "limited", False):
        return _too_many(request)
    if "code" not in request.GET:
        return render(request, "certificates/verify_lookup.html", {"form": CodeForm()})
    form = CodeForm(request.GET)
    if not form.is_valid():
        return render(request, "certificates/verify_lookup.html", {"form": form}, status=400)
    return redirect("certificates:verify", code=format_code(form.cleaned_data["code"]))


@require_http_methods(["GET", "POST"])
@ratelimit(group="certificates.verify", key="ip", rate=_verify_rate, block=False)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The public verification page (the QR code lands here), with a check of an uploaded PDF."""
    if getattr(request, "limited", False):
        return _too_many(request)
    normalised = normalise_code(code)
    if normalised is None:
        return _not_found(request, code)
    if code != format_code(normalised) and request.method == "GET":
        return redirect("certificates:verify", code=format_code(normalised), permanent=True)
    certificate = selectors.certificate_by_code(code=normalised)
    if certificate is None:
        return _not_found(request, code)
    status = 200
    file_check = None
    form = PdfCheckForm()
    if request.method == "POST":
        form = PdfCheckForm(request.POST, request.FILES)
        if form.is_valid():
            file_check = selectors.check_file(certificate=certificate, sha256=form.sha256())
            form = PdfCheckForm()
        else:
            status = 400
    context = {
        "certificate": certificate,
        "state": certificate.state,
        "form": form,
        "file_check": file_check,
        "verify_action": reverse("certificates:verify", kwargs={"code": format_code(normalised)}),
    }
    return render(request, "certificates/verify.html", context, status=status)
