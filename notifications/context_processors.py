"""The unread count in the header of every page: one indexed COUNT, run only if a template reads it."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest

from .selectors import unread_count


def unread_notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Templates call a callable when they read it; cached, so the header's three reads cost one query.
    return {"unread_notifications": cache(lambda: unread_count(user))}
