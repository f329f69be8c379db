"""The learner's external training page (their records and the form to add one), withdrawing a record,
and the evidence file, which only its owner and HR in their organisation scope may open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import evidence, selectors, services
from .forms import ExternalTrainingForm


@login_required
@require_http_methods(["GET", "POST"])
def my_external_training(request: HttpRequest) -> HttpResponse:
    form = ExternalTrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            _record(request, form)
        except OSError:
            # Storage unreachable or full: the learner keeps the page and is told, nothing is half-written.
            form.add_error(None, _("Your file could not be stored just now. Please try again in a few minutes."))
            return _page(request, form, status=503)
        messages.success(request, _("Your training is recorded. HR will review it."))
        return redirect("external_training:mine")
    return _page(request, form, status=400 if form.errors else 200)


def _record(request: HttpRequest, form: ExternalTrainingForm) -> None:
    data = form.cleaned_data
    services.record_training(
        learner=request.user,
        title=data["title"],
        provider=data["provider"],
        started_on=data["started_on"],
        completed_on=data["completed_on"],
        hours=data["hours"],
        upload=data["evidence"],
        kind=form.evidence_kind,
    )


def _page(request: HttpRequest, form: ExternalTrainingForm, *, status: int) -> HttpResponse:
    context = {"form": form, "records": selectors.records_of(request.user)}
    response = render(request, "external_training/mine.html", context, status=status)
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def withdraw(request: HttpRequest, record_id: int) -> HttpResponse:
    if not services.withdraw_training(learner=request.user, record_id=record_id):
        raise Http404(_("You have no record of this training that can be removed."))
    messages.success(request, _("The record is removed."))
    return redirect("external_training:mine")


@login_required
@require_http_methods(["GET", "HEAD"])
def evidence_file(request: HttpRequest, record_id: int) -> FileResponse:
    record = selectors.record_with_evidence(request.user, record_id)
    # Someone else's record and a record that does not exist look the same: no oracle.
    if record is None:
        raise Http404(_("There is no such record."))
    try:
        handle = record.evidence.open("rb")
    except FileNotFoundError:
        raise Http404(_("This record's evidence file is missing; please contact the administrators.")) from None
    kind = record.evidence.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle, as_attachment=True, filename=record.evidence_name, content_type=evidence.CONTENT_TYPES[kind]
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
