"""The one Arabic folding rule, shared by the quiz grader and search."""

from __future__ import annotations

import pytest

from common.arabic import fold, search_terms


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("التصيّد", "التصيد"),  # shadda
        ("الأَمْنُ", "الامن"),  # harakat and hamza on alef
        ("إدارة", "اداره"),  # hamza under alef, taa marbuta
        ("آمن", "امن"),  # madda
        ("مستوى", "مستوي"),  # alef maqsura
        ("مؤسسة", "موسسه"),  # hamza on waw
        ("مسئول", "مسيول"),  # hamza on yaa
        ("رقمـــي", "رقمي"),  # tatweel
        ("عام ٢٠٤٠", "عام 2040"),  # Arabic-Indic digits
        ("  Two-Factor\tAuthentication ", "two-factor authentication"),
    ],
)
def test_fold(written, folded):
    assert fold(written) == folded


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("السيبراني", "سيبراني"),
        ("والسيبراني بالبيانات للموظفين", "سيبراني بيانات موظفين"),
        ("فالأمن كالتصيّد", "امن تصيد"),
        ("الله", "الله"),  # too short once the article is off: kept whole
        ("Phishing e-mail", "phishing e mail"),
    ],
)
def test_search_terms_drop_the_article_and_the_particles_joined_to_it(text, terms):
    assert search_terms(text) == terms
