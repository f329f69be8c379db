"""The employee transcript (screen and bilingual PDF) and the HR dashboard panel on the admin home."""

from __future__ import annotations

import io
import re

from django.urls import reverse
from pypdf import PdfReader
from wagtail.users.models import UserProfile

from stats.services import refresh_report_stats


def test_transcript_lists_every_course_including_past_cycles(hr_client, world):
    employee = world.employees["a1"]
    page = hr_client.get(reverse("hr_report_transcripts:detail", args=[employee.pk])).content.decode()
    assert "Alpha One" in page and "ألفا واحد" in page
    assert page.count("Digital transformation") >= 2, "the current and the past cycle"
    assert "(history)" in page
    assert "90%" in page, "average quiz score"
    assert "1 course completed." not in page
    assert "2 courses completed." in page and re.search(r"\d+ hours of training\.", page)


def test_transcript_pdf_is_bilingual(hr_client, world):
    employee = world.employees["a1"]
    response = hr_client.get(reverse("hr_report_transcripts:pdf", args=[employee.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="transcript-A-001.pdf"' in response["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Alpha One" in text and "Training transcript" in text
    assert "Digital transformation" in text
    # Arabic is embedded as shaped glyphs from the bundled fonts, not from whatever the server has.
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(response.content)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Embedded under the @font-face names, so these came from static/fonts (Noto Naskh Arabic, Noto Serif).
    assert any(font.endswith("+Transcript-Arabic") for font in fonts), fonts
    assert any(font.endswith("+Transcript-Latin") for font in fonts), fonts


def test_transcript_search_finds_people_in_scope(hr_client, world):
    response = hr_client.get(reverse("hr_report_transcripts:index"), {"q": "Alpha T"})
    assert {employee.employee_number for employee in response.context["object_list"]} == {"A-002", "A-003"}


def test_dashboard_panel_has_charts_with_data_tables(hr_client, world):
    page = hr_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="hr-dashboard"' in page or "Training in your organisation" in page
    for title in ("Completion by unit", "Completions per week", "Overdue by unit"):
        assert title in page
    assert page.count('role="img"') >= 3
    assert page.count("<table") >= 3
    assert "Show the data as a table" in page
    # Completion by unit: one bar per directorate, the figures as text too.
    assert "Alpha Directorate One" in page and "33%" in page


def test_dashboard_mirrors_for_arabic(hr_client, hr_a, world):
    profile = UserProfile.get_for_user(hr_a)
    profile.preferred_language = "ar"
    profile.save()
    page = hr_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'dir="rtl"' in page
    # In Arabic the unit labels sit at the right edge and bars grow leftwards from them.
    assert re.search(r'<text x="560\.0" y="[\d.]+" text-anchor="end" fill="currentColor">مديرية ألفا الأولى', page)


def test_dashboard_uses_fresh_statistics_and_says_so(hr_client, world):
    refresh_report_stats()
    page = hr_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Figures for Ministry Alpha as of" in page
    assert "33%" in page


def test_no_dashboard_for_trainers(client, trainer, world):
    client.force_login(trainer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Completion by unit" not in page
