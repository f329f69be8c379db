"""Fixtures of the accounts tests: a clean rate-limit cache, the roles, people with passwords."""

import pytest
from django.core.cache import cache

from tests.builders.roles import roles  # noqa: F401  (fixture)
from tests.factories import EmployeeFactory, UserFactory

PASSWORD = "pass-word-123"


@pytest.fixture(autouse=True)
def clean_rate_limits():
    # The rate limits count in the cache, which the test settings keep in memory across tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ahmed(db):
    return EmployeeFactory(user=UserFactory(username="ahmed", email="ahmed@example.om"), preferred_language="ar").user


@pytest.fixture
def sara(db):
    return EmployeeFactory(user=UserFactory(username="sara", email="sara@example.om"), preferred_language="en").user
