"""Single sign-on settings (docs/sso.md), every value from the environment."""

import os

from .env import env_bool, env_list

# Single sign-on through the government identity provider, OpenID Connect code flow with PKCE (docs/sso.md).
# Off until both an issuer and a client id are set. The endpoints come from the issuer's discovery
# document unless set one by one. mozilla-django-oidc reads the OIDC_* names.
QUDRA_SSO_ISSUER = os.environ.get("QUDRA_SSO_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("QUDRA_SSO_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("QUDRA_SSO_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("QUDRA_SSO_SCOPES", "openid profile email")
OIDC_RP_SIGN_ALGO = os.environ.get("QUDRA_SSO_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("QUDRA_SSO_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("QUDRA_SSO_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("QUDRA_SSO_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("QUDRA_SSO_JWKS_URI", "")
QUDRA_SSO_END_SESSION_ENDPOINT = os.environ.get("QUDRA_SSO_END_SESSION_ENDPOINT", "")
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("QUDRA_SSO_TOKEN_BASIC_AUTH", False)
OIDC_USE_PKCE = env_bool("QUDRA_SSO_USE_PKCE", True)
OIDC_USE_NONCE = True
OIDC_ALLOW_UNSECURED_JWT = False
OIDC_STORE_ID_TOKEN = True  # the provider logout sends it back as id_token_hint
OIDC_TIMEOUT = float(os.environ.get("QUDRA_SSO_TIMEOUT_SECONDS", "5"))
OIDC_VERIFY_SSL = env_bool("QUDRA_SSO_VERIFY_TLS", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
QUDRA_SSO_DISCOVERY_CACHE_SECONDS = int(os.environ.get("QUDRA_SSO_DISCOVERY_CACHE_SECONDS", "3600"))
# Where the provider sends the browser after its logout; it must be registered there. Unset: the site root.
QUDRA_SSO_POST_LOGOUT_REDIRECT_URI = os.environ.get("QUDRA_SSO_POST_LOGOUT_REDIRECT_URI", "")
# The provider's claim names for what Qudra reads.
QUDRA_SSO_CLAIMS = {
    "civil_number": os.environ.get("QUDRA_SSO_CLAIM_CIVIL_NUMBER", "civil_number"),
    "employee_number": os.environ.get("QUDRA_SSO_CLAIM_EMPLOYEE_NUMBER", "employee_number"),
    "unit_code": os.environ.get("QUDRA_SSO_CLAIM_UNIT_CODE", "unit_code"),
    "manager_employee_number": os.environ.get("QUDRA_SSO_CLAIM_MANAGER_EMPLOYEE_NUMBER", "manager_employee_number"),
    "name_ar": os.environ.get("QUDRA_SSO_CLAIM_NAME_AR", "name_ar"),
    "name_en": os.environ.get("QUDRA_SSO_CLAIM_NAME_EN", "name_en"),
    "email": os.environ.get("QUDRA_SSO_CLAIM_EMAIL", "email"),
}
# Create an account (and employee record, in the open unit the unit-code claim names) for a person with none.
QUDRA_SSO_CREATE_USERS = env_bool("QUDRA_SSO_CREATE_USERS", False)
# Take the names, e-mail and line manager from the claims at every sign-in.
QUDRA_SSO_UPDATE_PROFILE = env_bool("QUDRA_SSO_UPDATE_PROFILE", False)
# Local passwords: "all", "break-glass" (only the accounts named below) or "off".
QUDRA_LOCAL_LOGIN = os.environ.get("QUDRA_LOCAL_LOGIN", "all")
QUDRA_BREAK_GLASS_USERNAMES = env_list("QUDRA_BREAK_GLASS_USERNAMES", "")
