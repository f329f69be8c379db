"""Registration only: the admin routes and the "Mandatory training" menu item for HR."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from people.scope import HRMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_assignment_urls():
    return [path("assignments/", include(admin_urls, namespace="assignments"))]


@hooks.register("register_admin_menu_item")
def register_assignments_menu_item():
    return HRMenuItem(_("Mandatory training"), reverse("assignments:index"), icon_name="date", order=250)
