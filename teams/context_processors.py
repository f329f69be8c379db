"""Whether the signed-in person manages a team, for the "My team" entry of the main menu."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest

from .selectors import manages_a_team


def team_menu(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Asked only when a template reads it (one EXISTS query, shared with the page through the user object).
    return {"manages_team": cache(lambda: manages_a_team(user))}
