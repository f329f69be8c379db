"""Programme sections that pages of other apps show: "My learning", the catalogue and a completed course."""

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


@register.inclusion_tag("programmes/includes/next_in_programmes.html", takes_context=True)
def next_in_programmes(context, course, enrolment) -> dict:
    """On the page of a course the learner has completed: the next course of each of their programmes
    that includes it. Asked from the course page, since courses cannot import programmes."""
    request = context.get("request")
    user = getattr(request, "user", None)
    completed = enrolment is not None and enrolment.completed_at is not None
    offers = selectors.next_in_programmes(user=user, course=course) if completed and user is not None else []
    return {"offers": offers}
