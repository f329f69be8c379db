"""Catalogue search finds Arabic as people type it, on PostgreSQL and SQLite alike, most relevant first."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.factories import add_course, add_module


def titles_found(client, query: str) -> list[str]:
    page = client.get("/ar/", {"q": query})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".course-card .card-title")]


@pytest.fixture
def arabic_courses(catalogue):
    courses = {
        "shadda": add_course(catalogue, title="الوعي بالتصيّد الاحتيالي", modules=0),
        "plain": add_course(catalogue, title="مبادئ التصيد", modules=0),
        "hamza": add_course(catalogue, title="الأمن في العمل", modules=0),
        "bare": add_course(catalogue, title="الامن الرقمي", modules=0),
        "article": add_course(catalogue, title="الوعي السيبراني", modules=0),
        "no article": add_course(catalogue, title="أساسيات سيبراني", modules=0),
        "unrelated": add_course(catalogue, title="إدارة المشاريع", modules=0),
    }
    for course in courses.values():
        add_module(course, title="مقدمة", body=[{"type": "paragraph", "value": "<p>محتوى عام</p>"}])
    return {name: course.title for name, course in courses.items()}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # The three spellings learners type, and their reverses: each finds both ways of writing it.
        ("التصيد", {"shadda", "plain"}),
        ("التصيّد", {"shadda", "plain"}),
        ("الامن", {"hamza", "bare"}),
        ("الأمن", {"hamza", "bare"}),
        ("سيبراني", {"article", "no article"}),
        ("السيبراني", {"article", "no article"}),
    ],
)
def test_arabic_spellings_find_each_other(client, arabic_courses, query, found):
    listed = titles_found(client, query)

    assert sorted(listed) == sorted(arabic_courses[name] for name in found)
    assert arabic_courses["unrelated"] not in listed


def test_a_title_match_ranks_above_a_match_in_a_module(client, catalogue):
    add_course(catalogue, title="أ مقدمة عامة", modules=0)
    in_module = add_course(catalogue, title="أ دورة أولى", modules=0)
    add_module(in_module, title="الوحدة", body=[{"type": "paragraph", "value": "<p>حماية البيانات الشخصية</p>"}])
    in_title = add_course(catalogue, title="ي حماية البيانات", modules=0)
    add_module(in_title, title="الوحدة", body=[{"type": "paragraph", "value": "<p>نص</p>"}])

    # Alphabetically the module match would come first; relevance puts the title match first.
    assert titles_found(client, "حماية البيانات") == [in_title.title, in_module.title]


def test_english_search_still_works(client, catalogue):
    add_course(catalogue, title="Phishing awareness", modules=1)
    add_course(catalogue, title="Project management", modules=1)

    assert titles_found(client, "PHISHING") == ["Phishing awareness"]


def test_the_admin_page_search_folds_arabic_too(client, arabic_courses, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.om", "pw-12345-xyz"))

    page = client.get("/admin/pages/search/", {"q": "السيبراني"})

    assert page.status_code == 200
    html = page.content.decode()
    assert arabic_courses["no article"] in html and arabic_courses["article"] in html
    assert arabic_courses["unrelated"] not in html
