"""Arabic text folded for comparison: one rule for the quiz grader and for search, on both sides.

Learners type Arabic the way they write it by hand or on a phone: without tashkeel, with a bare alef
for أ/إ/آ, ي for ى, ه for ة, and with or without the article. Authors write it properly. Folding both
to the same letters makes the two meet; the folded text is only ever compared, never shown.
"""

from __future__ import annotations

import re
import unicodedata

# Short vowels, shadda, sukun, tanwin, Quranic marks, the superscript alef and tatweel (kashida).
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Hamza carriers fold to their bare letter: أ إ آ ٱ → ا, ؤ → و, ئ → ي; ى → ي and ة → ه, which
# handwriting and keyboards swap freely at the end of a word.
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه"})
# Arabic-Indic and Extended Arabic-Indic digits, as Western digits (NFKC leaves them alone).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# The article and the particles written joined to it ("والأمن", "بالبيانات", "للموظفين"), longest first.
_ARTICLE = re.compile("^(?:وال|فال|بال|كال|لل|ال)")
# A word keeps at least this many letters after its prefix is taken off, so "الله" or "ال" stay whole.
_MIN_STEM = 3
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """NFKC, without tashkeel and tatweel, hamza and final-letter variants folded, digits Western,
    case folded, runs of spaces as one."""
    text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text).translate(_LETTERS).translate(_DIGITS)
    return " ".join(text.casefold().split())


def _stem(word: str) -> str:
    match = _ARTICLE.match(word)
    if match and len(word) - match.end() >= _MIN_STEM:
        return word[match.end() :]
    return word


def search_terms(text: str) -> str:
    """The words search compares: folded, each without a leading article (and the particle joined to
    it), so "السيبراني", "سيبراني" and "والسيبراني" are one term. The same function runs on the indexed
    text and on the query."""
    return " ".join(_stem(word) for word in _WORD.findall(fold(text)))
