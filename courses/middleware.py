"""The admin's publishing requests, made safe: one at a time per page, and a refusal as a message."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from .review import PublishRefused

# The admin views that publish or decide a review of a page, by URL name.
PUBLISHING_VIEWS = {"wagtailadmin_pages:edit", "wagtailadmin_pages:workflow_action"}


class PublishingMiddleware:
    """Two POSTs to publish or approve the same page (a double click, two reviewers) run one after the
    other: each holds the page's row lock for its whole request. Without it, the second request saves
    the editor form it loaded before the first one published, putting the page back to draft.

    ``review.PublishRefused`` can come from any admin path that publishes (publish, approve in the
    editor or from the dashboard, bulk publish). It was raised inside the publishing transaction, so
    nothing went live; the author lands back on the editor with one message per failed check."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        page_id = self._published_page(request)
        if page_id is None:
            return self.get_response(request)
        with transaction.atomic():
            Page.objects.select_for_update().filter(pk=page_id).values_list("pk", flat=True).first()
            return self.get_response(request)

    @staticmethod
    def _published_page(request: HttpRequest) -> int | None:
        if request.method != "POST":
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.view_name not in PUBLISHING_VIEWS:
            return None
        page_id = match.kwargs.get("page_id") or (match.args[0] if match.args else None)
        return int(page_id) if page_id is not None else None

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
