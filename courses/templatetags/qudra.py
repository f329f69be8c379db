"""Template helpers shared by every page: the language switcher and progress display."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page

register = template.Library()


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
            url = translate_url(request.get_full_path(), code)
        info = get_language_info(code)
        links.append({"code": code, "url": url, "name": info["name_local"]})
    return {"links": links}


@register.filter
def localized_page(page: Page) -> Page:
    """The page in the active language when it has been translated, otherwise the page itself."""
    return page.localized
