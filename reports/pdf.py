"""The employee transcript as a bilingual PDF (WeasyPrint, bundled fonts only)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .selectors import Transcript

logger = logging.getLogger(__name__)

# The only files the renderer may read: the project's bundled fonts (Noto Naskh Arabic, Noto Serif).
FONT_DIR = (Path(settings.BASE_DIR) / "static" / "fonts").resolve()


class RefusedURL(Exception):
    pass


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class BundledFontsFetcher(URLFetcher):
        """Reads bundled font files and nothing else: no network, no other file on the server."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                from urllib.request import url2pathname

                path = Path(url2pathname(url.removeprefix("file://").split("?")[0])).resolve()
                if path.is_relative_to(FONT_DIR) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})
            logger.warning("Transcript renderer refused to fetch %s", url[:200])
            raise RefusedURL(url[:200])

    return BundledFontsFetcher()


def render_transcript_pdf(transcript: Transcript) -> bytes:
    """Both languages side by side, whatever the reader's language: the PDF is handed on as it is."""
    from weasyprint import HTML

    # Labels are printed in both languages, so render them with each language explicitly.
    with translation.override("en"):
        html = render_to_string(
            "reports/transcript_pdf.html",
            {"transcript": transcript, "font_dir": FONT_DIR.as_uri()},
        )
    return HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_fetcher()).write_pdf()
