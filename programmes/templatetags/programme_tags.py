"""Programme sections that pages of other apps show: "My learning" and the catalogue."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("programmes/includes/my_programmes.html", takes_context=True)
def my_programmes(context) -> dict:
    """The signed-in learner's programmes with their progress (nothing for anyone else)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    outlines = selectors.learner_programmes(user=user) if user is not None and user.is_authenticated else []
    return {"outlines": outlines, "request": request}


@register.inclusion_tag("programmes/includes/catalogue_programmes.html", takes_context=True)
def catalogue_programmes(context, catalogue) -> dict:
    return {"programmes": list(selectors.catalogue_programmes(catalogue=catalogue)), "request": context.get("request")}
