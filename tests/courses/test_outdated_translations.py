"""Authors see on the admin home which translations no longer match their source page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from people.services import TRAINERS, ensure_roles
from tests.factories import UserFactory

HEADING = {"en": "Translations to update", "ar": "ترجمات تحتاج إلى تحديث"}


@pytest.fixture
def translated_course(catalogue_en, course, locales):
    """The Arabic course submitted for translation into English through wagtail-localize."""
    source, _created = TranslationSource.get_or_create_from_instance(course)
    translation = Translation.objects.create(source=source, target_locale=locales["en"])
    translation.save_target(publish=True)  # what the "Translate this page" form does
    return course


def _admin_home(client, user, language: str = "en") -> str:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def _edit(course, title: str) -> None:
    course.title = title
    course.save_revision()


def test_a_source_edited_after_the_last_sync_is_listed_until_synchronised(client, admin_user, translated_course):
    assert HEADING["en"] not in _admin_home(client, admin_user)  # just translated: nothing to update

    _edit(translated_course, "التحول الرقمي (محدّث)")
    html = _admin_home(client, admin_user)
    assert HEADING["en"] in html
    panel = html.split('id="outdated-translations-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="/admin/pages/{translated_course.id}/edit/">التحول الرقمي</a>' in panel
    assert "<td>English</td>" in panel

    TranslationSource.objects.get(object_id=translated_course.translation_key).update_from_db()
    assert HEADING["en"] not in _admin_home(client, admin_user)


def test_the_panel_speaks_arabic(client, admin_user, translated_course):
    _edit(translated_course, "التحول الرقمي (محدّث)")
    html = _admin_home(client, admin_user, "ar")
    assert 'dir="rtl"' in html
    assert HEADING["ar"] in html


def test_trainers_see_only_courses_they_may_edit(client, catalogue, translated_course):
    ensure_roles(catalogue=catalogue)
    trainer = UserFactory(username="another-trainer")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    _edit(translated_course, "التحول الرقمي (محدّث)")
    assert HEADING["en"] not in _admin_home(client, trainer)  # not the owner: not theirs to translate

    translated_course.owner = trainer
    translated_course.save()
    assert HEADING["en"] in _admin_home(client, trainer)
