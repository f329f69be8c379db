"""The audit log screen: administrators read who changed what, filtered by action, actor and target.

Only administrators (who see the whole organisation): an entry names units, people and roles of any
ministry, and its target is not always in one subtree (a revoked scope, a group), so ministry
administrators get 404 here rather than a partial filter that could leak.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from people.scope import sees_whole_organisation

from .models import AuditEntry

# The actions written today, by what they mean; an action not listed still shows, by its name.
ACTIONS = {
    "orgunit.created": _("Unit created"),
    "orgunit.renamed": _("Unit renamed"),
    "orgunit.moved": _("Unit moved"),
    "orgunit.closed": _("Unit closed"),
    "orgunit.reopened": _("Unit reopened"),
    "hrscope.granted": _("HR scope granted"),
    "hrscope.revoked": _("HR scope revoked"),
    "employee.moved": _("Person moved to another unit"),
    "employee.manager_changed": _("Line manager changed"),
    "employee.deactivated": _("Account deactivated"),
    "employee.activated": _("Account activated"),
    "role.granted": _("Role given"),
    "role.revoked": _("Role taken away"),
    "people.imported": _("People imported from files"),
    "people.synced": _("Units or people synchronised from the HR system"),
}


def change_text(value: object) -> str:
    """``[before, after]`` reads "before → after"; other lists are joined; anything else as it is."""
    if isinstance(value, list) and len(value) == 2 and all(not isinstance(part, list) for part in value):
        return f"{value[0] if value[0] not in (None, '') else '—'} → {value[1] if value[1] not in (None, '') else '—'}"
    if isinstance(value, list):
        return ", ".join(str(part) for part in value) or "—"
    return str(value)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("action"), required=False)
    actor = forms.CharField(label=_("by"), max_length=150, required=False)
    target = forms.CharField(label=_("target"), max_length=255, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *ACTIONS.items()]

    def filter(self, entries):
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["actor"].strip():
            entries = entries.filter(actor_repr__icontains=data["actor"].strip())
        if data["target"].strip():
            entries = entries.filter(target_repr__icontains=data["target"].strip())
        return entries


class AuditLogView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/log.html"
    page_title = _("Audit log")
    header_icon = "history"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not sees_whole_organisation(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = AuditFilterForm(self.request.GET)
        entries = form.filter(AuditEntry.objects.all())
        page = Paginator(entries, 50).get_page(self.request.GET.get("p"))
        for entry in page:
            entry.label = ACTIONS.get(entry.action, entry.action)
            entry.change_lines = [(name, change_text(value)) for name, value in entry.changes.items()]
        context.update(form=form, page=page)
        return context
