"""The learner's own transcript, page and PDF: the same ``employee_transcript`` HR reads, for the signed-in
person only (no id in the URL, so there is nobody else's to ask for)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from people.models import Employee

from .pdf import transcript_pdf_response
from .transcripts import Transcript, employee_transcript


def _own_transcript(request: HttpRequest) -> Transcript:
    employee = Employee.objects.select_related("org_unit").filter(user_id=request.user.pk).first()
    if employee is None:
        # An account with no employee record (a service account) has no training record to show.
        raise Http404(_("There is no employee record for your account."))
    return employee_transcript(employee)


@login_required
@require_GET
def my_transcript(request: HttpRequest) -> HttpResponse:
    response = render(request, "reports/my_transcript.html", {"transcript": _own_transcript(request)})
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def my_transcript_pdf(request: HttpRequest) -> HttpResponse:
    return transcript_pdf_response(_own_transcript(request))
