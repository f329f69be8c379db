"""Reads of a person's notifications."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from .models import Notification


def notifications_of(user: User) -> QuerySet[Notification]:
    """Newest first, with what rendering reads (the recipient's names, the enrolment's course)."""
    return Notification.objects.filter(recipient=user).select_related("recipient__employee", "enrolment")


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
