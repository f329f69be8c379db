"""Names without the invisible characters that would make them read differently from how they are stored."""

from __future__ import annotations

import pytest

from common.text import strip_bidi_controls


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Ali\u202eredro", "Aliredro"),  # right-to-left override
        ("\u2067سالم\u2069 Said", "سالم Said"),  # isolates
        ("\u202aAhmed\u202c", "Ahmed"),  # embedding and pop
        ("Mona\u200f \u200eAl-Harthi\u061c", "Mona Al-Harthi"),  # marks
        ("عائشة سالم البلوشية", "عائشة سالم البلوشية"),
        ("Zaid  bin Khalid", "Zaid  bin Khalid"),  # anything else as it was
    ],
)
def test_direction_controls_are_removed_and_nothing_else(written, stored):
    assert strip_bidi_controls(written) == stored
