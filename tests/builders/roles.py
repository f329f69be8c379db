"""The platform's roles as tests meet them: the groups, a member of one, two trainers, a course form, the
admin's language."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from people.services import TRAINERS, ensure_roles
from tests.factories import UserFactory


@pytest.fixture
def roles(catalogue, catalogue_en) -> dict[str, Group]:
    return ensure_roles(catalogue=catalogue)


def member_of(role: str, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def trainer(roles):
    return member_of(TRAINERS, "trainer")


@pytest.fixture
def other_trainer(roles):
    return member_of(TRAINERS, "other-trainer")


def course_form(**fields: str) -> dict[str, str]:
    return {
        "title": "Open data for civil servants",
        "slug": "open-data",
        "summary": "How to publish and reuse open government data.",
        "skill_area": "data_ai",
        "level": "beginner",
        "estimated_hours": "2",
        "completion_rule": "all_required",
        # The "Skills built" inline panel's formset, empty.
        "skills_built-TOTAL_FORMS": "0",
        "skills_built-INITIAL_FORMS": "0",
        "skills_built-MIN_NUM_FORMS": "0",
        "skills_built-MAX_NUM_FORMS": "1000",
        **fields,
    }


def speaks(user, language: str):
    """Set the language the user's admin is shown in (their Wagtail account setting)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user
