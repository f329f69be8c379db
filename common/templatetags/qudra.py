"""Template helpers shared by every page: the language switcher, icons and progress display."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page

register = template.Library()


def _swap_language_prefix(path: str, code: str) -> str:
    """The same path under another language prefix (used when the path does not resolve, e.g. a 404)."""
    for other, _name in settings.LANGUAGES:
        prefix = f"/{other}/"
        if path.startswith(prefix):
            return f"/{code}/{path[len(prefix) :]}"
    return f"/{code}/"


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """Links to the current page in every other language, staying on the same page.

    A Wagtail page links to its own translation (its slug may differ); any other view has its
    language prefix swapped. A page with no translation falls back to that language's home.
    """
    request = context.get("request")
    page = context.get("page")
    current = context.get("LANGUAGE_CODE")
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current or request is None:
            continue
        url = None
        if isinstance(page, Page):
            translation = page.get_translation_or_none(Locale.objects.filter(language_code=code).first())
            url = translation.url if translation is not None and translation.live else None
            if url is None:
                url = f"/{code}/"
        else:
            full_path = request.get_full_path()
            url = translate_url(full_path, code)
            if url == full_path:
                # translate_url leaves paths that do not resolve untouched: swap the prefix ourselves.
                url = _swap_language_prefix(full_path, code)
        info = get_language_info(code)
        links.append({"code": code, "url": url, "name": info["name_local"]})
    return {"links": links}


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or None: templates cannot index a dict by a variable."""
    return mapping.get(key) if mapping else None


@register.filter
def completed_count(outline) -> int:
    """How many of the modules that count towards completion the learner has completed."""
    return sum(1 for item in outline.counted if item.completed)


@register.filter
def position_of(outline, page) -> int | None:
    """The 1-based position of a module page in its course outline."""
    for number, item in enumerate(outline.items, start=1):
        if item.module.id == page.id:
            return number
    return None


@register.filter
def with_error_description(field):
    """Render a form field; when it has errors, point its aria-describedby at them (id `<auto_id>_error`)."""
    if not field.errors:
        return field
    return field.as_widget(attrs={"aria-describedby": f"{field.auto_id}_error"})


# Icons drawn for Qudra on a 24-unit grid, stroked in the text colour. They are decorative: the text
# next to them always says the same thing, so they are hidden from assistive technology.
_ICONS = {
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/>',
    "layers": '<path d="m12 3 9 5-9 5-9-5 9-5z"/><path d="m3 13 9 5 9-5"/>',
    "award": '<circle cx="12" cy="9" r="6"/><path d="M8.5 14 7 21l5-3 5 3-1.5-7"/>',
    "check": '<path d="m5 12.5 4.5 4.5L19 7.5"/>',
    "check-circle": '<circle cx="12" cy="12" r="9"/><path d="m8 12.5 3 3 5-6"/>',
    "shield": '<path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6l-8-3z"/><path d="m9 12 2 2 4-4"/>',
    "chart": '<path d="M3 20h18"/><path d="M6 16v-4M11 16V6M16 16v-7M20 16V9"/>',
    "building": '<path d="M3 21h18M5 21V10M19 21V10M9.5 21v-7M14.5 21v-7"/><path d="M12 3 3 8h18l-9-5z"/>',
    "compass": '<circle cx="12" cy="12" r="9"/><path d="m15.5 8.5-2 5-5 2 2-5 5-2z"/>',
    "grid": '<rect x="4" y="4" width="6.5" height="6.5" rx="1.5"/><rect x="13.5" y="4" width="6.5" height="6.5"'
    ' rx="1.5"/><rect x="4" y="13.5" width="6.5" height="6.5" rx="1.5"/><rect x="13.5" y="13.5" width="6.5"'
    ' height="6.5" rx="1.5"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/>',
    "arrow-forward": '<path d="M5 12h14M13 6l6 6-6 6"/>',
    "arrow-back": '<path d="M19 12H5M11 6l-6 6 6 6"/>',
    "globe": '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6'
    '-3.8-5.6-3.8-9S9.5 5.6 12 3z"/>',
    "user": '<circle cx="12" cy="8" r="4"/><path d="M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6"/>',
    "users": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c1.2-3.6 3.7-5.5 6.5-5.5s5.3 1.9 6.5 5.5"/>'
    '<path d="M15.5 4.8a3.5 3.5 0 0 1 0 6.4M17.5 14.8c2 .7 3.3 2.5 4 5.2"/>',
    "logout": '<path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4"/><path d="m9 8-4 4 4 4M5 12h10"/>',
    "book": '<path d="M4 19V5a2 2 0 0 1 2-2h14v14H6a2 2 0 0 0-2 2zm0 0a2 2 0 0 0 2 2h14"/>',
    "bell": '<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2z"/><path d="M10 20a2 2 0 0 0 4 0"/>',
    "alert": '<path d="M12 3 2 20h20L12 3z"/><path d="M12 10v4M12 17h.01"/>',
    "info": '<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5h.01"/>',
    "level": '<path d="M5 20v-5M12 20V10M19 20V4"/>',
    "home": '<path d="m3 11 9-8 9 8"/><path d="M5 9.5V21h14V9.5"/>',
    "file": '<path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8l-5-5z"/><path d="M14 3v5h5"/>',
    "lightbulb": '<path d="M9 18h6M10 21h4"/><path d="M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6'
    ' 6 0 0 0 12 3z"/>',
    "lock": '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "menu": '<path d="M4 6h16M4 12h16M4 18h16"/>',
    "list": '<path d="M9 6h11M9 12h11M9 18h11"/><path d="M4 6h.01M4 12h.01M4 18h.01"/>',
    "filter": '<path d="M4 5h16l-6 7.5V19l-4 2v-8.5L4 5z"/>',
    "admin": '<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9 7 7M17 17l2.1 2.1M4.9'
    ' 19.1 7 17M17 7l2.1-2.1"/>',
}
# Icons that point along the reading direction; the stylesheet mirrors them in right-to-left pages.
_DIRECTIONAL = {"arrow-forward", "arrow-back", "logout"}

SKILL_AREA_ICONS = {
    "digital_services": "building",
    "cybersecurity": "shield",
    "data_ai": "chart",
    "productivity_tools": "grid",
    "digital_leadership": "compass",
}


@register.simple_tag
def icon(name: str, css_class: str = "") -> str:
    """An inline SVG icon from Qudra's fixed set; unknown names render nothing."""
    shapes = _ICONS.get(name)
    if shapes is None:
        return ""
    classes = " ".join(
        filter(None, ["icon", f"icon-{name}", "icon-directional" if name in _DIRECTIONAL else "", css_class])
    )
    # The shapes are constants of this module, never user or author input.
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">{}</svg>',
        classes,
        mark_safe(shapes),  # noqa: S308
    )


@register.simple_tag
def skill_area_icon(skill_area: str, css_class: str = "") -> str:
    """The icon that stands for a course's skill area."""
    return icon(SKILL_AREA_ICONS.get(skill_area, "book"), css_class)
