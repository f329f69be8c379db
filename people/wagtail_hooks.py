"""Registration only: the bulk import of people in the admin's Settings menu, for administrators; the
"Organisation" menu (units, people, HR scopes) for administrators and ministry administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_urls
from .imports import can_import_people
from .scope import OrganisationMenuItem
from .views import PeopleImportStatusView, PeopleImportView

# Other apps add their organisation screens here (the audit log).
ORGANISATION_MENU_HOOK = "register_organisation_menu_item"


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("people/import/", PeopleImportView.as_view(), name="people_import"),
        path("people/import/<uuid:job_id>/", PeopleImportStatusView.as_view(), name="people_import_status"),
    ]


@hooks.register("register_admin_urls")
def register_organisation_urls():
    return [path("organisation/", include(admin_urls, namespace="organisation"))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_import_people(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import people"), reverse("people_import"), icon_name="upload", order=900)


@hooks.register("register_admin_menu_item")
def register_organisation_menu():
    menu = Menu(register_hook_name=ORGANISATION_MENU_HOOK)
    return SubmenuMenuItem(_("Organisation"), menu, icon_name="group", order=260, name="organisation")


@hooks.register(ORGANISATION_MENU_HOOK)
def register_units_menu_item():
    return OrganisationMenuItem(_("Organisation units"), reverse("organisation:units"), icon_name="list-ul", order=100)


@hooks.register(ORGANISATION_MENU_HOOK)
def register_people_menu_item():
    return OrganisationMenuItem(_("People"), reverse("organisation:people"), icon_name="user", order=200)


@hooks.register(ORGANISATION_MENU_HOOK)
def register_scopes_menu_item():
    return OrganisationMenuItem(_("HR scopes"), reverse("organisation:scopes"), icon_name="key", order=300)
