"""HR's screens in the admin: the external training of people in their organisation scope, awaiting review
first, with a CSV of what the screen lists, and the review of one record. A record outside the scope is a
404, as if it did not exist."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from common.exports import ExportColumn, csv_chunks, row_values
from people.scope import ScopeAccessMixin

from . import selectors, services
from .forms import ReviewForm
from .models import ExternalTraining

ALL = "all"
CSV_COLUMNS = [
    ExportColumn("learner.employee.employee_number", _("Employee number")),
    ExportColumn("learner.employee.full_name_ar", _("Name (Arabic)")),
    ExportColumn("learner.employee.full_name_en", _("Name (English)")),
    ExportColumn("learner.employee.org_unit.name", _("Organisation unit")),
    ExportColumn("title", _("Title")),
    ExportColumn("provider", _("Provider")),
    ExportColumn("started_on", _("Start date")),
    ExportColumn("completed_on", _("End date")),
    ExportColumn("hours", _("Hours")),
    ExportColumn("get_status_display", _("Status")),
    ExportColumn("submitted_at", _("Submitted")),
    ExportColumn("reviewed_at", _("Reviewed")),
    ExportColumn("reason", _("Reason")),
]


class ExternalTrainingHeaderMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"
    is_index = False

    def get_breadcrumbs_items(self) -> list[dict]:
        if self.is_index:
            return [*self.breadcrumbs_items, {"url": "", "label": _("External training")}]
        return [
            *self.breadcrumbs_items,
            {"url": reverse("external_training_admin:index"), "label": _("External training")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class ExternalTrainingIndexView(ScopeAccessMixin, ExternalTrainingHeaderMixin, TemplateView):
    template_name = "external_training/admin/index.html"
    page_title = _("External training")
    is_index = True

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        status = request.GET.get("status", ExternalTraining.Status.PENDING)
        if status != ALL and status not in ExternalTraining.Status.values:
            status = ExternalTraining.Status.PENDING
        self.status, self.text = status, request.GET.get("q", "").strip()[:100]
        self.records = selectors.searched(
            selectors.reviewable_records(request.user),
            status="" if status == ALL else status,
            text=self.text,
        ).order_by("submitted_at", "id")
        if request.GET.get("export") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def csv(self) -> StreamingHttpResponse:
        columns = [ExportColumn(column.accessor, str(column.heading)) for column in CSV_COLUMNS]
        rows = row_values(columns, self.records.iterator(chunk_size=500))
        response = StreamingHttpResponse(csv_chunks(columns, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, "external-training.csv")
        return response

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            page=Paginator(self.records, 25).get_page(self.request.GET.get("p")),
            statuses=[*ExternalTraining.Status.choices, (ALL, _("All"))],
            status=self.status,
            text=self.text,
        )
        return context


class ExternalTrainingReviewView(ScopeAccessMixin, ExternalTrainingHeaderMixin, FormView):
    template_name = "external_training/admin/review.html"
    form_class = ReviewForm

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        record = selectors.reviewable_records(request.user).filter(pk=kwargs["record_id"]).first()
        if record is None:
            raise Http404
        self.record = record
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("External training record")

    def get_page_subtitle(self) -> str:
        return self.record.title

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "record": self.record}

    def form_invalid(self, form: ReviewForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: ReviewForm) -> HttpResponse:
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.review_training(
                record=self.record, reviewer=self.request.user, approve=approve, reason=form.cleaned_data["reason"]
            )
        except services.ReviewRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(self.request, _("The record is approved.") if approve else _("The record is rejected."))
        return redirect("external_training_admin:index")
