"""Status and download of a background export: only the person who asked may see or download it."""

from __future__ import annotations

from functools import cached_property

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from common.storage import private_storage
from people.scope import ScopeAccessMixin

from .models import ExportJob


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


class ExportDownloadView(ExportJobMixin, View):
    def get(self, request: HttpRequest, job_id) -> HttpResponse:
        job = self.job
        if job.status != ExportJob.Status.DONE or not job.file_name:
            raise Http404
        handle = private_storage().open(job.file_name, "rb")
        filename = f"{job.report}-{timezone.localtime(job.created_at).date().isoformat()}.xlsx"
        return FileResponse(handle, as_attachment=True, filename=filename)
