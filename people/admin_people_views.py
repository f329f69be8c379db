"""The people screens of the organisation admin: the list, and a person's unit, manager, account, roles and scopes."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from . import admin_services as services
from .admin_forms import (
    ActiveForm,
    EmployeeUnitForm,
    ManagerForm,
    ManagerSearchForm,
    PeopleSearchForm,
    RoleForm,
    ScopeGrantForm,
    role_choices,
)
from .admin_views import ActionsMixin, OrganisationAdminMixin, posted_id
from .scope import administered_employees, can_administer_organisation, sees_whole_organisation
from .selectors import administered_people, administered_scopes


class PeopleListView(OrganisationAdminMixin, TemplateView):
    template_name = "people/admin/people.html"
    page_title = gettext_lazy("People")
    is_index = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = PeopleSearchForm(self.request.GET)
        text = form.cleaned_data["q"] if form.is_valid() else ""
        page = Paginator(administered_people(self.request.user, text), 50).get_page(self.request.GET.get("p"))
        context.update(form=form, page=page, query=text)
        return context


class PersonView(ActionsMixin, OrganisationAdminMixin, TemplateView):
    template_name = "people/admin/person.html"
    parent_label = gettext_lazy("People")
    parent_url_name = "organisation:people"
    actions = ("unit", "manager", "active", "role", "grant_scope", "revoke_scope")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if can_administer_organisation(request.user):
            people = administered_employees(request.user).select_related("user", "org_unit", "manager")
            self.employee = get_object_or_404(people, pk=kwargs["employee_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return self.employee.full_name

    def get_page_subtitle(self) -> str:
        return self.employee.employee_number

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        employee, user = self.employee, self.request.user
        search = ManagerSearchForm(self.request.GET)
        context.setdefault("unit_form", EmployeeUnitForm(user=user, initial={"org_unit": employee.org_unit}))
        context.setdefault("scope_form", ScopeGrantForm(user=user))
        groups = set(employee.user.groups.values_list("name", flat=True))
        context.update(
            employee=employee,
            search_form=search,
            candidates=search.results(user, exclude=employee),
            roles=[(name, label, name in groups) for name, label in role_choices(user)],
            scopes=administered_scopes(user).filter(user=employee.user),
            is_self=employee.user_id == user.pk,
            account_locked=sees_whole_organisation(employee.user) and not sees_whole_organisation(user),
        )
        return context

    def _here(self) -> str:
        return reverse("organisation:person", args=[self.employee.pk])

    def handle_unit(self) -> HttpResponse:
        form = EmployeeUnitForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            return self.refuse(_("Choose an open unit."), unit_form=form)
        unit = form.cleaned_data["org_unit"]
        services.move_employee(actor=self.request.user, employee=self.employee, unit=unit, request=self.request)
        return self.done(_("%(person)s now works in %(unit)s.") % {"person": self.employee, "unit": unit}, self._here())

    def handle_manager(self) -> HttpResponse:
        form = ManagerForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            return self.refuse(_("Choose the manager from the search results."))
        manager = form.cleaned_data["manager"]
        services.set_manager(actor=self.request.user, employee=self.employee, manager=manager, request=self.request)
        if manager is None:
            return self.done(_("The line manager is removed."), self._here())
        return self.done(_("%(manager)s is now the line manager.") % {"manager": manager}, self._here())

    def handle_active(self) -> HttpResponse:
        form = ActiveForm(self.request.POST)
        if not form.is_valid():
            return self.refuse(_("Choose to activate or to deactivate the account."))
        active = form.cleaned_data["active"]
        if sees_whole_organisation(self.employee.user) and not sees_whole_organisation(self.request.user):
            # A ministry administrator never locks out (or lets back) someone with more rights than theirs.
            return self.refuse(_("Only an administrator changes an administrator's account."))
        services.set_active(actor=self.request.user, employee=self.employee, active=active, request=self.request)
        if active:
            return self.done(_("The account is active: the person can sign in."), self._here())
        return self.done(_("The account is deactivated: the person can no longer sign in."), self._here())

    def handle_role(self) -> HttpResponse:
        form = RoleForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            return self.refuse(_("This role cannot be given or taken here."))
        member = form.cleaned_data["member"]
        services.set_role(
            actor=self.request.user,
            user=self.employee.user,
            role=form.cleaned_data["role"],
            member=member,
            request=self.request,
        )
        return self.done(_("The role is given.") if member else _("The role is taken away."), self._here())

    def handle_grant_scope(self) -> HttpResponse:
        form = ScopeGrantForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            return self.refuse(_("Choose a unit and a role."), scope_form=form)
        services.grant_scope(
            actor=self.request.user,
            user=self.employee.user,
            unit=form.cleaned_data["org_unit"],
            role=form.cleaned_data["role"],
            request=self.request,
        )
        return self.done(_("The scope is granted."), self._here())

    def handle_revoke_scope(self) -> HttpResponse:
        scopes = administered_scopes(self.request.user).filter(user=self.employee.user)
        scope = get_object_or_404(scopes, pk=posted_id(self.request, "scope"))
        services.revoke_scope(actor=self.request.user, scope=scope, request=self.request)
        return self.done(_("The scope is revoked."), self._here())
