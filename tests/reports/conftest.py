"""The HR report tests run in the two-ministry world (tests/builders/hr_world.py) and look for leaks."""

from __future__ import annotations

from tests.builders.hr_world import (  # noqa: F401  (fixtures)
    admin_client_,
    administrator,
    hr_a,
    hr_b,
    hr_client,
    trainer,
    world,
)

# Whole names and numbers, so a search term echoed back (?q=Bravo) is not mistaken for a leak.
LEAK_MARKERS = ("Bravo One", "Bravo Two", "برافو", "B-001", "B-002", "Ministry Bravo", "Bravo Directorate")


def assert_no_leak(text: str) -> None:
    for marker in LEAK_MARKERS:
        assert marker not in text, f"ministry B data ({marker!r}) leaked"
