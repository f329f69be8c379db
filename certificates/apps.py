from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from courses.signals import course_completed
        from programmes.signals import programme_completed

        from . import checks  # noqa: F401  (registers the deploy check)
        from .notifications import register_kinds
        from .receivers import create_certificate_on_completion, create_certificate_on_programme_completion

        register_kinds()
        course_completed.connect(create_certificate_on_completion, dispatch_uid="certificates.on_course_completed")
        from courses.review import register_course_check

        from .review import certificate_template_check

        register_course_check(certificate_template_check)
        programme_completed.connect(
            create_certificate_on_programme_completion, dispatch_uid="certificates.on_programme_completed"
        )

        # Wagtail needs the policy before any admin code asks for it (i.e. before wagtail_hooks load).
        from wagtail.permissions import register_permission_policy

        from .models import Certificate
        from .permissions import CertificatePermissionPolicy

        register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))
