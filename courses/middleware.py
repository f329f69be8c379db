"""Turns a refused publication into what the author or reviewer reads: a message on the editor."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .review import PublishRefused


class PublishRefusedMiddleware:
    """``review.PublishRefused`` can come from any admin path that publishes (publish, approve in the
    editor or from the dashboard, bulk publish). It was raised inside the publishing transaction, so
    nothing went live; the author lands back on the editor with one message per failed check."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PublishRefused):
            return None
        title = exception.page.get_admin_display_title()
        messages.error(request, _("“%(title)s” was not published. Fix these first:") % {"title": title})
        for check in exception.failed:
            messages.error(request, f"{check.label}. {check.hint}")
        url = reverse("wagtailadmin_pages:edit", args=[exception.page.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # The dashboard's review dialog follows a redirect given in its JSON reply.
            return JsonResponse({"step": "success", "redirect": url})
        return redirect(url)
