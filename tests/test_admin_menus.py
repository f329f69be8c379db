"""The admin's menus read in each visitor's language, whichever language the first visitor after a restart
used; they offer what each role uses, and the account settings only the platform's two languages."""

from __future__ import annotations

import json
import re

import pytest

from people.services import HR_OFFICERS, TRAINERS
from tests.builders.roles import member_of, roles, speaks  # noqa: F401


def menu_labels(html: str) -> list[str]:
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    assert props, "no sidebar on the page"
    return re.findall(r'"label": "([^"]*)"', json.dumps(json.loads(props.group(1)), ensure_ascii=False))


@pytest.mark.usefixtures("roles")
def test_menu_items_follow_the_language_of_each_request(client):
    english, arabic = speaks(member_of(TRAINERS, "english"), "en"), speaks(member_of(TRAINERS, "arabic"), "ar")

    labels = {}
    for user in (english, arabic, english):
        client.force_login(user)
        labels.setdefault(user.username, []).append(menu_labels(client.get("/admin/").content.decode()))

    assert {"Translations", "What's new in Wagtail 8.0"} <= set(labels["english"][0])
    assert labels["english"][0] == labels["english"][1]
    assert {"الترجمات", "ما الجديد في Wagtail 8.0"} <= set(labels["arabic"][0])
    assert not {"Translations", "What's new in Wagtail 8.0"} & set(labels["arabic"][0])


@pytest.mark.usefixtures("roles")
def test_the_translations_report_is_offered_only_to_those_who_translate(client):
    trainer, hr_officer = member_of(TRAINERS, "a-trainer"), member_of(HR_OFFICERS, "an-hr-officer")

    client.force_login(speaks(trainer, "en"))
    assert "Translations" in menu_labels(client.get("/admin/").content.decode())
    client.force_login(speaks(hr_officer, "en"))
    assert "Translations" not in menu_labels(client.get("/admin/").content.decode())


@pytest.mark.usefixtures("roles")
def test_the_account_settings_offer_arabic_and_english_only(client):
    client.force_login(speaks(member_of(TRAINERS, "a-trainer"), "en"))

    html = client.get("/admin/account/").content.decode()
    language_select = html.split('name="locale-preferred_language"', 1)[1].split("</select>", 1)[0]

    assert sorted(re.findall(r'<option value="([^"]+)"', language_select)) == ["ar", "en"]
