"""Template helpers of the impact dashboard."""

from django import template

from common.formatting import format_number

register = template.Library()


@register.simple_tag
def uplift_for(figures, skill) -> str:
    """A row's average uplift in one skill, with the number of learners behind it, or a dash."""
    average = figures.uplift_average(skill.id)
    if average is None:
        return "—"
    return f"{format_number(average, 1)} ({figures.uplift[skill.id][1]})"


@register.filter
def one_place(value) -> str:
    return "—" if value is None else format_number(value, 1)
