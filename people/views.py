"""Admin views of the people app: the bulk import of units and employees."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import PeopleImportForm
from .imports import ImportFailed, can_import_people, import_people


class PeopleImportView(WagtailAdminTemplateMixin, FormView):
    form_class = PeopleImportForm
    template_name = "people/import.html"
    page_title = gettext_lazy("Import people")
    header_icon = "upload"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_import_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_invalid(self, form, problems: list[str] | None = None) -> HttpResponse:
        # Bad input is the client's: answer 400 with the reasons, never a half-done import.
        context = self.get_context_data(form=form, problems=problems or [])
        return self.render_to_response(context, status=400)

    def form_valid(self, form: PeopleImportForm) -> HttpResponse:
        dry_run = form.cleaned_data["dry_run"]
        try:
            result = import_people(**form.files_to_import(), dry_run=dry_run)
        except ImportFailed as failure:
            return self.form_invalid(form, problems=failure.messages)
        if dry_run:
            messages.info(
                self.request, _("The files are valid; nothing was saved. %(summary)s") % {"summary": result.summary()}
            )
        else:
            messages.success(self.request, _("Import complete. %(summary)s") % {"summary": result.summary()})
        return redirect(reverse("people_import"))
