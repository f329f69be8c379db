"""Registration only: the certificate template snippet, the certificates viewset and audit log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import CertificateViewSet
from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    list_display = [
        "name",
        "title_en",
        "title_ar",
        # A tick, not the words "True" and "False".
        BooleanColumn("is_default", label=CertificateTemplate._meta.get_field("is_default").verbose_name),
        "updated_at",
    ]
    search_fields = ["name", "title_en", "title_ar"]
    copy_view_enabled = True


register_snippet(CertificateTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_certificates_viewset():
    return CertificateViewSet()


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.revoke", _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action("certificates.reissue", _("Re-issue certificate"), _("Certificate re-issued"))
