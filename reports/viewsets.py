"""The report viewsets: URL routes of each report and its entry in the admin's Reports menu."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from people.scope import HRMenuItem

from . import views


class ReportViewSet(ViewSet):
    """One report: its listing, the listing's results fragment, and a Reports menu entry for those allowed."""

    menu_hook = "register_reports_menu_item"
    menu_item_class = HRMenuItem
    view_class: type[views.ScopedReportView] | None = None

    def get_report_urlpatterns(self) -> list:
        view_kwargs = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("index_results"),
        }
        return [
            path("", self.view_class.as_view(**view_kwargs), name="index"),
            path("results/", self.view_class.as_view(results_only=True, **view_kwargs), name="index_results"),
        ]

    def get_urlpatterns(self) -> list:
        return self.get_report_urlpatterns()


class TranscriptViewSet(ReportViewSet):
    def get_urlpatterns(self) -> list:
        return [
            *self.get_report_urlpatterns(),
            path("<int:employee_id>/", views.TranscriptView.as_view(), name="detail"),
            path("<int:employee_id>/pdf/", views.TranscriptPdfView.as_view(), name="pdf"),
        ]


completion_summary_viewset = ReportViewSet(
    "hr_report_completion",
    url_prefix="hr-reports/completion",
    view_class=views.CompletionSummaryView,
    menu_label=_("Completion summary"),
    icon="table",
    menu_order=1,
)
learner_detail_viewset = ReportViewSet(
    "hr_report_learners",
    url_prefix="hr-reports/learners",
    view_class=views.LearnerDetailView,
    menu_label=_("Learner detail"),
    icon="user",
    menu_order=2,
)
transcript_viewset = TranscriptViewSet(
    "hr_report_transcripts",
    url_prefix="hr-reports/transcripts",
    view_class=views.TranscriptIndexView,
    menu_label=_("Employee transcripts"),
    icon="doc-full",
    menu_order=3,
)
