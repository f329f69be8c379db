"""The whole code flow against a real OpenID Connect provider on loopback: what the person sees, what is stored."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from audit.models import AuditEntry
from people.models import Employee
from people.services import LEARNERS
from tests.builders.identity_provider import (
    CLIENT_ID,
    authorize,
    flip_signature,
    query_of,
    rewrite_claims,
)
from tests.factories import EmployeeFactory, UserFactory, make_org_unit

User = get_user_model()


def start(client, language: str = "en", next_url: str = "") -> str:
    response = client.get(f"/{language}/accounts/sso/sign-in/" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302
    return response["Location"]


def come_back(client, provider_answer: str):
    parts = urlsplit(provider_answer)
    assert parts.path == "/sso/callback/"
    return client.get(f"{parts.path}?{parts.query}")


def sign_in(client, sub: str, *, language: str = "en", next_url: str = ""):
    """Start at Qudra, approve at the provider, come back: Qudra's answer to the callback."""
    return come_back(client, authorize(start(client, language, next_url), sub=sub))


def signed_in_user_id(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


def refusal(client, response, reason: str, language: str):
    """Follow the callback's answer to the refusal page and check it is the one for ``reason``."""
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/accounts/sso/refused/{reason}/"
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert f'data-sso-refusal="{reason}"' in page.text
    assert f'<html lang="{language}"' in page.text
    return page


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_signing_in_by_civil_number_opens_the_employees_session_in_the_language_it_started_in(
    client, provider, catalogue, language, direction
):
    employee = EmployeeFactory(civil_number="90011122", full_name_en="Salim Al-Harthy", full_name_ar="سالم الحارثي")
    provider.set_user("person-1", {"civil_number": "90011122", "email": "someone@example.om"})

    authorization_url = start(client, language)
    request = query_of(authorization_url)
    assert authorization_url.startswith(provider.url + "/oauth2/authorize?")
    assert request["client_id"] == CLIENT_ID
    assert request["redirect_uri"] == "http://testserver/sso/callback/"
    assert request["ui_locales"] == language
    assert request["state"] and request["nonce"]
    assert request["code_challenge_method"] == "S256"

    response = come_back(client, authorize(authorization_url, sub="person-1"))

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/learning/"
    assert signed_in_user_id(client) == employee.user_id
    # PKCE: the verifier sent with the code is the one the challenge was made from.
    verifier = provider.tamperer.token_requests[-1]["code_verifier"][0]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert challenge == request["code_challenge"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in page.text
    with translation.override(language):
        assert translation.gettext("My learning") in page.text
    assert (employee.full_name_ar if language == "ar" else employee.full_name_en) in page.text


def test_the_next_page_asked_for_is_where_the_sign_in_ends(client, provider, catalogue):
    employee = EmployeeFactory(employee_number="E-1001")
    provider.set_user("person-next", {"employee_number": "E-1001"})

    response = sign_in(client, "person-next", next_url="/en/learning/certificates/")

    assert response["Location"] == "/en/learning/certificates/"
    assert signed_in_user_id(client) == employee.user_id


def test_a_next_page_on_another_site_is_ignored(client, provider, catalogue):
    EmployeeFactory(employee_number="E-1002")
    provider.set_user("person-away", {"employee_number": "E-1002"})

    response = sign_in(client, "person-away", next_url="https://elsewhere.example/")

    assert response["Location"] == "/en/learning/"


def test_a_record_found_by_employee_number_is_linked_to_the_civil_number_with_an_audit_entry(client, provider):
    employee = EmployeeFactory(employee_number="E-2001", civil_number=None)
    provider.set_user("person-link", {"employee_number": "E-2001", "civil_number": "80022233"})

    sign_in(client, "person-link")

    employee.refresh_from_db()
    assert employee.civil_number == "80022233"
    assert signed_in_user_id(client) == employee.user_id
    entry = AuditEntry.objects.get(action="sso.linked")
    assert entry.target_id == str(employee.pk)
    assert entry.actor_id == employee.user_id
    assert entry.changes["civil_number"] == [None, "80022233"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_matching_employee_is_refused_and_nothing_is_created_not_even_for_a_matching_e_mail(
    client, provider, language
):
    # Someone whose account has the e-mail the provider sends: e-mail alone never signs anyone in.
    EmployeeFactory(user=UserFactory(email="shared@example.om"), employee_number="E-3001", civil_number="70000001")
    provider.set_user(
        "stranger", {"civil_number": "99999999", "employee_number": "E-9999", "email": "shared@example.om"}
    )
    users_before = User.objects.count()

    page = refusal(client, sign_in(client, "stranger", language=language), "no-employee", language)

    with translation.override(language):
        assert translation.gettext("No employee record matches your identity") in page.text
    assert signed_in_user_id(client) is None
    assert User.objects.count() == users_before
    assert not Employee.objects.filter(employee_number="E-9999").exists()


def test_claims_pointing_at_two_records_are_refused(client, provider):
    EmployeeFactory(employee_number="E-4001", civil_number="60000001")
    EmployeeFactory(employee_number="E-4002", civil_number="60000002")
    provider.set_user("mixed", {"civil_number": "60000001", "employee_number": "E-4002"})

    refusal(client, sign_in(client, "mixed"), "conflict", "en")

    assert signed_in_user_id(client) is None


def test_a_record_carrying_another_civil_number_is_not_re_linked(client, provider):
    employee = EmployeeFactory(employee_number="E-4101", civil_number="60000011")
    provider.set_user("other-civil", {"civil_number": "60000099", "employee_number": "E-4101"})

    refusal(client, sign_in(client, "other-civil"), "conflict", "en")

    employee.refresh_from_db()
    assert employee.civil_number == "60000011"
    assert not AuditEntry.objects.filter(action="sso.linked").exists()


def test_an_inactive_account_is_refused(client, provider):
    EmployeeFactory(user=UserFactory(is_active=False), civil_number="50000001")
    provider.set_user("inactive", {"civil_number": "50000001"})

    refusal(client, sign_in(client, "inactive"), "inactive", "en")

    assert signed_in_user_id(client) is None


def test_claims_without_any_identifier_are_refused(client, provider):
    EmployeeFactory(user=UserFactory(email="only-mail@example.om"))
    provider.set_user("mail-only", {"email": "only-mail@example.om"})

    refusal(client, sign_in(client, "mail-only"), "incomplete", "en")


def test_a_staff_account_signs_in_only_when_its_record_matches_every_identifier(client, provider):
    staff = EmployeeFactory(user=UserFactory(is_staff=True), employee_number="A-1", civil_number="40000001")
    provider.set_user("admin-exact", {"civil_number": "40000001", "employee_number": "A-1"})
    provider.set_user("admin-partial", {"civil_number": "40000001", "employee_number": "A-2"})

    refusal(client, sign_in(client, "admin-partial"), "privileged", "en")
    assert signed_in_user_id(client) is None

    sign_in(client, "admin-exact")
    assert signed_in_user_id(client) == staff.user_id


def test_a_superuser_record_is_never_linked_by_single_sign_on(client, provider):
    root = EmployeeFactory(user=UserFactory(is_superuser=True, is_staff=True), employee_number="A-9", civil_number=None)
    provider.set_user("admin-link", {"civil_number": "40000009", "employee_number": "A-9"})

    refusal(client, sign_in(client, "admin-link"), "privileged", "en")

    root.refresh_from_db()
    assert root.civil_number is None
    assert not AuditEntry.objects.exists()


def test_just_in_time_creation_puts_the_person_in_the_unit_the_claim_names(client, provider, settings, catalogue):
    settings.QUDRA_SSO_CREATE_USERS = True
    unit = make_org_unit("mtcit-dgov")
    learners = Group.objects.create(name=LEARNERS)
    manager = EmployeeFactory(employee_number="M-1")
    provider.set_user(
        "newcomer",
        {
            "civil_number": "30000001",
            "employee_number": "N-100",
            "unit_code": "mtcit-dgov",
            "manager_employee_number": "M-1",
            "name_ar": "مريم البلوشية",
            "name_en": "Maryam Al-Balushi",
            "email": "maryam@example.om",
        },
    )

    response = sign_in(client, "newcomer", language="ar")

    employee = Employee.objects.select_related("user").get(employee_number="N-100")
    assert response["Location"] == "/ar/learning/"
    assert signed_in_user_id(client) == employee.user_id
    assert (employee.org_unit, employee.civil_number, employee.manager) == (unit, "30000001", manager)
    assert (employee.full_name_ar, employee.full_name_en) == ("مريم البلوشية", "Maryam Al-Balushi")
    assert employee.preferred_language == "ar"
    assert employee.user.username == "n-100"
    assert employee.user.email == "maryam@example.om"
    assert not employee.user.has_usable_password()
    assert not employee.user.is_staff
    assert list(employee.user.groups.all()) == [learners]
    entry = AuditEntry.objects.get(action="sso.account_created")
    assert entry.target_id == str(employee.pk)
    assert entry.changes["org_unit"] == "mtcit-dgov"
    assert "مريم البلوشية" in client.get(response["Location"]).text


@pytest.mark.parametrize("unit_code", ["closed-unit", "no-such-unit", ""])
def test_just_in_time_creation_into_a_closed_or_unknown_unit_is_refused(client, provider, settings, unit_code):
    settings.QUDRA_SSO_CREATE_USERS = True
    closed = make_org_unit("closed-unit")
    closed.closed_at = timezone.now()
    closed.save()
    provider.set_user(f"late-{unit_code}", {"employee_number": "N-200", "unit_code": unit_code, "name_en": "Late"})
    users_before = User.objects.count()

    refusal(client, sign_in(client, f"late-{unit_code}"), "unit", "en")

    assert User.objects.count() == users_before
    assert not Employee.objects.filter(employee_number="N-200").exists()


def test_just_in_time_creation_never_takes_over_an_existing_user_name(client, provider, settings, unit):
    settings.QUDRA_SSO_CREATE_USERS = True
    UserFactory(username="n-300")
    provider.set_user("taken", {"employee_number": "N-300", "unit_code": unit.code, "name_en": "Taken"})

    refusal(client, sign_in(client, "taken"), "conflict", "en")

    assert not Employee.objects.filter(employee_number="N-300").exists()


def test_names_e_mail_and_manager_follow_the_claims_when_configured(client, provider, settings):
    settings.QUDRA_SSO_UPDATE_PROFILE = True
    manager = EmployeeFactory(employee_number="M-7")
    employee = EmployeeFactory(employee_number="E-5001", full_name_en="Old Name", full_name_ar="اسم قديم")
    claims = {"employee_number": "E-5001", "name_en": "New Name", "name_ar": "اسم جديد", "email": "new@example.om"}
    provider.set_user("mover", {**claims, "manager_employee_number": "M-7"})

    sign_in(client, "mover")

    employee.refresh_from_db()
    employee.user.refresh_from_db()
    assert (employee.full_name_en, employee.full_name_ar, employee.manager) == ("New Name", "اسم جديد", manager)
    assert employee.user.email == "new@example.om"
    entry = AuditEntry.objects.get(action="sso.profile_updated")
    assert entry.changes["full_name_en"] == ["Old Name", "New Name"]
    assert entry.changes["manager"] == [None, manager.pk]

    # A second sign-in with the same claims changes nothing and writes nothing.
    client.logout()
    sign_in(client, "mover")
    assert AuditEntry.objects.filter(action="sso.profile_updated").count() == 1


def test_without_the_update_setting_the_claims_change_nothing(client, provider):
    employee = EmployeeFactory(employee_number="E-5101", full_name_en="Kept Name")
    provider.set_user("keeper", {"employee_number": "E-5101", "name_en": "Other Name"})

    sign_in(client, "keeper")

    employee.refresh_from_db()
    assert employee.full_name_en == "Kept Name"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_authorisation_denied_at_the_provider_is_refused(client, provider, language):
    EmployeeFactory(civil_number="20000001")

    answer = authorize(start(client, language), sub=None, deny=True)

    assert query_of(answer)["error"] == "access_denied"
    refusal(client, come_back(client, answer), "denied", language)
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    "alter",
    [flip_signature, rewrite_claims(civil_number="10000002")],
    ids=["signature-changed", "claims-changed-under-the-old-signature"],
)
def test_a_tampered_id_token_is_refused_and_opens_no_session(client, provider, alter):
    EmployeeFactory(civil_number="10000001")
    EmployeeFactory(civil_number="10000002")
    provider.set_user("tampered", {"civil_number": "10000001"})
    provider.tamper_id_token(alter)

    refusal(client, sign_in(client, "tampered"), "invalid", "en")

    assert signed_in_user_id(client) is None
    assert "oidc_id_token" not in client.session


def test_an_answer_for_a_sign_in_this_browser_never_started_is_refused(client, provider):
    EmployeeFactory(civil_number="10000011")
    provider.set_user("replayed", {"civil_number": "10000011"})
    answer = authorize(start(client), sub="replayed")
    other_browser = type(client)()
    other_browser.get("/en/accounts/sso/sign-in/")  # a sign-in of its own, so it has states, not this one

    refusal(other_browser, come_back(other_browser, answer), "invalid", "en")

    assert signed_in_user_id(other_browser) is None


def test_logging_out_of_a_single_sign_on_session_ends_the_providers_session_too(client, provider, catalogue):
    employee = EmployeeFactory(civil_number="11000001")
    provider.set_user("leaver", {"civil_number": "11000001"})
    sign_in(client, "leaver")
    id_token = client.session["oidc_id_token"]

    response = client.post("/en/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"].startswith(provider.url + "/oauth2/end_session?")
    logout = query_of(response["Location"])
    assert logout["id_token_hint"] == id_token
    assert logout["post_logout_redirect_uri"] == "http://testserver/"
    assert signed_in_user_id(client) is None
    # The provider's page confirms the end of its session and sends the browser back to Qudra.
    ending = requests.get(response["Location"], timeout=5)
    assert ending.status_code == 200
    assert "Recommended parameter" not in ending.text  # the provider's note when id_token_hint is missing
    back = requests.post(
        provider.url + "/oauth2/end_session/confirm",
        data={"redirect_uri": logout["post_logout_redirect_uri"]},
        allow_redirects=False,
        timeout=5,
    )
    assert back.headers["Location"] == "http://testserver/"
    assert employee.user.is_active


def test_logging_out_of_a_password_session_stays_local(client, provider, learner):
    client.force_login(learner)

    response = client.post("/en/accounts/logout/")

    assert response["Location"] == "/"
    assert signed_in_user_id(client) is None


def test_logging_out_of_the_admin_after_single_sign_on_ends_the_providers_session(client, provider):
    EmployeeFactory(civil_number="11000002", user=UserFactory(is_staff=True), employee_number="A-50")
    provider.set_user("admin-leaver", {"civil_number": "11000002", "employee_number": "A-50"})
    sign_in(client, "admin-leaver", next_url="/admin/")

    response = client.post("/admin/logout/")

    assert response["Location"].startswith(provider.url + "/oauth2/end_session?")
    assert signed_in_user_id(client) is None


def test_a_provider_that_cannot_be_reached_gets_a_translated_503(client, settings, db):
    settings.QUDRA_SSO_ISSUER = "http://127.0.0.1:9"  # the discard port: nothing listens there
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID

    response = client.get("/ar/accounts/sso/sign-in/")

    assert response["Location"] == "/ar/accounts/sso/refused/unavailable/"
    page = client.get(response["Location"])
    assert page.status_code == 503
    assert '<html lang="ar" dir="rtl">' in page.text


def explicit_endpoints(settings, base: str, *, token_base: str | None = None) -> None:
    """The provider's endpoints set one by one, as a deployment without discovery would."""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{token_base or base}/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"


def test_an_id_token_from_another_issuer_is_refused(client, provider, settings):
    # The provider names itself after the host it is called by: called as "localhost", its tokens say so,
    # while Qudra expects the issuer it was configured with.
    explicit_endpoints(settings, provider.url.replace("127.0.0.1", "localhost"))
    EmployeeFactory(civil_number="13000001")
    provider.set_user("elsewhere", {"civil_number": "13000001"})

    refusal(client, sign_in(client, "elsewhere"), "invalid", "en")

    assert signed_in_user_id(client) is None


def test_a_token_endpoint_that_does_not_answer_gets_the_unavailable_page(client, provider, settings):
    explicit_endpoints(settings, provider.url, token_base="http://127.0.0.1:9")
    EmployeeFactory(civil_number="13000002")
    provider.set_user("no-answer", {"civil_number": "13000002"})

    response = sign_in(client, "no-answer")

    assert response["Location"] == "/en/accounts/sso/refused/unavailable/"
    assert client.get(response["Location"]).status_code == 503
    assert signed_in_user_id(client) is None
