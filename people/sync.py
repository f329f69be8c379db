"""Synchronising organisation units and people from an HR system: bulk upserts by unit code and employee number.

The API's sync endpoints and the CSV import both come here, so movers, leavers, staff accounts and every
check follow one set of rules (``docs/people-import.md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import User

from .models import OrgUnit
from .sync_result import RowError, SyncResult

__all__ = ["MAX_ROWS", "RowError", "SyncResult", "sync_people", "sync_units"]

MAX_ROWS = 10_000


def sync_units(
    rows: Sequence[Mapping[str, Any]],
    *,
    within: OrgUnit | None,
    dry_run: bool,
    all_or_nothing: bool,
    actor: User | None,
) -> SyncResult:
    """Create or update the units of ``rows`` (keys: code, parent_code, kind, name_ar, name_en)."""
    raise NotImplementedError


def sync_people(
    rows: Sequence[Mapping[str, Any]],
    *,
    within: OrgUnit | None,
    dry_run: bool,
    all_or_nothing: bool,
    actor: User | None,
) -> SyncResult:
    """Create or update the employees of ``rows`` (the columns of the CSV import, plus civil_number and active)."""
    raise NotImplementedError
