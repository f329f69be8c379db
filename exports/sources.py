"""What a background export can build: a named source of spreadsheet rows, registered by the app that has them.

The HR reports register each report definition here; an export job names its source, and the worker
builds the rows as the person who asked would see them, or not at all if they may no longer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.contrib.auth.models import User
from django.utils.functional import Promise

from common.exports import ExportColumn


class Source(Protocol):
    name: str
    title: str | Promise

    def allowed(self, user: User) -> bool: ...

    def export_columns(self) -> list[ExportColumn]: ...

    def export_rows(self, *, user: User, params: Mapping[str, list[str]]) -> Iterable[tuple[Any, ...]]: ...


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.name] = source


def source(name: str) -> Source:
    """The source registered as ``name``; ``KeyError`` for an unknown one (a job naming it is corrupt)."""
    return SOURCES[name]
