"""Two-factor sign-in for staff: who is asked, enrolment, verification, recovery codes, brute-force limits.

Codes come from each device's real secret through django-otp's own TOTP function, never from a mock."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from people.models import HRScope
from people.services import ADMINISTRATORS, HR_OFFICERS, TRAINERS
from tests.builders.roles import member_of
from tests.factories import EmployeeFactory, UserFactory, make_org_unit

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ENROL = "/en/accounts/two-factor/enrol/"
VERIFY = "/en/accounts/two-factor/"
CODES = "/en/accounts/two-factor/recovery-codes/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.QUDRA_STAFF_2FA_REQUIRED = True


def ministry_admin(username: str = "ministry-admin"):
    user = UserFactory(username=username)
    HRScope.objects.create(user=user, org_unit=make_org_unit("MIN"), role=HRScope.Role.MINISTRY_ADMIN)
    return user


STAFF = {
    "trainer": lambda: member_of(TRAINERS, "trainer"),
    "HR officer": lambda: member_of(HR_OFFICERS, "hr-officer"),
    "administrator": lambda: member_of(ADMINISTRATORS, "chief"),
    "ministry administrator": ministry_admin,
    "superuser": lambda: UserFactory(username="root", is_superuser=True, is_staff=True),
}


def code_of(device: TOTPDevice, at_offset: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + at_offset):06d}"


def signed_in(user) -> Client:
    """A session after the password step, as the log-in form leaves it."""
    client = Client()
    response = client.post("/en/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device


@pytest.mark.parametrize("role", STAFF)
def test_staff_without_an_authenticator_are_sent_to_enrol_first(roles, role):
    client = signed_in(STAFF[role]())

    for path in ("/admin/", "/en/learning/", "/en/learning/transcript/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert re.match(r"^/(ar|en)/accounts/two-factor/enrol/\?next=", response["Location"]), path


@pytest.mark.parametrize("role", STAFF)
def test_enrolled_staff_are_asked_for_a_code_before_the_admin(roles, role):
    user = STAFF[role]()
    enrolled(user)
    client = signed_in(user)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/two-factor/?next=%2Fadmin%2Fpages%2F")


def test_a_learner_is_never_asked(roles, learner):
    learner.set_password(PASSWORD)
    learner.save()
    client = signed_in(learner)

    assert client.get("/en/learning/").status_code == 200
    assert client.get(ENROL).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_with_the_setting_off_staff_are_not_asked(roles, settings):
    settings.QUDRA_STAFF_2FA_REQUIRED = False
    client = signed_in(member_of(TRAINERS, "trainer"))

    assert client.get("/admin/").status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key_and_a_first_code_confirms_it(roles):
    user = member_of(TRAINERS, "trainer")
    client = signed_in(user)

    page = client.get(ENROL + "?next=/admin/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = page.context["key"].replace(" ", "")
    assert key and key in page.content.decode().replace(" ", "")
    assert "/en/accounts/two-factor/enrol/qr.svg" in page.content.decode()
    qr = client.get("/en/accounts/two-factor/enrol/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    assert "no-store" in qr["Cache-Control"]

    response = client.post(ENROL, {"code": code_of(device), "next": "/admin/"})

    assert response.status_code == 200
    codes = re.findall(r'<bdi dir="ltr">([a-z2-7]{8})</bdi>', response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "shown only this once" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    assert AuditEntry.objects.filter(action="account.2fa_enrolled", target_id=str(user.pk)).exists()
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_at_enrolment(roles):
    user = member_of(HR_OFFICERS, "hr")
    client = signed_in(user)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"

    response = client.post(ENROL, {"code": wrong})

    assert response.status_code == 400
    assert "That code is not right." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302


def test_verification_after_the_password_wrong_code_then_right_code(roles):
    user = member_of(ADMINISTRATORS, "chief")
    device = enrolled(user)
    client = signed_in(user)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        refused = client.post(VERIFY, {"code": wrong, "next": "/admin/"})
        # django-otp slows the device after a wrong code: even the right one waits a second.
        throttled = client.post(VERIFY, {"code": code_of(device), "next": "/admin/"})
    with time_machine.travel(start + timedelta(seconds=3), tick=False):
        accepted = client.post(VERIFY, {"code": code_of(device), "next": "/admin/"})
        home = client.get("/admin/")

    assert refused.status_code == throttled.status_code == 400
    assert "That code is not right." in refused.content.decode()
    assert "wait 1 second, then type the code" in throttled.content.decode()
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/"
    assert home.status_code == 200


def test_a_code_is_not_accepted_twice(roles):
    user = member_of(TRAINERS, "trainer")
    device = enrolled(user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = signed_in(user)
        code = code_of(device)
        assert first.post(VERIFY, {"code": code}).status_code == 302
        second = signed_in(user)
        assert second.post(VERIFY, {"code": code}).status_code == 400


def test_a_recovery_code_works_once(roles):
    user = ministry_admin()
    enrolled(user)
    client = signed_in(user)
    assert client.get("/en/learning/").status_code == 302
    from accounts.services import _new_recovery_codes

    code = _new_recovery_codes(user)[0]

    assert client.post(VERIFY, {"code": code.upper()[:4] + "-" + code[4:], "next": "/en/learning/"}).status_code == 302
    assert client.get("/en/learning/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    assert AuditEntry.objects.filter(action="account.recovery_code_used").count() == 1

    again = signed_in(user)
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        response = again.post(VERIFY, {"code": code})
    assert response.status_code == 400
    assert again.get("/en/learning/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(roles):
    user = member_of(ADMINISTRATORS, "chief")
    device = enrolled(user)
    from accounts.services import _new_recovery_codes

    old = _new_recovery_codes(user)
    client = signed_in(user)
    client.post(VERIFY, {"code": code_of(device)})

    assert "You have 10 unused recovery codes." in client.get(CODES).content.decode()
    page = client.post(CODES).content.decode()
    new = re.findall(r'<bdi dir="ltr">([a-z2-7]{8})</bdi>', page)

    assert len(new) == 10
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)


def test_a_stolen_password_cannot_enrol_a_second_authenticator(roles):
    user = member_of(HR_OFFICERS, "hr")
    enrolled(user)
    client = signed_in(user)

    response = client.get(ENROL)

    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.get("/en/accounts/two-factor/enrol/qr.svg").status_code == 403
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_guessing_codes_is_cut_off_after_ten_a_minute(roles):
    user = member_of(TRAINERS, "trainer")
    device = enrolled(user)
    client = signed_in(user)
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [client.post(VERIFY, {"code": "000000"}).status_code for _ in range(11)]
        blocked = client.post(VERIFY, {"code": code_of(device)})

    assert statuses[:10] == [400] * 10 and statuses[10] == 429
    assert blocked.status_code == 429 and "Too many tries" in blocked.content.decode()


def test_a_person_with_an_employee_record_and_a_role_is_staff(roles):
    employee = EmployeeFactory(user=member_of(HR_OFFICERS, "hr-employee"))
    client = signed_in(employee.user)

    assert "/accounts/two-factor/enrol/" in client.get("/admin/")["Location"]
