"""Admin-wide corrections: menu labels that other apps translate once, for whoever asked first, and a report
shown only to those who use it.

Wagtail builds each menu once per process and keeps its items. wagtail-localize's "Translations"
report and Wagtail's "What's new in Wagtail" help item translate their label when the item is built,
so every later visitor read it in the language of the first request after a restart (English in the
Arabic admin, or the reverse). Their labels are replaced by lazy ones, translated on every request.
"""

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.utils.version import get_main_version


def _whats_new_label() -> str:
    return gettext("What's new in Wagtail %(version)s") % {"version": get_main_version(include_patch=False)}


whats_new_label = lazy(_whats_new_label, str)


@hooks.register("construct_reports_menu")
def translate_reports_menu(request, menu_items: list) -> None:
    """wagtail-localize shows its report to everyone with admin access; only those who translate need it."""
    translations_report = reverse("wagtail_localize:translations_report")
    for item in list(menu_items):
        if item.url != translations_report:
            continue
        if request.user.has_perm("wagtail_localize.submit_translation"):
            item.label = gettext_lazy("Translations")
        else:
            menu_items.remove(item)


@hooks.register("construct_help_menu")
def translate_help_menu(request, menu_items: list) -> None:
    for item in menu_items:
        if item.name.startswith("whats-new-in-wagtail-"):
            item.label = whats_new_label()
