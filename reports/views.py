"""HR report views in the Wagtail admin: thin wrappers that check access, call selectors and render or export.

Every view checks ``can_view_reports`` and builds its rows from the scoped selectors, so a
learner or trainer never gets past ``dispatch`` and an HR officer never sees outside their scope.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import chain
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from common.exports import CSV, XLSX, ExportColumn, csv_chunks, csv_heading, row_values, write_xlsx
from common.paginator import CappedPaginator
from common.publishing import publish_on_commit
from common.storage import private_storage
from common.tables import LinkColumn, TextColumn
from courses.models import Enrolment
from people.models import Employee
from people.scope import can_view_reports, scoped_employees

from . import bulk_exports, services
from .filters import EmployeeFilterSet, EnrolmentReportFilterSet, LearnerFilterSet
from .models import ExportJob
from .pdf import render_transcript_pdf
from .selectors import (
    SummaryRow,
    completion_summary,
    employee_transcript,
    learner_page_rows,
    learner_rows,
    live_unit_counts,
    scoped_enrolments,
    stats_unit_counts,
    top_units,
    transcript_employees,
    unit_trail,
)

# Dropped from the query string an export job keeps: they are navigation, not filters.
NAVIGATION_PARAMETERS = ("export", "p", "_w_filter_fragment")


class ReportAccessMixin:
    """Only administrators and scoped HR officers get past dispatch; everyone else gets 403."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _in_language(language: str, rows: Iterator[bytes]) -> Iterator[bytes]:
    # A streamed body is produced after the view returns, outside the admin's language override.
    with translation.override(language):
        yield from rows


