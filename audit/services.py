"""Writing to the audit log: one function, called inside the transaction of the change it records."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.http import HttpRequest

from common.client_address import client_ip

from .models import AuditEntry


def _client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return client_ip(request) or None


def record(
    action: str,
    *,
    actor: User | AnonymousUser | None,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` None means the system (a task, a command, a sync)."""
    user = actor if isinstance(actor, User) else None
    return AuditEntry.objects.create(
        action=action,
        actor=user,
        actor_repr=user.get_username() if user is not None else "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        changes=changes or {},
        ip_address=_client_address(request),
    )


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value differs, as JSON-safe strings."""
    return {
        name: [_plain(before.get(name)), _plain(value)] for name, value in after.items() if before.get(name) != value
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
