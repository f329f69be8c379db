"""Registration only: the impact dashboard in the admin's Reports menu, for those who may see reports."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from people.scope import HRMenuItem

from .views import ImpactDashboardView


class ImpactViewSet(ViewSet):
    menu_hook = "register_reports_menu_item"
    menu_item_class = HRMenuItem

    def get_urlpatterns(self) -> list:
        return [path("", ImpactDashboardView.as_view(), name="index")]


impact_viewset = ImpactViewSet(
    "impact_dashboard", url_prefix="impact", menu_label=_("Impact"), icon="pick", menu_order=0
)


@hooks.register("register_admin_viewset")
def register_impact_viewset():
    return impact_viewset
