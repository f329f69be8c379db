"""The organisation screens in the admin: the unit tree, a unit's page, the HR scopes.

Whoever administers nothing, and anything outside the subtrees a ministry administrator administers,
gets 404 on GET and POST alike, so an id reveals nothing. Each POST names an ``action``; a refused or
invalid one re-renders the page with the reason and status 400, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import admin_services as services
from .admin_forms import UnitCreateForm, UnitMoveForm, UnitRenameForm
from .models import HRScope
from .scope import administered_org_units, can_administer_organisation
from .selectors import administered_scopes, unit_tree


class OrganisationAdminMixin(WagtailAdminTemplateMixin):
    """Administrators and ministry administrators only (404 for anyone else); Home > Organisation > this."""

    header_icon = "group"
    parent_label = gettext_lazy("Organisation units")
    parent_url_name = "organisation:units"
    is_index = False

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_administer_organisation(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict]:
        if self.is_index:
            return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.parent_url_name), "label": self.parent_label},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class ActionsMixin:
    """POST dispatches on ``action`` to ``handle_<action>``, which returns a response or raises ``ChangeRefused``."""

    actions: tuple[str, ...] = ()
    request: HttpRequest

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action", "")
        if action not in self.actions:
            return self.refuse(_("Choose one of the actions on this page."))
        handler: Callable[[], HttpResponse] = getattr(self, f"handle_{action}")
        try:
            return handler()
        except services.ChangeRefused as refusal:
            return self.refuse(str(refusal))

    def refuse(self, reason: str, **forms) -> HttpResponse:
        context = self.get_context_data(refusal=reason, **forms)  # type: ignore[attr-defined]
        return self.render_to_response(context, status=400)  # type: ignore[attr-defined]

    def done(self, message: str, url: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect(url)


def posted_id(request: HttpRequest, name: str, data=None) -> int | None:
    """An id from the form (or the query string); anything but digits is no id, never a 500."""
    value = (request.POST if data is None else data).get(name, "")
    return int(value) if value.isdigit() else None


class UnitTreeView(OrganisationAdminMixin, TemplateView):
    template_name = "people/admin/units.html"
    page_title = gettext_lazy("Organisation units")
    is_index = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        page = Paginator(unit_tree(self.request.user), 100).get_page(self.request.GET.get("p"))
        context.update(page=page, add_url=reverse("organisation:unit_add"))
        return context


class UnitCreateView(OrganisationAdminMixin, TemplateView):
    template_name = "people/admin/unit_add.html"
    page_title = gettext_lazy("Add a unit")

    def get_form(self) -> UnitCreateForm:
        user = self.request.user
        if self.request.method == "POST":
            return UnitCreateForm(self.request.POST, user=user)
        parent = (
            administered_org_units(user).filter(pk=posted_id(self.request, "parent", data=self.request.GET)).first()
        )
        return UnitCreateForm(user=user, initial={"parent": parent})

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            unit = services.create_unit(
                actor=request.user,
                parent=data["parent"],
                code=data["code"],
                name_ar=data["name_ar"],
                name_en=data["name_en"],
                kind=data["kind"],
                request=request,
            )
        except services.ChangeRefused as refusal:
            return self.render_to_response(self.get_context_data(form=form, refusal=str(refusal)), status=400)
        messages.success(request, _("%(unit)s is added.") % {"unit": unit})
        return redirect("organisation:unit", unit.pk)


class UnitView(ActionsMixin, OrganisationAdminMixin, TemplateView):
    template_name = "people/admin/unit.html"
    actions = ("rename", "move", "close", "reopen")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if can_administer_organisation(request.user):
            self.unit = get_object_or_404(administered_org_units(request.user), pk=kwargs["unit_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return self.unit.name

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        unit, user = self.unit, self.request.user
        parent = unit.get_parent()
        context.setdefault("rename_form", UnitRenameForm(initial={"name_ar": unit.name_ar, "name_en": unit.name_en}))
        context.setdefault("move_form", UnitMoveForm(user=user, initial={"parent": parent}))
        context.update(
            unit=unit,
            parent=parent,
            people_below=services.active_people_below(unit),
            add_url=f"{reverse('organisation:unit_add')}?parent={unit.pk}",
        )
        return context

    def _here(self) -> str:
        return reverse("organisation:unit", args=[self.unit.pk])

    def handle_rename(self) -> HttpResponse:
        form = UnitRenameForm(self.request.POST)
        if not form.is_valid():
            return self.refuse(_("Correct the names below."), rename_form=form)
        services.rename_unit(actor=self.request.user, unit=self.unit, request=self.request, **form.cleaned_data)
        return self.done(_("The unit is renamed."), self._here())

    def handle_move(self) -> HttpResponse:
        form = UnitMoveForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            return self.refuse(_("Choose the unit to move it under."), move_form=form)
        services.move_unit(
            actor=self.request.user, unit=self.unit, parent=form.cleaned_data["parent"], request=self.request
        )
        return self.done(_("The unit is moved, with everything below it."), self._here())

    def handle_close(self) -> HttpResponse:
        services.close_unit(actor=self.request.user, unit=self.unit, request=self.request)
        return self.done(_("The unit is closed."), self._here())

    def handle_reopen(self) -> HttpResponse:
        services.reopen_unit(actor=self.request.user, unit=self.unit, request=self.request)
        return self.done(_("The unit is open again."), self._here())


class ScopeListView(ActionsMixin, OrganisationAdminMixin, TemplateView):
    template_name = "people/admin/scopes.html"
    page_title = gettext_lazy("HR scopes")
    is_index = True
    actions = ("revoke",)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["page"] = Paginator(administered_scopes(self.request.user), 50).get_page(self.request.GET.get("p"))
        return context

    def handle_revoke(self) -> HttpResponse:
        scope: HRScope = get_object_or_404(administered_scopes(self.request.user), pk=posted_id(self.request, "scope"))
        services.revoke_scope(actor=self.request.user, scope=scope, request=self.request)
        return self.done(_("The scope is revoked."), reverse("organisation:scopes"))
