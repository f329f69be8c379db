"""Certificate PDFs: HTML from a Django template, laid out by WeasyPrint with bundled fonts only.

A renderer is built once per process and reused: the font configuration, the parsed stylesheet and
the decoded static images are shared between renders, which is most of WeasyPrint's cost per
document. Nothing outside the bundled assets can be fetched while rendering (see `common.fetchers`).

The renderer works on plain data (``CertificateData``, ``Look``) and imports no model: the models
import it (a template's preview is the real renderer), services feed it certificates.
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from common.fetchers import MEMORY_SCHEME, bundled_assets_fetcher
from common.formatting import format_date, format_number
from common.text import strip_bidi_controls

from .codes import format_code

if TYPE_CHECKING:  # for annotations only: the models import this module
    from .models import CertificateTemplate

logger = logging.getLogger(__name__)

ASSET_DIR = Path(__file__).resolve().parent / "assets"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
# Everything the renderer may read from disk; anything else is refused.
ALLOWED_DIRS = (ASSET_DIR, FONT_DIR)
DEFAULT_ACCENT = "#0f5b4f"
QR_MASK = 4
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a template's wording may contain; the renderer fills each one (see ``page_context``).
PLACEHOLDERS = ("holder", "course", "hours", "date", "code")
PLACEHOLDER_PATTERN = re.compile(r"\{([a-z_]*)\}")

HARFBUZZ_WARNING = (
    "WeasyPrint cannot use HarfBuzz to subset fonts (libharfbuzz-subset is missing or older than 4.1); "
    "it falls back to fontTools and certificates render about five times slower. "
    "Install it: apt-get install libharfbuzz-subset0"
)


def harfbuzz_subsetting_available() -> bool:
    """Whether WeasyPrint will subset fonts with HarfBuzz (fast) rather than fontTools (slow)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def check_harfbuzz_subsetting() -> bool:
    available = harfbuzz_subsetting_available()
    if not available:
        logger.warning(HARFBUZZ_WARNING)
    return available


def clean_text(value: str) -> str:
    """Text as it may appear on a certificate: no control characters, and no direction controls, which could
    reorder the text printed around them and make a certificate read differently from what was issued."""
    return _CONTROL_CHARS.sub("", strip_bidi_controls(value or "")).strip()


@dataclass(frozen=True)
class Look:
    """The parts of a CertificateTemplate the renderer needs, detached from the database."""

    title_ar: str
    title_en: str
    body_ar: str
    body_en: str
    signatory_name_ar: str = ""
    signatory_name_en: str = ""
    signatory_title_ar: str = ""
    signatory_title_en: str = ""
    accent_colour: str = DEFAULT_ACCENT
    # In-memory images (PNG/JPEG/SVG bytes) keyed by a stable name, e.g. "logo-12-<file>".
    logo: tuple[str, bytes, str] | None = None
    signature: tuple[str, bytes, str] | None = None


@dataclass(frozen=True)
class CertificateData:
    """Everything printed on one certificate."""

    code: str
    holder_name_ar: str
    holder_name_en: str
    course_title_ar: str
    course_title_en: str
    hours: int
    issued_on: datetime.date
    expires_on: datetime.date | None
    verify_url: str
    look: Look = field(repr=False, default=None)  # type: ignore[assignment]


class _BoundedCache(OrderedDict):
    """WeasyPrint's image cache, bounded so a long-lived worker does not keep every QR code it drew."""

    def __init__(self, size: int = 64):
        super().__init__()
        self.size = size

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


def _segments(text: str, values: dict[str, tuple[str, str]]) -> list[dict]:
    """Split template text into plain text and placeholder values; values are never re-scanned,
    so a name that contains "{course}" prints literally."""
    segments: list[dict] = []
    position = 0
    for match in PLACEHOLDER_PATTERN.finditer(text):
        if match.start() > position:
            segments.append({"text": text[position : match.start()]})
        name = match.group(1)
        if name in values:
            value, direction = values[name]
            # Names, titles and codes are isolated (<bdi>); an empty direction means plain text in
            # the block's own language (numbers, dates), which needs no isolation.
            if direction:
                segments.append({"text": value, "placeholder": name, "dir": direction})
            else:
                segments.append({"text": value})
        else:
            segments.append({"text": match.group(0)})
        position = match.end()
    if position < len(text):
        segments.append({"text": text[position:]})
    return segments


