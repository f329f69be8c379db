"""Wagtail admin for certificates: a scoped listing and inspect view, revoke, re-issue and download."""

from __future__ import annotations

import django_filters
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import ModelLogEntry

from common.exports import NeutralisedExportMixin
from common.tables import LocalDateColumn
from courses.models import CoursePage

from . import outbox, selectors, services
from .forms import ReissueForm, RevokeForm
from .models import Certificate
from .permissions import can_manage_certificate
from .views import pdf_download


def _source_courses(request=None):
    # Certificates point at the source-language course page; list each course once.
    return CoursePage.objects.filter(certificates__isnull=False).distinct().order_by("title")


class CertificateFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=gettext_lazy("Course"), queryset=_source_courses)
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Certificate.Status.choices)
    issued_on = django_filters.DateFromToRangeFilter(label=gettext_lazy("Issue date"), widget=DateRangePickerWidget)

    class Meta:
        model = Certificate
        fields = ["course", "status", "issued_on"]


def _managed_or_404(request: HttpRequest, pk) -> Certificate:
    # Outside the user's scope a certificate does not exist for them (404, not 403: no oracle).
    return get_object_or_404(selectors.managed_certificates(user=request.user), pk=unquote(str(pk)))


class CertificateIndexView(NeutralisedExportMixin, IndexView):
    def get_base_queryset(self):
        return selectors.managed_certificates(user=self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != Certificate.Status.REVOKED:
            buttons.append(
                Button(
                    _("Revoke"),
                    url=reverse("certificates_admin:revoke", args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=40,
                )
            )
        if instance.status == Certificate.Status.ISSUED:
            buttons.append(
                Button(
                    _("Re-issue"),
                    url=reverse("certificates_admin:reissue", args=[quote(instance.pk)]),
                    icon_name="resubmit",
                    priority=50,
                )
            )
        return buttons


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_object(self, queryset=None):
        return _managed_or_404(self.request, self.pk)

    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        pk = quote(self.object.pk)
        if self.object.is_downloadable:
            buttons.append(
                Button(
                    _("Download PDF"),
                    url=reverse("certificates_admin:download", args=[pk]),
                    icon_name="download",
                    priority=30,
                )
            )
        if self.object.status != Certificate.Status.REVOKED:
            buttons.append(
                Button(_("Revoke"), url=reverse("certificates_admin:revoke", args=[pk]), icon_name="cross", priority=40)
            )
        if self.object.status == Certificate.Status.ISSUED:
            buttons.append(
                Button(
                    _("Re-issue"),
                    url=reverse("certificates_admin:reissue", args=[pk]),
                    icon_name="resubmit",
                    priority=50,
                )
            )
        return sorted(buttons)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = self.object.versions.all()
        context["log_entries"] = (
            ModelLogEntry.objects.for_instance(self.object).select_related("user").order_by("-timestamp")
        )
        return context


def _action_view(request: HttpRequest, pk, *, form_class, template: str, perform) -> HttpResponse:
    certificate = _managed_or_404(request, pk)
    if not can_manage_certificate(request.user, certificate):
        raise PermissionDenied
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                message = perform(certificate, form.cleaned_data["reason"])
            except services.CertificateError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, message)
                return redirect("certificates_admin:inspect", quote(certificate.pk))
        else:
            status = 400
    return TemplateResponse(request, template, {"certificate": certificate, "form": form}, status=status)


def revoke_view(request: HttpRequest, pk) -> HttpResponse:
    def perform(certificate: Certificate, reason: str) -> str:
        services.revoke_certificate(certificate=certificate, user=request.user, reason=reason)
        return _("Certificate %(code)s revoked.") % {"code": certificate.display_code}

    return _action_view(request, pk, form_class=RevokeForm, template="certificates/admin/revoke.html", perform=perform)


def reissue_view(request: HttpRequest, pk) -> HttpResponse:
    def perform(certificate: Certificate, reason: str) -> str:
        with transaction.atomic():
            services.reissue_certificate(certificate=certificate, user=request.user, reason=reason)
            transaction.on_commit(lambda: outbox.publish_issue(certificate_id=certificate.pk))
        return _("Certificate %(code)s is being re-issued; the new PDF will be ready in a moment.") % {
            "code": certificate.display_code
        }

    return _action_view(
        request, pk, form_class=ReissueForm, template="certificates/admin/reissue.html", perform=perform
    )


def download_view(request: HttpRequest, pk) -> FileResponse:
    certificate = _managed_or_404(request, pk)
    if not certificate.is_downloadable:
        raise Http404(_("This certificate has no PDF yet."))
    return pdf_download(certificate)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    menu_order = 250
    add_to_admin_menu = True
    name = "certificates_admin"
    url_prefix = "certificates"
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Certificates are created by the pipeline only; the policy refuses add/change/delete anyway.
    form_fields: list[str] = []
    filterset_class = CertificateFilterSet
    search_fields = ["holder_name_ar", "holder_name_en", "code", "course_title_ar", "course_title_en"]
    search_backend_name = None
    list_display = [
        TitleColumn("display_code", label=gettext_lazy("Code"), url_name="certificates_admin:inspect"),
        Column("holder_name", label=gettext_lazy("Holder")),
        Column("course_title", label=gettext_lazy("Course")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        LocalDateColumn("issued_on", label=gettext_lazy("Issued")),
        LocalDateColumn("expires_on", label=gettext_lazy("Expires")),
    ]
    list_export = [
        "display_code",
        "holder_name_en",
        "holder_name_ar",
        "course_title_en",
        "status",
        "issued_on",
        "expires_on",
        "sha256",
    ]
    inspect_view_fields = [
        "code",
        "status",
        "holder_name_ar",
        "holder_name_en",
        "course_title_ar",
        "course_title_en",
        "hours",
        "issued_on",
        "expires_on",
        "version",
        "sha256",
        "issued_at",
        "revoked_at",
        "revocation_reason",
        "template",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("revoke/<int:pk>/", revoke_view, name="revoke"),
            path("reissue/<int:pk>/", reissue_view, name="reissue"),
            path("download/<int:pk>/", download_view, name="download"),
        ]
