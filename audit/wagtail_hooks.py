"""Registration only: the audit log screen, in the admin's "Organisation" menu, for administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from people.scope import sees_whole_organisation

from .views import AuditLogView


@hooks.register("register_admin_urls")
def register_audit_url():
    return [path("audit/", AuditLogView.as_view(), name="audit_log")]


class AuditMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return sees_whole_organisation(request.user)


@hooks.register("register_organisation_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(_("Audit log"), reverse("audit_log"), icon_name="history", order=900)
