"""Admin views of the people app: the bulk import of units and employees, and the import's status page."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import PeopleImportForm
from .import_jobs import start_import
from .import_writing import summary_of
from .imports import ImportFailed, can_import_people
from .models import PeopleImportJob


class ImportAccessMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_import_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PeopleImportView(ImportAccessMixin, WagtailAdminTemplateMixin, FormView):
    form_class = PeopleImportForm
    template_name = "people/import.html"
    page_title = gettext_lazy("Import people")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_invalid(self, form, problems: list[str] | None = None) -> HttpResponse:
        # Bad input is the client's: answer 400 with the reasons, never a half-done import.
        context = self.get_context_data(form=form, problems=problems or [])
        return self.render_to_response(context, status=400)

    def form_valid(self, form: PeopleImportForm) -> HttpResponse:
        try:
            job = start_import(
                user=self.request.user,
                **form.files_to_import(),
                dry_run=form.cleaned_data["dry_run"],
                language=get_language() or settings.LANGUAGE_CODE,
            )
        except ImportFailed as failure:
            return self.form_invalid(form, problems=failure.messages)
        return redirect("people_import_status", job.pk)


class PeopleImportStatusView(ImportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "people/import_status.html"
    page_title = gettext_lazy("Import people")
    header_icon = "upload"

    @cached_property
    def job(self) -> PeopleImportJob:
        # Only the person who uploaded the files sees the outcome (it names people and accounts).
        return get_object_or_404(PeopleImportJob, pk=self.kwargs["job_id"], created_by=self.request.user)

    def get_breadcrumbs_items(self):
        # The header reads the last label: the page's title; the files are named in the page.
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        context.update(
            job=job,
            summary=summary_of(job.result) if job.result else "",
            upload_url=reverse("people_import"),
            problems_heading=gettext_lazy("Nothing was imported. Correct these problems and upload the files again:"),
        )
        return context
