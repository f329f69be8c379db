"""The admin's list of locked-out log-ins, with an Unlock button for each (administrators only)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from people.scope import sees_whole_organisation

from . import selectors, services

KINDS = {"account", "address"}


def can_unlock(user) -> bool:
    return sees_whole_organisation(user)


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/lockouts.html"
    page_title = gettext_lazy("Locked-out log-ins")
    header_icon = "lock"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_unlock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lockouts=selectors.current_lockouts(),
            account_limit=settings.QUDRA_LOCKOUT_ACCOUNT_FAILURES,
            address_limit=settings.QUDRA_LOCKOUT_ADDRESS_FAILURES,
            minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            **kwargs,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        kind, value = request.POST.get("kind", ""), request.POST.get("value", "").strip()
        if kind not in KINDS or not value:
            messages.error(request, _("Choose a lockout to lift."))
            return redirect("accounts_lockouts")
        try:
            failures = services.unlock(kind=kind, value=value, actor=request.user, request=request)
        except services.NotLocked:
            messages.warning(request, _("%(value)s was not locked out (any more).") % {"value": value})
        else:
            message = ngettext(
                "%(value)s can log in again; %(failures)d failed attempt was forgotten.",
                "%(value)s can log in again; %(failures)d failed attempts were forgotten.",
                failures,
            )
            messages.success(request, message % {"value": value, "failures": failures})
        return redirect("accounts_lockouts")
