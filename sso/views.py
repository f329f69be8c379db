"""Sign-in through the government identity provider: start, callback, refusal page and logout.

Every view answers 404 while single sign-on is not configured. The callback lives outside the language
prefix (one redirect URI to register at the provider) and answers in the language the sign-in started in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from . import conf, provider
from .backends import REFUSAL_ATTRIBUTE
from .services import Refusal

# What the refusal page says for each reason: a title, what happened, and what to do.
REFUSALS = {
    Refusal.NO_EMPLOYEE: (
        _("No employee record matches your identity"),
        _(
            "The government identity service confirmed who you are, but Qudra has no employee record with your "
            "civil number or employee number."
        ),
        _("Ask your HR officer to add you to Qudra, or to record your civil number on your employee record."),
    ),
    Refusal.INACTIVE: (
        _("Your account is inactive"),
        _("Your Qudra account exists but is not active, so you cannot sign in."),
        _("Ask your HR officer or the Qudra administrator to reactivate it."),
    ),
    Refusal.CONFLICT: (
        _("Your identity does not match our records"),
        _("The details the government identity service sent point to another employee record, or to more than one."),
        _("Ask the Qudra administrator to correct your employee record. Nothing was changed."),
    ),
    Refusal.UNIT: (
        _("Your organisation unit is not open in Qudra"),
        _(
            "Your account could not be created: the organisation unit the government identity service names is "
            "unknown to Qudra or has been closed."
        ),
        _("Ask your HR officer to add you to Qudra."),
    ),
    Refusal.INCOMPLETE: (
        _("Some of your details are missing"),
        _(
            "The government identity service did not send the details Qudra needs: your civil number or employee "
            "number, and your name."
        ),
        _("Ask your HR officer to check your record at the government identity service."),
    ),
    Refusal.PRIVILEGED: (
        _("This account cannot use single sign-on"),
        _(
            "The account has administrative rights, and its employee record does not match every detail the "
            "government identity service sent."
        ),
        _("Sign in with your password if this is an emergency account, or ask the Qudra administrator for help."),
    ),
    Refusal.INVALID: (
        _("The sign-in could not be verified"),
        _(
            "The answer from the government identity service could not be verified, or the sign-in had expired. "
            "You are not signed in."
        ),
        _("Start the sign-in again."),
    ),
    Refusal.DENIED: (
        _("The sign-in was cancelled"),
        _("The government identity service did not confirm your sign-in. You are not signed in."),
        _("Start the sign-in again if you want to continue."),
    ),
    Refusal.UNAVAILABLE: (
        _("The government identity service is not answering"),
        _("Qudra could not reach the government identity service, so you could not be signed in."),
        _("Try again in a few minutes."),
    ),
}


def _require_enabled() -> None:
    if not conf.enabled():
        raise Http404("single sign-on is not configured")


def _refused_url(reason: Refusal) -> str:
    return reverse("sso:refused", kwargs={"reason": reason.value})


class SignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge kept in the session."""

    def __init__(self, **kwargs):
        # The library reads the provider's endpoints when the view is built; here that waits for dispatch,
        # where a provider that is down becomes a translated page rather than a 500.
        View.__init__(self, **kwargs)

    def get(self, request):
        _require_enabled()
        try:
            endpoints = provider.endpoints()
        except provider.ProviderUnavailable:
            return HttpResponseRedirect(_refused_url(Refusal.UNAVAILABLE))
        self.OIDC_OP_AUTH_ENDPOINT = endpoints.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        request.session[conf.LANGUAGE_SESSION_KEY] = translation.get_language()
        return super().get(request)

    def get_extra_params(self, request):
        # Ask the provider to show its pages in the visitor's language (OpenID Connect Core 3.1.2.1).
        return {**super().get_extra_params(request), "ui_locales": translation.get_language()}


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: the library exchanges the code and checks the token; refusals get a page."""

    def dispatch(self, request, *args, **kwargs):
        _require_enabled()
        language = request.session.get(conf.LANGUAGE_SESSION_KEY) or translation.get_language()
        with translation.override(language):
            try:
                return super().dispatch(request, *args, **kwargs)
            except SuspiciousOperation:
                # A state this browser never started (a replayed or forged answer).
                return self.login_failure()

    def login_failure(self):
        reason = getattr(self.request, REFUSAL_ATTRIBUTE, None)
        if reason is None:
            reason = Refusal.DENIED if self.request.GET.get("error") else Refusal.INVALID
        # Tokens of a refused sign-in must not make a later password session look like an SSO one.
        self.request.session.pop(conf.ID_TOKEN_SESSION_KEY, None)
        return HttpResponseRedirect(_refused_url(reason))

    def login_success(self):
        id_token = self.request.session.get(conf.ID_TOKEN_SESSION_KEY)
        response = super().login_success()
        # Logging in over another user's session flushes it: keep the token the provider logout needs.
        self.request.session[conf.ID_TOKEN_SESSION_KEY] = id_token
        return response


class RefusedView(TemplateView):
    template_name = "sso/refused.html"

    def get(self, request, *args, **kwargs):
        try:
            reason = Refusal(kwargs["reason"])
        except ValueError:
            raise Http404("no such refusal") from None
        title, text, hint = REFUSALS[reason]
        context = {"reason": reason.value, "title": title, "text": text, "hint": hint, "sso_enabled": conf.enabled()}
        status = 503 if reason is Refusal.UNAVAILABLE else 403
        return render(request, self.template_name, context, status=status)


class ProviderLogoutMixin:
    """After the local logout, a session that came from SSO also ends the provider's session."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(conf.ID_TOKEN_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        if not id_token or not conf.enabled():
            return response
        return_to = settings.QUDRA_SSO_POST_LOGOUT_REDIRECT_URI or request.build_absolute_uri(
            resolve_url(settings.LOGOUT_REDIRECT_URL)
        )
        url = provider.end_session_url(id_token=id_token, post_logout_redirect_uri=return_to)
        return HttpResponseRedirect(url) if url else response


class LogoutView(ProviderLogoutMixin, auth_views.LogoutView):
    pass


class AdminLogoutView(ProviderLogoutMixin, WagtailLogoutView):
    pass
