"""Wagtail's database search, with every query folded as the indexed ``search_terms`` fields are.

Configured in ``WAGTAILSEARCH_BACKENDS``, so the catalogue, the admin's page search and anything else
that calls ``.search()`` fold the query the same way (``common.arabic.search_terms``); the database
engine (PostgreSQL full text, SQLite FTS5) is still the one Wagtail picks for the connection.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText

from .arabic import search_terms


def _folded(query: Any) -> Any:
    """The query as the index holds its words. The admin hands in parsed queries (plain text and quoted
    phrases); other query objects (fuzzy, boolean combinations) pass untouched. A query that folds to
    nothing, such as a lone article, stays as typed."""
    if isinstance(query, str):
        return search_terms(query) or query
    if isinstance(query, PlainText):
        return PlainText(search_terms(query.query_string) or query.query_string, query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(search_terms(query.query_string) or query.query_string)
    return query


@cache
def _folding(base: Any) -> Any:
    class FoldingSearchBackend(base):
        def search(self, query: Any, *args: Any, **kwargs: Any) -> Any:
            return super().search(_folded(query), *args, **kwargs)

        def autocomplete(self, query: Any, *args: Any, **kwargs: Any) -> Any:
            return super().autocomplete(_folded(query), *args, **kwargs)

    return FoldingSearchBackend


def SearchBackend(params: dict) -> Any:  # noqa: N802  (the name Wagtail looks up in a backend module)
    backend: Any = database_backend(params)
    engine: Any = backend.__class__
    return _folding(engine)(params)