class ScopedReportView(ReportAccessMixin, ReportView):
    """A Wagtail report whose rows come from a scoped selector, with strict filters and safe exports."""

    report_name = ""
    any_permission_required = None
    permission_required = None
    paginate_by: int | None = None
    header_icon = "table"
    # (accessor on a row, heading) in export order
    export_fields: list[tuple[str, Any]] = []

    def get_paginate_by(self, queryset) -> int:
        # Read per request, not at import time, so a deployment's (or a test's) setting applies.
        return self.paginate_by or settings.QUDRA_REPORTS_PAGE_SIZE

    # -- querysets ------------------------------------------------------------------------------------

    def get_filtered_queryset(self):
        # BaseListingView.get_queryset already orders and filters; ReportView would filter twice.
        return self.get_queryset()

    def filter_queryset(self, queryset):
        filters = self.filters
        if filters is None:
            return queryset
        if not filters.is_valid():
            # A tampered or stale filter value (say, a unit outside the scope) shows nothing, with the
            # form's error, rather than silently falling back to the unfiltered report.
            return queryset.none()
        return filters.filter_queryset(queryset)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["filters_invalid"] = bool(self.filters is not None and not self.filters.is_valid())
        return context

    # -- exports ---------------------------------------------------------------------------------------

    @cached_property
    def show_export_buttons(self) -> bool:
        return bool(self.export_fields)

    def get_filename(self) -> str:
        return f"{self.report_name}-{timezone.localdate().isoformat()}"

    def export_columns(self) -> list[ExportColumn]:
        return [ExportColumn(accessor, str(heading)) for accessor, heading in self.export_fields]

    def export_rows(self, object_list=None) -> Iterable[Any]:
        """Exactly the rows the screen pages through: same scope, filters, search and ordering."""
        if object_list is None:
            object_list = self.get_filtered_queryset()
        return object_list

    def export_values(self, object_list=None) -> Iterable[tuple]:
        """The export rows as tuples of cell values, in the order of ``export_columns``."""
        return row_values(self.export_columns(), self.export_rows(object_list))

    def export_csv_body(self, object_list) -> Iterator[bytes] | None:
        """A faster way to the CSV lines (without heading), or None for the generic one."""
        return None

    def export_row_count(self, object_list) -> int:
        return (
            object_list.count()
            if hasattr(object_list, "count") and not isinstance(object_list, list)
            else len(object_list)
        )

    def export_query(self) -> dict[str, list[str]]:
        return {key: values for key, values in self.request.GET.lists() if key not in NAVIGATION_PARAMETERS}

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.is_export:
            # Skip the listing context entirely: it would count and materialise every row.
            return self.export_response(request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def export_response(self, export_format: str) -> HttpResponse:
        object_list = self.get_filtered_queryset()
        columns = self.export_columns()
        if export_format == CSV:
            body = self.export_csv_body(object_list)
            chunks = (
                chain([csv_heading(columns)], body)
                if body is not None
                else csv_chunks(columns, self.export_values(object_list))
            )
            response = StreamingHttpResponse(
                _in_language(get_language(), chunks), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = content_disposition_header(True, f"{self.get_filename()}.csv")
            return response
        if export_format != XLSX:
            raise Http404
        total = self.export_row_count(object_list)
        if total <= settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS:
            # FileResponse closes the file once it is sent; a context manager would close it too early.
            output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
            write_xlsx(columns, self.export_values(object_list), output, title=str(self.get_page_title()))
            output.seek(0)
            return FileResponse(output, as_attachment=True, filename=f"{self.get_filename()}.xlsx")
        job = services.request_export(
            user=self.request.user,
            report=self.report_name,
            query=self.export_query(),
            total_rows=total,
            language=get_language() or settings.LANGUAGE_CODE,
        )
        from .tasks import build_export_task

        publish_on_commit(build_export_task, str(job.pk))
        return redirect("hr_report_exports:status", job.pk)


# -- completion summary -------------------------------------------------------------------------------


class CompletionSummaryView(ScopedReportView):
    report_name = "completion-summary"
    page_title = _("Completion summary")
    header_icon = "table"
    model = Enrolment
    filterset_class = EnrolmentReportFilterSet
    results_template_name = "reports/completion_summary_results.html"
    paginate_by = 500
    default_ordering = "name"
    export_fields = [
        ("code", _("Unit code")),
        ("label", _("Organisation unit")),
        ("learners", _("Learners")),
        ("enrolled", _("Enrolled")),
        ("not_started", _("Not started")),
        ("in_progress", _("In progress")),
        ("completed", _("Completed")),
        ("overdue", _("Overdue")),
        ("completion_percent", _("Completion %")),
    ]
    SORT_KEYS = ("name", "learners", "enrolled", "not_started", "in_progress", "completed", "overdue", "completion")

    def get_base_queryset(self):
        return scoped_enrolments(self.request.user)

    def order_queryset(self, queryset):
        # Ordering applies to the summary rows, not to the enrolments they count.
        return queryset

    @cached_property
    def parent(self):
        if self.filters is None or not self.filters.is_valid():
            return None
        chosen = self.filters.form.cleaned_data.get("org_unit")
        if chosen is not None:
            return chosen
        # An HR officer of one ministry starts inside it: one row for the whole ministry says little.
        roots = top_units(self.request.user)
        return roots[0] if len(roots) == 1 else None

    @cached_property
    def summary(self):
        if self.filters is not None and not self.filters.is_valid():
            return None
        user = self.request.user
        # Pre-aggregated statistics when they are fresh and can answer the filters; live counts otherwise.
        counts = stats_unit_counts(user=user, parent=self.parent, filters=self.filters.summary_filters())
        if counts is None:
            counts = live_unit_counts(
                enrolments=self.get_queryset(), employees=self.filters.filter_employees(scoped_employees(user))
            )
        return completion_summary(user=user, parent=self.parent, counts=counts)

    def get_filtered_queryset(self) -> list[SummaryRow]:
        if self.summary is None:
            return []
        key = (self.ordering or "name").lstrip("-")
        if key == "name":
            rows = sorted(self.summary.rows, key=lambda row: (not row.own_staff_only, row.label))
        else:
            attribute = "completion_percent" if key == "completion" else key
            rows = sorted(self.summary.rows, key=lambda row: (getattr(row, attribute) is None, getattr(row, attribute)))
        if (self.ordering or "").startswith("-"):
            rows.reverse()
        return rows

    def _query_with(self, **changes) -> str:
        query = self.request.GET.copy()
        for name in NAVIGATION_PARAMETERS:
            query.pop(name, None)
        for name, value in changes.items():
            query[name] = value
        return query.urlencode()

    def drill_down_url(self, row: SummaryRow) -> str:
        if row.can_drill_down:
            return f"{reverse('hr_report_completion:index')}?{self._query_with(org_unit=row.unit.pk)}"
        return f"{reverse('hr_report_learners:index')}?{self._query_with(org_unit=row.unit.pk)}"

    @cached_property
    def columns(self):
        return [
            TitleColumn("label", label=_("Organisation unit"), sort_key="name", get_url=self.drill_down_url),
            NumberColumn("learners", label=_("Learners"), sort_key="learners"),
            NumberColumn("enrolled", label=_("Enrolled"), sort_key="enrolled"),
            NumberColumn("not_started", label=_("Not started"), sort_key="not_started"),
            NumberColumn("in_progress", label=_("In progress"), sort_key="in_progress"),
            NumberColumn("completed", label=_("Completed"), sort_key="completed"),
            NumberColumn("overdue", label=_("Overdue"), sort_key="overdue"),
            Column("completion_display", label=_("Completion %"), sort_key="completion"),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["summary"] = self.summary
        context["trail"] = [
            (unit, f"{reverse('hr_report_completion:index')}?{self._query_with(org_unit=unit.pk)}")
            for unit in unit_trail(self.request.user, self.parent)
        ]
        context["top_url"] = f"{reverse('hr_report_completion:index')}?{self._query_with(org_unit='')}"
        return context


# -- learner detail ------------------------------------------------------------------------------------


class LearnerDetailView(ScopedReportView):
    report_name = "learner-detail"
    page_title = _("Learner detail")
    header_icon = "user"
    model = Enrolment
    filterset_class = LearnerFilterSet
    default_ordering = "number"
    paginator_class = CappedPaginator
    results_template_name = "reports/learner_detail_results.html"
    # Sort keys offered in the column headers, and the fields behind them; anything else is ignored.
    ORDERING_FIELDS = {
        "number": ("learner__employee__employee_number",),
        "name_ar": ("learner__employee__full_name_ar",),
        "name_en": ("learner__employee__full_name_en",),
        "unit": ("learner__employee__org_unit__path",),
        "course": ("course__title",),
        "status": ("status",),
        "due": ("due_date",),
        "completed": ("completed_at",),
    }
    export_fields = [
        ("employee_number", _("Employee number")),
        ("name_ar", _("Name (Arabic)")),
        ("name_en", _("Name (English)")),
        ("grade", _("Grade")),
        ("unit", _("Organisation unit")),
        ("course", _("Course")),
        ("cycle", _("Cycle")),
        ("status_label", _("Status")),
        ("mandatory", _("Mandatory")),
        ("progress_percent", _("Progress %")),
        ("due_date", _("Due date")),
        ("completed_at", _("Completed")),
        ("overdue", _("Overdue")),
        ("certificate_code", _("Certificate code")),
    ]

    def get_base_queryset(self):
        # Past cycles are in the base queryset; the "history" filter keeps only current ones by default.
        return scoped_enrolments(self.request.user, include_history=True)

    def order_queryset(self, queryset):
        ordering = self.ordering or self.default_ordering
        fields = self.ORDERING_FIELDS[ordering.lstrip("-")]
        prefix = "-" if ordering.startswith("-") else ""
        # The primary key last makes pages stable when many rows share a value.
        return queryset.order_by(*(prefix + name for name in fields), prefix + "id")

    def paginate_queryset(self, queryset, page_size):
        # Rows are built for the page only (a constant number of queries), before the table sees them.
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = learner_page_rows(object_list)
        return paginator, page, page.object_list, is_paginated

    def export_rows(self, object_list=None):
        if object_list is None:
            object_list = self.get_filtered_queryset()
        return learner_rows(object_list, chunk_size=settings.QUDRA_REPORTS_EXPORT_CHUNK_SIZE)

    def export_values(self, object_list=None):
        if object_list is None:
            object_list = self.get_filtered_queryset()
        if bulk_exports.available():
            # PostgreSQL computes every cell: several times faster than building rows in Python.
            return bulk_exports.typed_rows(object_list)
        return super().export_values(object_list)

    def export_csv_body(self, object_list):
        return bulk_exports.csv_body(object_list) if bulk_exports.available() else None

    @cached_property
    def columns(self):
        return [
            LinkColumn(
                "employee_number",
                label=_("Employee number"),
                sort_key="number",
                get_url=lambda row: reverse("hr_report_transcripts:detail", args=[row.employee_id]),
            ),
            TextColumn("name_ar", label=_("Name (Arabic)"), sort_key="name_ar"),
            TextColumn("name_en", label=_("Name (English)"), sort_key="name_en"),
            TextColumn("unit", label=_("Organisation unit"), sort_key="unit"),
            TextColumn("course", label=_("Course"), sort_key="course"),
            TextColumn("status_display", label=_("Status"), sort_key="status"),
            TextColumn("progress_display", label=_("Progress")),
            TextColumn("due_date", label=_("Due date"), sort_key="due"),
            TextColumn("completed_at", label=_("Completed"), sort_key="completed"),
            TextColumn("certificate_code", label=_("Certificate code")),
            TextColumn("certification", label=_("Certification")),
        ]


# -- transcripts -----------------------------------------------------------------------------------------


class TranscriptIndexView(ScopedReportView):
    report_name = "transcripts"
    page_title = _("Employee transcripts")
    header_icon = "doc-full"
    model = Employee
    filterset_class = EmployeeFilterSet
    is_searchable = True
    search_fields = ["employee_number", "full_name_ar", "full_name_en"]
    default_ordering = "employee_number"
    export_fields = [
        ("employee_number", _("Employee number")),
        ("full_name_ar", _("Name (Arabic)")),
        ("full_name_en", _("Name (English)")),
        ("org_unit.name", _("Organisation unit")),
        ("grade", _("Grade")),
        ("job_title", _("Job title")),
    ]

    def get_base_queryset(self):
        return transcript_employees(self.request.user)

    def order_queryset(self, queryset):
        ordering = self.ordering or self.default_ordering
        return queryset.order_by(ordering, "-id" if ordering.startswith("-") else "id")

    def export_rows(self, object_list=None):
        if object_list is None:
            object_list = self.get_filtered_queryset()
        return object_list.iterator(chunk_size=2000)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "employee_number",
                label=_("Employee number"),
                sort_key="employee_number",
                get_url=lambda employee: reverse("hr_report_transcripts:detail", args=[employee.pk]),
            ),
            Column("full_name_ar", label=_("Name (Arabic)"), sort_key="full_name_ar"),
            Column("full_name_en", label=_("Name (English)"), sort_key="full_name_en"),
            Column("org_unit", label=_("Organisation unit")),
            Column("grade", label=_("Grade"), sort_key="grade"),
        ]


class TranscriptMixin(ReportAccessMixin):
    @cached_property
    def employee(self) -> Employee:
        # Outside the scope is indistinguishable from not existing: 404 either way.
        return get_object_or_404(transcript_employees(self.request.user), pk=self.kwargs["employee_id"])


class TranscriptView(TranscriptMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/transcript.html"
    header_icon = "doc-full"

    def get_page_title(self) -> str:
        return _("Transcript")

    def get_page_subtitle(self) -> str:
        return self.employee.full_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("hr_report_transcripts:index"), "label": _("Employee transcripts")},
            {"url": "", "label": self.employee.full_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transcript"] = employee_transcript(self.employee)
        context["pdf_url"] = reverse("hr_report_transcripts:pdf", args=[self.employee.pk])
        return context


class TranscriptPdfView(TranscriptMixin, View):
    def get(self, request: HttpRequest, employee_id: int) -> HttpResponse:
        pdf = render_transcript_pdf(employee_transcript(self.employee))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, f"transcript-{self.employee.employee_number}.pdf"
        )
        return response


# -- background exports ------------------------------------------------------------------------------------


class ExportJobMixin(ReportAccessMixin):
    @cached_property
    def job(self) -> ExportJob:
        # Only the person who asked for an export may see or download it.
        return get_object_or_404(ExportJob, pk=self.kwargs["job_id"], user=self.request.user)


class ExportStatusView(ExportJobMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/export_status.html"
    header_icon = "download"

    def get_page_title(self) -> str:
        return _("Spreadsheet export")

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


# -- registry for background jobs ----------------------------------------------------------------------------

REPORT_VIEWS: dict[str, type[ScopedReportView]] = {
    view.report_name: view for view in (CompletionSummaryView, LearnerDetailView, TranscriptIndexView)
}


def build_report_view(name: str, *, user, query: dict[str, list[str]]) -> ScopedReportView:
    """The report as ``user`` would see it with ``query``: used by export jobs to rebuild the same rows."""
    if name not in REPORT_VIEWS:
        raise ValueError(f"Unknown report {name!r}")
    request = HttpRequest()
    request.method = "GET"
    request.user = user
    request.GET = QueryDict(mutable=True)
    for key, values in query.items():
        request.GET.setlist(key, values)
    view = REPORT_VIEWS[name]()
    view.setup(request)
    if not can_view_reports(user):
        raise PermissionDenied
    return view
