"""The employee transcript as a bilingual PDF (WeasyPrint, bundled fonts only)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header

from common.fetchers import bundled_assets_fetcher

from .transcripts import Transcript

# The only files the renderer may read: the project's bundled fonts (Noto Naskh Arabic, Noto Serif).
FONT_DIR = (Path(settings.BASE_DIR) / "static" / "fonts").resolve()


def render_transcript_pdf(transcript: Transcript) -> bytes:
    """Both languages side by side, whatever the reader's language: the PDF is handed on as it is."""
    from weasyprint import HTML

    # Labels are printed in both languages, so render them with each language explicitly.
    with translation.override("en"):
        html = render_to_string(
            "reports/transcript_pdf.html",
            {"transcript": transcript, "font_dir": FONT_DIR.as_uri()},
        )
    return HTML(
        string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=bundled_assets_fetcher([FONT_DIR])
    ).write_pdf()


def transcript_pdf_response(transcript: Transcript) -> HttpResponse:
    """The PDF as a download named after the employee number, for HR and for the learner alike."""
    response = HttpResponse(render_transcript_pdf(transcript), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"transcript-{transcript.employee.employee_number}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
