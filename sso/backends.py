"""Authentication backends: local passwords under the configured mode, and the government identity provider.

``LocalPasswordBackend`` replaces ``people.backends.EmployeeBackend`` in ``AUTHENTICATION_BACKENDS``, so
the learner login form and the Wagtail admin's both obey ``QUDRA_LOCAL_LOGIN``: with passwords
restricted to break-glass accounts (or off), every other account is refused at the password, and a
session opened by password before the switch stops counting at its next request.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django.utils.translation import get_language
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from people.backends import EmployeeBackend

from . import conf, provider
from .services import Identity, Refusal, SignInRefused, sign_in

logger = logging.getLogger(__name__)

# The request attribute the callback view reads to explain a refusal.
REFUSAL_ATTRIBUTE = "sso_refusal"


class LocalPasswordBackend(EmployeeBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is not None and password is not None and not conf.password_allowed(username):
            # Hash anyway, so the answer takes as long as for an account that may use a password.
            get_user_model()().set_password(password)
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and conf.password_allowed(user.get_username()) else None


def _refuse(request, reason: Refusal) -> None:
    setattr(request, REFUSAL_ATTRIBUTE, reason)


class GovernmentIdentityBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with the provider's endpoints found at sign-in and Qudra's matching."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every password sign-in too: nothing is read from the provider
        # (nor required of the configuration) until a real callback arrives.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; a password form posted to a URL that happens to carry
        # ?code=&state= must never start a token exchange.
        if request is None or "nonce" not in kwargs or not conf.enabled():
            return None
        if request.path != reverse(settings.OIDC_AUTHENTICATION_CALLBACK_URL):
            return None
        try:
            self._configure(provider.endpoints())
            return super().authenticate(request, **kwargs)
        except provider.ProviderUnavailable:
            logger.warning("single sign-on: the identity provider is unavailable", exc_info=True)
            _refuse(request, Refusal.UNAVAILABLE)
        except requests.RequestException:
            logger.warning("single sign-on: the identity provider did not answer the token request", exc_info=True)
            _refuse(request, Refusal.UNAVAILABLE)
        except (SuspiciousOperation, jwt.PyJWTError) as error:
            logger.warning("single sign-on: the provider's answer failed verification: %s", error)
            _refuse(request, Refusal.INVALID)
        return None

    def _configure(self, endpoints: provider.Endpoints) -> None:
        self.endpoints = endpoints
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = endpoints.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def retrieve_matching_jwk(self, token):
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        # A provider with one signing key may leave the key id out of its tokens (RFC 7515, 4.1.4): take
        # its only signing key for the algorithm, and refuse when there is more than one to choose from.
        response = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT, verify=settings.OIDC_VERIFY_SSL, timeout=settings.OIDC_TIMEOUT
        )
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig" and key.get("alg", self.OIDC_RP_SIGN_ALGO) == self.OIDC_RP_SIGN_ALGO
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("the ID token names no key and the provider has several")
        return jwt.PyJWK(keys[0])

    def get_payload_data(self, token, key):
        """The library checks the signature (and expiry); the issuer and the audience are checked here."""
        payload = super().get_payload_data(token, key)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if str(payload.get("iss", "")).rstrip("/") != self.endpoints.issuer:
            raise SuspiciousOperation("the ID token was issued by another issuer")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("the ID token is meant for another client")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("the ID token's authorised party is another client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed by the userinfo endpoint's when the provider has one."""
        if not self.OIDC_OP_USER_ENDPOINT:
            return dict(payload)
        userinfo = super().get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: a userinfo answer about another subject must not be used.
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("the userinfo answer is about another subject")
        return {**payload, **userinfo}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        language = self.request.session.get(conf.LANGUAGE_SESSION_KEY) or get_language()
        try:
            return sign_in(identity=Identity.from_claims(claims), language=language, request=self.request)
        except SignInRefused as refusal:
            _refuse(self.request, refusal.reason)
            return None

    def get_user(self, user_id):
        return EmployeeBackend().get_user(user_id)
