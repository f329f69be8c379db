"""Reading a PDF the way a person would: its text, extracted by poppler's ``pdftotext``."""

from __future__ import annotations

import re
import shutil
import subprocess

# pdftotext wraps right-to-left runs in embedding marks; a reader does not see them.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(content: bytes) -> str:
    """The text of every page with its spacing collapsed, so a phrase the layout wrapped still reads whole."""
    assert content.startswith(b"%PDF-"), "not a PDF"
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is not installed"
    result = subprocess.run([pdftotext, "-layout", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return " ".join(BIDI_MARKS.sub("", result.stdout.decode("utf-8")).split())
