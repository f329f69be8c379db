"""Text as a person's name may be shown: the one rule for invisible direction controls.

Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and the direction marks (U+200E,
U+200F, U+061C) change the order in which the characters around them are displayed: "Ali\u202eredro"
reads differently on a page than its letters are stored. A name is always shown in an element with its
own direction (``<bdi dir>``), so it never needs one of them; every name is stored without them, and the
public pages and the PDF show that same stored value.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(value: str) -> str:
    """``value`` without direction controls or marks; other text, spacing included, as it was."""
    return BIDI_CONTROLS.sub("", value)
