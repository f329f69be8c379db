"""A small two-ministry world for the HR report tests: ministry A (Alpha) and ministry B (Bravo).

Everything of ministry B carries "Bravo" or "B-" so a leak into anything an HR officer of A sees is
easy to spot.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from people.services import ADMINISTRATORS, HR_OFFICERS, TRAINERS
from tests.builders.hr_world import build_hr_world, staff_member

# Whole names and numbers, so a search term echoed back (?q=Bravo) is not mistaken for a leak.
LEAK_MARKERS = ("Bravo One", "Bravo Two", "برافو", "B-001", "B-002", "Ministry Bravo", "Bravo Directorate")


def assert_no_leak(text: str) -> None:
    for marker in LEAK_MARKERS:
        assert marker not in text, f"ministry B data ({marker!r}) leaked"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back afterwards; each test
    runs in a savepoint within it. Building pages with revisions is slow, so this keeps the suite fast."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_hr_world()
        transaction.set_rollback(True)


@pytest.fixture
def hr_a(db, world):
    return staff_member("hr.alpha", HR_OFFICERS, world.units["A"], "HR-A", scope=world.units["A"])


@pytest.fixture
def hr_b(db, world):
    return staff_member("hr.b", HR_OFFICERS, world.units["B"], "HR-B0", scope=world.units["B"])


@pytest.fixture
def administrator(db, world):
    return staff_member("administrator", ADMINISTRATORS, world.units["A"], "ADM-1")


@pytest.fixture
def trainer(db, world):
    return staff_member("trainer", TRAINERS, world.units["A"], "TRN-1")


@pytest.fixture
def hr_client(client, hr_a):
    client.force_login(hr_a)
    return client


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client
