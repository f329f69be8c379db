"""The learner's notifications, written in the language of the page they are read on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from . import selectors, services
from .kinds import render as render_messages

PAGE_SIZE = 20


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(request.GET.get("p"))
    page.object_list = render_messages(list(page.object_list), language=get_language())
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def mark_notifications_read(request: HttpRequest) -> HttpResponse:
    services.mark_read(user=request.user)
    return redirect("notifications:list")
