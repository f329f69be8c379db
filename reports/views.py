"""HR report views in the Wagtail admin: each report's listing and downloads come from its definition.

Every view passes ``ScopeAccessMixin`` (administrators and scoped HR officers only) and reads rows
through the report's definition, so a learner or trainer never gets past ``dispatch`` and an HR
officer never sees outside their scope.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from functools import cached_property
from itertools import chain

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from common.exports import CSV, XLSX, csv_chunks, csv_heading, write_xlsx
from common.paginator import CappedPaginator
from common.tables import LinkColumn, TextColumn
from courses.models import Enrolment
from exports.views import BackgroundExportMixin
from people.models import Employee
from people.scope import ScopeAccessMixin

from .definitions import LINK, NUMBER, PLAIN, TEXT, TITLE, Query, ReportDefinition
from .learners import LEARNERS, learner_page_rows
from .pdf import transcript_pdf_response
from .selectors import unit_trail
from .summary import SUMMARY, SummaryRow, sorted_rows, summary_of, summary_parent
from .transcripts import TRANSCRIPTS, employee_transcript, transcript_employees

# Dropped from the query string an export job keeps: they are navigation, not filters.
NAVIGATION_PARAMETERS = ("export", "p", "_w_filter_fragment")


def _in_language(language: str, rows: Iterator[bytes]) -> Iterator[bytes]:
    # A streamed body is produced after the view returns, outside the admin's language override.
    with translation.override(language):
        yield from rows


class ScopedReportView(ScopeAccessMixin, BackgroundExportMixin, ReportView):
    """A report's listing and downloads, all read from its ``ReportDefinition``."""

    definition: ReportDefinition
    any_permission_required = None
    permission_required = None
    paginate_by: int | None = None
    header_icon = "table"

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # What Wagtail's listing reads, taken from the definition rather than written again.
        cls.filterset_class = cls.definition.filterset_class
        cls.default_ordering = cls.definition.default_ordering
        cls.search_fields = list(cls.definition.search_fields)
        cls.is_searchable = bool(cls.definition.search_fields)

    def get_paginate_by(self, queryset) -> int:
        # Read per request, not at import time, so a deployment's (or a test's) setting applies.
        return self.paginate_by or settings.QUDRA_REPORTS_PAGE_SIZE

    def get_page_title(self) -> str:
        return str(self.definition.title)

    def get_filterset_kwargs(self):
        return {"data": self.request.GET, "user": self.request.user}

    @cached_property
    def query(self) -> Query:
        return Query(user=self.request.user, filters=self.filters, ordering=self.ordering, search=self.search_query)

    def get_queryset(self):
        return self.definition.rows(self.query)

    def get_filtered_queryset(self):
        # The definition's rows are already scoped, filtered, searched and ordered.
        return self.get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["filters_invalid"] = not self.filters.is_valid()
        return context

    # -- the table ------------------------------------------------------------------------------------

    def column_url(self, row) -> str:
        raise NotImplementedError

    @cached_property
    def columns(self) -> list[Column]:
        kinds = {TEXT: TextColumn, NUMBER: NumberColumn, PLAIN: Column}
        columns = []
        for spec in self.definition.screen_columns:
            name, options = (
                spec.screen_accessor or spec.accessor,
                {"label": spec.heading, "sort_key": spec.sort_key or None},
            )
            if spec.kind in (TITLE, LINK):
                column_class = TitleColumn if spec.kind == TITLE else LinkColumn
                columns.append(column_class(name, get_url=self.column_url, **options))
            else:
                columns.append(kinds[spec.kind](name, **options))
        return columns

    # -- exports ---------------------------------------------------------------------------------------

    @cached_property
    def show_export_buttons(self) -> bool:
        return True

    def get_filename(self) -> str:
        return f"{self.definition.name}-{timezone.localdate().isoformat()}"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.is_export:
            # Skip the listing context entirely: it would count and materialise every row.
            return self.export_response(request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def export_response(self, export_format: str) -> HttpResponse:
        definition, rows = self.definition, self.get_filtered_queryset()
        columns = definition.export_columns()
        if export_format == CSV:
            body = definition.csv_body(rows) if definition.csv_body is not None else None
            chunks = (
                chain([csv_heading(columns)], body)
                if body is not None
                else csv_chunks(columns, definition.export_cells(rows))
            )
            response = StreamingHttpResponse(
                _in_language(get_language(), chunks), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = content_disposition_header(True, f"{self.get_filename()}.csv")
            return response
        if export_format != XLSX:
            raise Http404
        total = rows.count() if isinstance(rows, QuerySet) else len(rows)
        if total <= settings.QUDRA_REPORTS_XLSX_INLINE_MAX_ROWS:
            # FileResponse closes the file once it is sent; a context manager would close it too early.
            output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
            write_xlsx(columns, definition.export_cells(rows), output, title=self.get_page_title())
            output.seek(0)
            return FileResponse(output, as_attachment=True, filename=f"{self.get_filename()}.xlsx")
        return self.start_export(total)

    def export_query(self) -> dict[str, list[str]]:
        return {key: values for key, values in self.request.GET.lists() if key not in NAVIGATION_PARAMETERS}


# -- completion summary -------------------------------------------------------------------------------


class CompletionSummaryView(ScopedReportView):
    definition = SUMMARY
    model = Enrolment
    results_template_name = "reports/completion_summary_results.html"
    paginate_by = 500

    @cached_property
    def parent(self):
        return summary_parent(self.query)

    @cached_property
    def summary(self):
        return summary_of(self.query)

    def get_queryset(self) -> list[SummaryRow]:
        return sorted_rows(self.summary, self.ordering)

    def _query_with(self, **changes) -> str:
        query = self.request.GET.copy()
        for name in NAVIGATION_PARAMETERS:
            query.pop(name, None)
        for name, value in changes.items():
            query[name] = value
        return query.urlencode()

    def column_url(self, row: SummaryRow) -> str:
        listing = "hr_report_completion:index" if row.can_drill_down else "hr_report_learners:index"
        return f"{reverse(listing)}?{self._query_with(org_unit=row.unit.pk)}"

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
    definition = LEARNERS
    header_icon = "user"
    model = Enrolment
    paginator_class = CappedPaginator
    results_template_name = "reports/learner_detail_results.html"

    def paginate_queryset(self, queryset, page_size):
        # Rows are built for the page only (a constant number of queries), before the table sees them.
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = learner_page_rows(object_list)
        return paginator, page, page.object_list, is_paginated

    def column_url(self, row) -> str:
        return reverse("hr_report_transcripts:detail", args=[row.employee_id])


# -- transcripts -----------------------------------------------------------------------------------------


class TranscriptIndexView(ScopedReportView):
    definition = TRANSCRIPTS
    header_icon = "doc-full"
    model = Employee

    def search_queryset(self, queryset):
        # The definition's rows are searched already.
        return queryset

    def column_url(self, employee: Employee) -> str:
        return reverse("hr_report_transcripts:detail", args=[employee.pk])


class TranscriptMixin(ScopeAccessMixin):
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
        return transcript_pdf_response(employee_transcript(self.employee))
