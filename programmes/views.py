"""Learner actions on programmes: enrolling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import ProgrammePage


@require_POST
@login_required
def enrol(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(ProgrammePage.objects.live(), id=programme_id)
    services.enrol_in_programme(learner=request.user, programme=programme)
    messages.success(request, _("You are enrolled in the programme. Its first courses are in My learning."))
    return redirect(programme.url)
