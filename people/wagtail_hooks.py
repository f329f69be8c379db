"""Registration only: the bulk import of people in the admin's Settings menu, for administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .imports import can_import_people
from .views import PeopleImportStatusView, PeopleImportView


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("people/import/", PeopleImportView.as_view(), name="people_import"),
        path("people/import/<uuid:job_id>/", PeopleImportStatusView.as_view(), name="people_import_status"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_import_people(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import people"), reverse("people_import"), icon_name="upload", order=900)
