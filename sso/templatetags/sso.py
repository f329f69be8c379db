"""The single sign-on button for the login pages, and whether they still offer the password form."""

from django import template

from sso import conf

register = template.Library()


@register.inclusion_tag("sso/includes/sign_in.html", takes_context=True)
def sso_sign_in(context, position: str, admin: bool = False) -> dict:
    """The button, at ``position`` "first" (passwords restricted) or "last" (passwords for all)."""
    shown = conf.enabled() and (position == "first") == conf.sign_in_button_first()
    return {
        "shown": shown,
        "first": position == "first",
        "admin": admin,
        "next": context.get("next", ""),
        "password_form": conf.password_form_offered(),
    }


@register.simple_tag
def sso_password_form_offered() -> bool:
    return conf.password_form_offered()
