"""Registration only: the locked-out log-ins screen in the admin's Settings menu, for administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import LockoutsView, can_unlock


@hooks.register("register_admin_urls")
def register_lockouts_url():
    return [path("accounts/lockouts/", LockoutsView.as_view(), name="accounts_lockouts")]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(_("Locked-out log-ins"), reverse("accounts_lockouts"), icon_name="lock", order=910)
