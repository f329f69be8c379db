"""The trainer's feedback report in the admin: responses and average per course, then one course's
distribution of ratings and its comments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet

from common.charts import horizontal_bars
from common.exports import NeutralisedExportMixin
from common.i18n import is_arabic
from courses.models import CoursePage

from .permissions import can_read_any_feedback, can_read_course_feedback
from .selectors import course_feedback_summary, feedback_course_rows

COMMENTS_PER_PAGE = 50


class CourseFeedbackReportView(NeutralisedExportMixin, ReportView):
    """Every course the user may edit that has feedback. Anyone in the admin may open it; the list is
    what they may read (empty for those who edit no course)."""

    page_title = _("Course feedback")
    header_icon = "comment"
    index_url_name = "course_feedback:index"
    index_results_url_name = "course_feedback:index_results"
    any_permission_required = None
    permission_required = None
    results_template_name = "feedback/admin/report_results.html"
    list_export = ["enrolment__course__title", "responses", "average"]
    export_headings = {
        "enrolment__course__title": _("Course"),
        "responses": _("Responses"),
        "average": _("Average rating"),
    }

    def get_queryset(self):
        return feedback_course_rows(user=self.request.user)

    def get_filename(self) -> str:
        return "course-feedback"


class CourseFeedbackDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/course.html"
    page_title = _("Course feedback")
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])
        # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message.
        if not can_read_course_feedback(request.user, self.course):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("course_feedback:index"), "label": _("Course feedback")},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = course_feedback_summary(course=self.course)
        context["summary"] = summary
        context["chart"] = horizontal_bars(
            [(str(rating), count, str(count)) for rating, count in summary.distribution],
            chart_id="feedback-ratings",
            title=str(_("Ratings")),
            description=str(_("Number of learners who gave each rating from 5 (excellent) to 1 (poor).")),
            rtl=is_arabic(),
            css_class="qudra-chart--feedback",
            column_headings=(str(_("Rating")), str(_("Responses"))),
        )
        context["comments"] = Paginator(summary.comments, COMMENTS_PER_PAGE).get_page(self.request.GET.get("page"))
        context["index_url"] = reverse("course_feedback:index")
        return context


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_read_any_feedback(request.user)


class FeedbackViewSet(ViewSet):
    menu_hook = "register_reports_menu_item"
    menu_item_class = FeedbackMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", CourseFeedbackReportView.as_view(), name="index"),
            path("results/", CourseFeedbackReportView.as_view(results_only=True), name="index_results"),
            path("<int:course_id>/", CourseFeedbackDetailView.as_view(), name="detail"),
        ]


feedback_viewset = FeedbackViewSet(
    "course_feedback", url_prefix="course-feedback", menu_label=_("Course feedback"), icon="comment", menu_order=6
)
