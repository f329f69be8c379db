"""What the PDF says and what the renderer may touch: text, languages, hostile input, fetching."""

from __future__ import annotations

import datetime
import io
import logging
import unicodedata

import pytest
from pypdf import PdfReader

from certificates.codes import CODE_ALPHABET, format_code, new_code, normalise_code
from certificates.rendering import ALLOWED_DIRS, ASSET_DIR, FONT_DIR, CertificateData, Look, get_renderer
from certificates.services import DEFAULT_WORDING
from common.fetchers import RefusedURL, bundled_assets_fetcher

LOOK = Look(**DEFAULT_WORDING, signatory_name_en="Khalid Ahmed Al-Hinai", signatory_name_ar="خالد أحمد الهنائي")


def data(**overrides) -> CertificateData:
    fields = {
        "code": "QD7K3M9XR2TB8VHC",
        "holder_name_ar": "عائشة سالم البلوشية",
        "holder_name_en": "Aisha Salim Al-Balushi",
        "course_title_ar": "أساسيات الخدمات الحكومية الرقمية",
        "course_title_en": "Digital Government Services Fundamentals",
        "hours": 6,
        "issued_on": datetime.date(2026, 3, 5),
        "expires_on": datetime.date(2028, 3, 5),
        "verify_url": "http://127.0.0.1:8000/ar/verify/QD7K-3M9X-R2TB-8VHC/",
        "look": LOOK,
    }
    fields.update(overrides)
    return CertificateData(**fields)


def pdf_text(content: bytes) -> tuple[int, str]:
    """Page count and the text with all whitespace removed (line breaks fall anywhere in a long name)."""
    reader = PdfReader(io.BytesIO(content))
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    return len(reader.pages), "".join(text.split())


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_the_pdf_is_one_a4_landscape_page_with_both_languages_and_the_code():
    content = get_renderer().render(data())
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape, in points
    pages, text = pdf_text(content)
    assert pages == 1
    for expected in (
        "Aisha Salim Al-Balushi",
        "عائشة سالم البلوشية",
        "Digital Government Services Fundamentals",
        "أساسيات الخدمات الحكومية الرقمية",
        "QD7K-3M9X-R2TB-8VHC",
        "Certificate of Completion",
        "شهادة إتمام",
        "5 March 2026",
        "5 March 2028",
        "مارس",  # the Arabic date uses Arabic month names
        "Khalid Ahmed Al-Hinai",
    ):
        assert squeeze(expected) in text, expected


def test_fonts_are_the_bundled_ones_and_embedded():
    reader = PdfReader(io.BytesIO(get_renderer().render(data())))
    fonts = {}
    for resource in reader.pages[0]["/Resources"]["/Font"].values():
        font = resource.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        fonts[str(font["/BaseFont"]).split("+")[-1]] = "/FontFile2" in descriptor
    # Only the @font-face families of the stylesheet (named after them), each embedded as a subset:
    # no system font was used, so the output is the same on every machine.
    assert fonts == {"Qudra-Arabic": True, "Qudra-Arabic-Bold": True, "Qudra-Latin": True, "Qudra-Latin-Bold": True}
    assert (FONT_DIR / "noto-naskh-arabic" / "OFL.txt").exists()
    assert (FONT_DIR / "noto-serif" / "OFL.txt").exists()


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "</bdi><img src='http://127.0.0.1:9/x.png'>",
        "Robert'); url(http://127.0.0.1:9/) {course} {{ code }}",
        "<style>@import 'file:///etc/passwd';</style>",
    ],
)
def test_hostile_names_render_as_text(hostile):
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    renderer_logger = logging.getLogger("certificates.rendering")
    renderer_logger.addHandler(handler)
    try:
        content = get_renderer().render(data(holder_name_en=hostile, holder_name_ar=f"محمد {hostile}"))
    finally:
        renderer_logger.removeHandler(handler)
    pages, text = pdf_text(content)
    assert pages == 1
    assert squeeze(hostile) in text
    # The name never became markup: the fetcher was not even asked for a foreign URL.
    assert [record.getMessage() for record in records] == []


def test_bidi_overrides_are_removed_from_names():
    content = get_renderer().render(data(holder_name_en="Aisha\u202e ihsulaB-lA\u202c"))
    _pages, text = pdf_text(content)
    assert "\u202e" not in text
    assert squeeze("Aisha ihsulaB-lA") in text


def test_very_long_names_stay_on_one_page():
    content = get_renderer().render(
        data(holder_name_en="W" * 255, holder_name_ar="ب" * 255, course_title_en="X " * 120)
    )
    pages, text = pdf_text(content)
    assert pages == 1
    assert "QD7K-3M9X-R2TB-8VHC" in text


def test_a_batch_splits_into_one_pdf_per_certificate():
    items = [data(code=new_code(), holder_name_en=f"Learner {index}") for index in range(3)]
    pdfs = get_renderer().render_many(items)
    assert len(pdfs) == 3
    for index, content in enumerate(pdfs):
        pages, text = pdf_text(content)
        assert pages == 1
        assert f"Learner{index}" in text
        assert format_code(items[index].code) in text


def test_the_fetcher_serves_bundled_assets_only():
    fetcher = bundled_assets_fetcher(ALLOWED_DIRS, {"qr.png": (b"png-bytes", "image/png")})
    assert fetcher.fetch("qudra-asset:qr.png").read() == b"png-bytes"
    assert fetcher.fetch((ASSET_DIR / "emblem.svg").as_uri()).read().startswith(b"<svg")
    assert fetcher.fetch((FONT_DIR / "noto-serif" / "NotoSerif-Regular.ttf").as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    for url in (
        "http://127.0.0.1:9/x.png",
        "https://example.org/font.ttf",
        "file:///etc/passwd",
        (ASSET_DIR / ".." / "models.py").as_uri(),
        "data:image/png;base64,iVBORw0KGgo=",
        "qudra-asset:not-registered.png",
        "ftp://127.0.0.1/x",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_codes_have_80_random_bits_in_an_unambiguous_alphabet():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 16 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(CODE_ALPHABET) ** 16 >= 2**80
    assert not set("ILOU") & set(CODE_ALPHABET)
    assert format_code("QD7K3M9XR2TB8VHC") == "QD7K-3M9X-R2TB-8VHC"
    # People type codes loosely: case, spaces, dashes and look-alike letters are forgiven.
    assert normalise_code("qd7k 3m9x-r2tb 8vhc") == "QD7K3M9XR2TB8VHC"
    assert normalise_code("O0IL-0000-0000-0000") == "0011000000000000"
    assert normalise_code("QD7K-3M9X-R2TB-8VH") is None
    assert normalise_code("QD7K-3M9X-R2TB-8VHU") is None
    assert normalise_code("<script>") is None