def _localized_date(value: datetime.date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return format_date(value)


def _name_size(name: str) -> str:
    """A size class so long names shrink instead of pushing the certificate onto a second page."""
    length = len(name)
    if length > 120:
        return "huge"
    return "long" if length > 70 else "medium" if length > 40 else "short"


def _qr_png(url: str) -> bytes:
    """The QR code as a PNG with one pixel per module, scaled up without smoothing by the stylesheet.
    WeasyPrint draws an SVG QR code path segment by path segment (~25 ms); a tiny PNG costs ~1 ms."""
    import segno

    buffer = io.BytesIO()
    # A fixed mask skips segno's evaluation of all eight (~8 ms, most of the QR cost). Any mask is
    # valid and decodes the same; the evaluation only lowers a penalty score.
    segno.make_qr(url, error="m", mask=QR_MASK).save(buffer, kind="png", scale=1, border=0, dark="#111111")
    return buffer.getvalue()


def page_context(data: CertificateData, memory: dict[str, tuple[bytes, str]]) -> dict:
    """The template context of one certificate page; registers its images in `memory`."""
    look = data.look
    names = {
        "ar": clean_text(data.holder_name_ar) or clean_text(data.holder_name_en),
        "en": clean_text(data.holder_name_en) or clean_text(data.holder_name_ar),
    }
    titles = {
        "ar": clean_text(data.course_title_ar) or clean_text(data.course_title_en),
        "en": clean_text(data.course_title_en) or clean_text(data.course_title_ar),
    }
    code = format_code(data.code)
    qr_key = f"qr-{data.code}.png"
    memory[qr_key] = (_qr_png(data.verify_url), "image/png")
    images = {}
    for name, image in (("logo", look.logo), ("signature", look.signature)):
        if image is not None:
            key, body, mime_type = image
            memory[key] = (body, mime_type)
            images[name] = MEMORY_SCHEME + key
    sides = {}
    for language, direction in (("ar", "rtl"), ("en", "ltr")):
        with translation.override(language):
            hours = format_number(data.hours)
        values = {
            "holder": (names[language], direction),
            "course": (titles[language], direction),
            "hours": (hours, ""),
            "date": (_localized_date(data.issued_on, language), ""),
            "code": (code, "ltr"),
        }
        assert set(values) == set(PLACEHOLDERS)
        sides[language] = {
            "lang": language,
            "dir": direction,
            "title": clean_text(getattr(look, f"title_{language}")),
            "body": _segments(clean_text(getattr(look, f"body_{language}")), values),
            "signatory_name": clean_text(getattr(look, f"signatory_name_{language}")),
            "signatory_title": clean_text(getattr(look, f"signatory_title_{language}")),
            "issued": values["date"][0],
            "expires": _localized_date(data.expires_on, language),
            "name_size": _name_size(names[language]),
        }
    accent = look.accent_colour if _COLOUR.match(look.accent_colour or "") else DEFAULT_ACCENT
    return {
        "ar": sides["ar"],
        "en": sides["en"],
        "code": code,
        "verify_url": data.verify_url,
        "qr_url": MEMORY_SCHEME + qr_key,
        "images": images,
        "accent": accent,
    }


def certificate_html(items: list[CertificateData], memory: dict[str, tuple[bytes, str]]) -> str:
    return render_to_string(
        "certificates/pdf/certificate.html",
        {"pages": [page_context(item, memory) for item in items]},
    )


class CertificateRenderer:
    """Renders certificates with shared fonts, stylesheet and image cache. One per process; not
    thread-safe (WeasyPrint's font configuration is not), so `get_renderer` keeps one per thread."""

    def __init__(self) -> None:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        user_agent = CSS(filename=str(ASSET_DIR / "ua.css"))

        class CertificateHTML(HTML):
            # A small user-agent stylesheet instead of WeasyPrint's HTML5 one (see assets/ua.css).
            def _ua_stylesheets(self, forms=False):
                return [user_agent]

            def _ph_stylesheets(self):
                return []

        self.html_class = CertificateHTML
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(
            filename=str(ASSET_DIR / "certificate.css"),
            font_config=self.font_config,
            url_fetcher=bundled_assets_fetcher(ALLOWED_DIRS),
        )
        self.image_cache = _BoundedCache()

    def _document(self, items: list[CertificateData]):
        memory: dict[str, tuple[bytes, str]] = {}
        html = certificate_html(items, memory)
        return self.html_class(
            string=html,
            base_url=ASSET_DIR.as_uri() + "/",
            url_fetcher=bundled_assets_fetcher(ALLOWED_DIRS, memory),
        ).render(stylesheets=[self.stylesheet], font_config=self.font_config, cache=self.image_cache)

    def render(self, data: CertificateData) -> bytes:
        document = self._document([data])
        if len(document.pages) != 1:
            # The layout clips rather than overflows; if it ever does not, keep the certificate page.
            logger.error("Certificate %s laid out as %s pages", data.code, len(document.pages))
            document = document.copy(document.pages[:1])
        return document.write_pdf()

    def render_many(self, items: list[CertificateData]) -> list[bytes]:
        """One PDF per certificate. Laying several out as one document and splitting it was measured
        slower: each split PDF still subsets the fonts of the whole batch (see docs/performance.md)."""
        return [self.render(item) for item in items]


_local = threading.local()


def get_renderer() -> CertificateRenderer:
    renderer = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = CertificateRenderer()
    return renderer


def _image_asset(image, kind: str) -> tuple[str, bytes, str] | None:
    """A bounded-size PNG rendition of a Wagtail image, read through Django's storage."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("max-800x300|format-png")
        with rendition.file.open("rb") as handle:
            body = handle.read()
    except (OSError, ValueError) as error:
        logger.warning("Certificate %s image %s cannot be read: %s", kind, image.pk, error)
        return None
    return (f"{kind}-{image.pk}-{rendition.pk}.png", body, "image/png")


_look_cache: dict[tuple, Look] = {}


def look_for(template: CertificateTemplate, *, cached: bool = True) -> Look:
    """The renderer's view of a template; cached per saved version so images are read once.
    Previews pass ``cached=False``: they show unsaved edits of a template that has a saved version."""
    key = (template.pk, template.updated_at) if (template.pk and cached) else None
    if key is not None and key in _look_cache:
        return _look_cache[key]
    look = Look(
        title_ar=template.title_ar,
        title_en=template.title_en,
        body_ar=template.body_ar,
        body_en=template.body_en,
        signatory_name_ar=template.signatory_name_ar,
        signatory_name_en=template.signatory_name_en,
        signatory_title_ar=template.signatory_title_ar,
        signatory_title_en=template.signatory_title_en,
        accent_colour=template.accent_colour,
        logo=_image_asset(template.logo, "logo"),
        signature=_image_asset(template.signature, "signature"),
    )
    if key is not None:
        if len(_look_cache) > 32:
            _look_cache.clear()
        _look_cache[key] = look
    return look


def render_sample(*, template: CertificateTemplate) -> bytes:
    """The template rendered with sample data: what its preview shows."""
    today = datetime.date.today()
    data = CertificateData(
        code="QD7K3M9XR2TB8VHC",
        holder_name_ar="عائشة سالم البلوشية",
        holder_name_en="Aisha Salim Al-Balushi",
        course_title_ar="أساسيات الخدمات الحكومية الرقمية",
        course_title_en="Digital Government Services Fundamentals",
        hours=6,
        issued_on=today,
        expires_on=today.replace(year=today.year + 2) if not (today.month == 2 and today.day == 29) else None,
        verify_url=f"{settings.WAGTAILADMIN_BASE_URL}/ar/verify/QD7K-3M9X-R2TB-8VHC/",
        look=look_for(template, cached=False),
    )
    return get_renderer().render(data)
