"""The header names the signed-in person in the page's language, loaded with the user in one query."""

from __future__ import annotations

import re

from tests.factories import EmployeeFactory, UserFactory


def header_name(client, url: str) -> str:
    page = client.get(url).content.decode()
    return re.search(r'<span class="account-name">.*?<span>(.*?)</span></span>', page, re.S).group(1)


def test_the_header_shows_the_name_in_the_page_language(client, catalogue_en):
    user = UserFactory(username="aisha", first_name="Aisha", last_name="Latin")
    EmployeeFactory(user=user, full_name_ar="عائشة سالم البلوشية", full_name_en="Aisha Salim Al-Balushi")
    client.force_login(user)
    assert header_name(client, "/ar/learning/") == "عائشة سالم البلوشية"
    assert header_name(client, "/en/learning/") == "Aisha Salim Al-Balushi"


def test_someone_without_an_employee_record_is_named_by_account(client, catalogue_en):
    client.force_login(UserFactory(username="visitor<b>"))
    assert header_name(client, "/en/learning/") == "visitor&lt;b&gt;"
