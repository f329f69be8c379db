"""Registration only: the report viewsets in the Reports menu and the HR dashboard panel."""

from wagtail import hooks

from people.scope import can_view_reports

from .panels import HRDashboardPanel
from .viewsets import (
    completion_summary_viewset,
    learner_detail_viewset,
    transcript_viewset,
)


@hooks.register("register_admin_viewset")
def register_report_viewsets():
    return [completion_summary_viewset, learner_detail_viewset, transcript_viewset]


@hooks.register("construct_homepage_panels")
def add_hr_dashboard(request, panels):
    if can_view_reports(request.user):
        panels.insert(0, HRDashboardPanel())
