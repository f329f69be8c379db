"""The one rule for choosing between a record's Arabic and English field: the active language decides.

Records keep both languages side by side (``name_ar``/``name_en``); every place that shows one of
them asks here, so a regional variant such as ``ar-om`` or a missing activation behaves the same
everywhere.
"""

from __future__ import annotations

from typing import TypeVar

from django.utils.translation import get_language

T = TypeVar("T")

ARABIC = "ar"
ENGLISH = "en"


def current_language(default: str = ARABIC) -> str:
    """The active interface language reduced to ``ar`` or ``en`` (Arabic when none is active)."""
    code = (get_language() or default).lower()
    return ARABIC if code.startswith(ARABIC) else ENGLISH


def is_arabic() -> bool:
    return current_language() == ARABIC


def pick(arabic: T, english: T, *, language: str | None = None) -> T:
    """The Arabic or the English value, by ``language`` or else the active language."""
    chosen = current_language() if language is None else (ARABIC if language.lower().startswith(ARABIC) else ENGLISH)
    return arabic if chosen == ARABIC else english


def field_suffix(language: str | None = None) -> str:
    """``_ar`` or ``_en``: the suffix of the bilingual field to read or order by."""
    return "_" + (current_language() if language is None else pick(ARABIC, ENGLISH, language=language))
