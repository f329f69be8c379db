"""Password reset by e-mail: the same answer for every address, mail in the reader's language, throttled."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESET = "/{language}/accounts/password/reset/"


def ask(client, email: str, language: str = "en", address: str = "10.0.0.1"):
    return client.post(RESET.format(language=language), {"email": email}, REMOTE_ADDR=address)


def reset_link(message) -> str:
    return re.search(r"http://\S+/accounts/password/reset/\S+/\S+/", message.body).group(0)


def test_the_login_page_links_to_the_reset(client):
    page = client.get("/en/accounts/login/").content.decode()

    assert 'href="/en/accounts/password/reset/"' in page and "Forgotten your password?" in page


def test_a_known_and_an_unknown_address_get_the_same_answer(client, sara):
    known = ask(client, "sara@example.om")
    unknown = ask(client, "nobody@example.om")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sara@example.om"]
    assert "If an account with a password uses this address" in client.get(known["Location"]).content.decode()


def test_the_mail_is_in_the_persons_preferred_language_and_the_link_sets_a_new_password(client, sara):
    ask(client, "SARA@example.om", language="ar")  # asked from the Arabic page: Sara reads English

    message = mail.outbox[0]
    assert message.subject == "Choose a new Qudra password"
    assert "Your username is sara." in message.body
    link = reset_link(message)
    assert "/en/accounts/password/reset/" in link

    form_page = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-fresh-passphrase-9", "new_password2": "a-fresh-passphrase-9"},
    )
    assert done.status_code == 302 and done["Location"] == "/en/accounts/password/reset/done/"
    sara.refresh_from_db()
    assert sara.check_password("a-fresh-passphrase-9")
    # The link works once.
    assert (
        "This link does not work any more"
        in client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True).content.decode()
    )


def test_without_an_employee_record_the_mail_follows_the_page_language(client):
    UserFactory(username="contractor", email="contractor@example.om")

    ask(client, "contractor@example.om", language="ar")

    assert "/ar/accounts/password/reset/" in reset_link(mail.outbox[0])


def test_an_arabic_reader_gets_an_arabic_mail(client, ahmed):
    ask(client, "ahmed@example.om", language="en")

    message = mail.outbox[0]
    assert "/ar/accounts/password/reset/" in reset_link(message)
    assert message.subject == "اختر كلمة مرور جديدة لقدرة"


def test_an_account_without_a_usable_password_gets_no_mail(client, db):
    user = UserFactory(username="sso-only", email="sso@example.om")
    user.set_unusable_password()
    user.save()

    response = ask(client, "sso@example.om")

    assert response.status_code == 302 and response["Location"] == "/en/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_a_bad_address_is_a_400_with_the_form(client):
    response = ask(client, "not-an-address")

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_three_requests_per_email_address_then_a_429(client, sara, settings):
    statuses = [ask(client, "sara@example.om", address=f"10.0.0.{n}").status_code for n in range(1, 5)]

    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_ten_requests_per_client_address_then_a_429(client, sara):
    statuses = [ask(client, f"person{n}@example.om").status_code for n in range(10)]
    refused = ask(client, "sara@example.om")

    assert statuses == [302] * 10
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "Too many tries" in refused.content.decode()
    assert mail.outbox == []


def test_the_admins_password_reset_sends_to_ours(client):
    response = client.get("/admin/password_reset/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302 and response["Location"] == "/en/accounts/password/reset/"
    assert client.post("/admin/password_reset/", {"email": "x@example.om"}).status_code in (301, 302)
    assert mail.outbox == []


def test_the_password_still_works_when_nobody_resets_it(client, sara):
    ask(client, "sara@example.om")

    assert client.post("/en/accounts/login/", {"username": "sara", "password": PASSWORD}).status_code == 302
