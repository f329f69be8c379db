"""What an HR report is, declared once: its filters, its columns (heading, cell, kind) and its query.

The admin listing, its CSV and XLSX downloads and the background export all read a report's
``ReportDefinition``: the screen builds its table from the columns marked ``on_screen``, every export
writes the columns marked ``in_export``, and both get their rows from ``rows`` (scope, filters, search
and ordering), which needs a user and the query parameters, never a request or a view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise

import exports.sources
from common.exports import ExportColumn, row_values
from people.scope import can_view_reports

# How a column looks on screen; exports write the cell's value whatever the kind.
TEXT, NUMBER, TITLE, LINK, PLAIN = "text", "number", "title", "link", "plain"
SEARCH_PARAMETER = "q"


@dataclass(frozen=True)
class ReportColumn:
    accessor: str  # attribute (dotted path) of a row whose value the export writes
    heading: str | Promise
    kind: str = TEXT
    sort_key: str = ""
    screen_accessor: str = ""  # what the screen shows instead, e.g. "12%" for the export's 12
    on_screen: bool = True
    in_export: bool = True


@dataclass(frozen=True)
class Query:
    """A report's rows as one person asked for them: bound filters, a valid ordering, a search term."""

    user: User
    filters: Any  # a filterset of the report's ``filterset_class``, bound to the query parameters
    ordering: str
    search: str = ""


@dataclass(frozen=True)
class ReportDefinition:
    name: str
    title: str | Promise
    filterset_class: type
    columns: tuple[ReportColumn, ...]
    default_ordering: str
    # The rows of a query: filtered, searched and ordered; an invalid filter yields none.
    rows: Callable[[Query], Iterable[Any]]
    search_fields: tuple[str, ...] = ()
    # A faster source of export cells than reading each column off each row (PostgreSQL computes them).
    export_values: Callable[[Iterable[Any]], Iterable[tuple] | None] | None = None
    csv_body: Callable[[Iterable[Any]], Iterator[bytes] | None] | None = None

    @property
    def screen_columns(self) -> list[ReportColumn]:
        return [column for column in self.columns if column.on_screen]

    def export_columns(self) -> list[ExportColumn]:
        return [ExportColumn(column.accessor, str(column.heading)) for column in self.columns if column.in_export]

    def valid_orderings(self) -> set[str]:
        keys = {column.sort_key for column in self.columns if column.sort_key}
        return keys | {f"-{key}" for key in keys}

    def query(self, *, user: User, params: QueryDict | Mapping[str, list[str]]) -> Query:
        """Bind the report's filters, ordering and search to ``params`` (a query string as a dict of lists)."""
        data = params if isinstance(params, QueryDict) else _query_dict(params)
        ordering = data.get("ordering", self.default_ordering)
        if ordering not in self.valid_orderings():
            ordering = self.default_ordering
        search = (data.get(SEARCH_PARAMETER) or "").strip() if self.search_fields else ""
        return Query(user=user, filters=self.filterset_class(data, user=user), ordering=ordering, search=search)

    def export_cells(self, rows: Iterable[Any]) -> Iterable[tuple]:
        """The export's cells in the order of ``export_columns``."""
        fast = self.export_values(rows) if self.export_values is not None else None
        return fast if fast is not None else row_values(self.export_columns(), rows)

    # -- as a source of background exports (exports.sources.Source) ------------------------------------

    def allowed(self, user: User) -> bool:
        return can_view_reports(user)

    def export_rows(self, *, user: User, params: Mapping[str, list[str]]) -> Iterable[tuple]:
        return self.export_cells(self.rows(self.query(user=user, params=params)))


def _query_dict(params: Mapping[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in params.items():
        data.setlist(key, values)
    return data


def filtered(queryset: QuerySet, query: Query, search_fields: Iterable[str] = ()) -> QuerySet:
    """The queryset narrowed by the query's filters and search; nothing when a filter value is invalid.

    A tampered or stale filter value (say, a unit outside the scope) shows nothing, with the form's
    error, rather than silently falling back to the unfiltered report.
    """
    if not query.filters.is_valid():
        return queryset.none()
    queryset = query.filters.filter_queryset(queryset)
    if query.search:
        match = Q()
        for name in search_fields:
            match |= Q(**{f"{name}__icontains": query.search})
        queryset = queryset.filter(match)
    return queryset


def register(definition: ReportDefinition) -> ReportDefinition:
    """Offer the report to background exports, which rebuild its rows by name."""
    exports.sources.register(definition)
    return definition
