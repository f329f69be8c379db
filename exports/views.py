"""Status and download of a background export: only the person who asked may see or download it."""

from __future__ import annotations

from functools import cached_property, partial

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from common.storage import private_storage
from people.scope import ScopeAccessMixin

from .models import ExportJob
from .services import TooManyExports, request_export


class ExportJobMixin(ScopeAccessMixin):
    @cached_property
    def job(self) -> ExportJob:
        # Only the person who asked for an export may see or download it.
        return get_object_or_404(ExportJob, pk=self.kwargs["job_id"], user=self.request.user)


class ExportStatusView(ExportJobMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "exports/export_status.html"
    header_icon = "download"

    def get_page_title(self) -> str:
        return _("Spreadsheet export")

    def get_breadcrumbs_items(self):
        # Without them the admin's header reads only "Home".
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.job
        context["download_url"] = reverse("hr_report_exports:download", args=[self.job.pk])
        return context


class ExportConfirmView(ScopeAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks before a background export is built: starting one is a POST, never a link followed by a crawler."""

    template_name = "exports/export_confirm.html"
    header_icon = "download"
    http_method_names = ["get", "post"]

    def get_page_title(self) -> str:
        return _("Spreadsheet export")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report_title=self.kwargs["report_title"],
            total=self.kwargs["total"],
            refused=self.kwargs["refused"],
            limit=settings.QUDRA_EXPORTS_MAX_UNFINISHED_PER_USER,
            action=self.request.get_full_path(),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        # Too many exports at once is "429 Too Many Requests", so a script sees the refusal too.
        return super().render_to_response(context, status=429 if self.kwargs["refused"] else 200, **response_kwargs)


def export_confirmation(request: HttpRequest, *, report_title: str, total: int, refused: bool = False) -> HttpResponse:
    response = ExportConfirmView.as_view()(request, report_title=report_title, total=total, refused=refused)
    return response.render()


class BackgroundExportMixin:
    """For a listing whose large exports are built in the background (the HR reports): a GET of the export
    address asks to confirm, the POST starts the job. Needs ``definition.name``, ``get_page_title()``,
    ``export_query()`` and ``export_response(format)`` from the view."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Only the confirmation of a background export is posted (to the export's own address).
        if not self.is_export:
            return HttpResponseNotAllowed(["GET"])
        return self.export_response(request.GET.get("export"))

    def start_export(self, total: int) -> HttpResponse:
        confirm = partial(export_confirmation, self.request, report_title=self.get_page_title(), total=total)
        if self.request.method != "POST":
            return confirm()
        try:
            job = request_export(
                user=self.request.user,
                report=self.definition.name,
                query=self.export_query(),
                total_rows=total,
                language=get_language() or settings.LANGUAGE_CODE,
            )
        except TooManyExports:
            return confirm(refused=True)
        return redirect("hr_report_exports:status", job.pk)


class ExportDownloadView(ExportJobMixin, View):
    def get(self, request: HttpRequest, job_id) -> HttpResponse:
        job = self.job
        if job.status != ExportJob.Status.DONE or not job.file_name:
            raise Http404
        try:
            handle = private_storage().open(job.file_name, "rb")
        except FileNotFoundError:
            raise Http404(_("This export's file is missing; please ask for it again.")) from None
        filename = f"{job.report}-{timezone.localtime(job.created_at).date().isoformat()}.xlsx"
        return FileResponse(handle, as_attachment=True, filename=filename)
