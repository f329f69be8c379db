"""System check: warn at deploy time when WeasyPrint would subset fonts the slow way."""

from django.core.checks import Warning, register

from .rendering import HARFBUZZ_WARNING, harfbuzz_subsetting_available


@register(deploy=True)
def harfbuzz_subsetting(app_configs, **kwargs):
    if harfbuzz_subsetting_available():
        return []
    return [Warning(HARFBUZZ_WARNING, id="certificates.W001")]
