"""Registration only: the admin routes and the "External training" menu item for HR."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from people.scope import HRMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_external_training_urls():
    return [path("external-training/", include(admin_urls, namespace="external_training_admin"))]


@hooks.register("register_admin_menu_item")
def register_external_training_menu_item():
    return HRMenuItem(_("External training"), reverse("external_training_admin:index"), icon_name="doc-full", order=260)
