"""URL map: the admin outside the language prefix, everything a learner sees under /ar/ or /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import health, metrics
from people.forms import LoginForm
from sso import views as sso_views

urlpatterns = [
    # Operations (docs/deploy.md): liveness, readiness, and the metrics for the holder of their token.
    path("healthz", health.alive, name="healthz"),
    path("readyz", health.ReadinessView.as_view(), name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    # Wagtail's own password reset sends to ours: one flow, throttled, written in the reader's language.
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="accounts:password_reset")),
    # Before the admin's own: logging out of a single sign-on session also ends the provider's session.
    path("admin/logout/", sso_views.AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sso/callback/", sso_views.CallbackView.as_view(), name="sso_callback"),
]

urlpatterns += i18n_patterns(
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", sso_views.LogoutView.as_view(), name="logout"),
    path("accounts/sso/", include("sso.urls")),
    path("accounts/", include("accounts.urls")),
    path("learning/notifications/", include("notifications.urls")),
    path("learning/calendar/", include("assignments.urls")),
    path("learning/skills/", include("skills.urls")),
    path("learning/feedback/", include("feedback.urls")),
    path("learning/programmes/", include("programmes.urls")),
    path("learning/transcript/", include("reports.urls")),
    path("learning/external-training/", include("external_training.urls")),
    path("learning/team/", include("teams.urls")),
    path("learning/", include("courses.urls")),
    path("", include("certificates.urls")),
    path("", include("impact.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler500 = "lms.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
