"""Registration only: the export status and download views (reached from a report, so no menu entry)."""

from django.urls import path
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from . import views


class ExportViewSet(ViewSet):
    """Status and download of background exports; reached from a report, so no menu entry."""

    @cached_property
    def menu_hook(self):
        return None

    def get_urlpatterns(self) -> list:
        return [
            path("<uuid:job_id>/", views.ExportStatusView.as_view(), name="status"),
            path("<uuid:job_id>/download/", views.ExportDownloadView.as_view(), name="download"),
        ]


@hooks.register("register_admin_viewset")
def register_export_viewset():
    # The URL names stay those of the HR reports, which link to them.
    return ExportViewSet("hr_report_exports", url_prefix="hr-reports/exports")
