"""Writing rows fast with PostgreSQL: COPY in batches, next ids and sequences, and dropping a table's
secondary indexes and constraints for the load (returning the SQL that restores them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def copy_rows(cursor, sql: str, lines: Iterable[str], progress: Callable[[int], None] | None = None) -> int:
    """COPY text-format lines (tab separated, \\N for NULL) in batches; returns the row count."""
    written = 0
    batch: list[str] = []
    with cursor.copy(sql) as copy:
        for line in lines:
            batch.append(line)
            if len(batch) >= 20_000:
                copy.write("".join(batch))
                written += len(batch)
                if progress:
                    progress(len(batch))
                batch.clear()
        if batch:
            copy.write("".join(batch))
            written += len(batch)
            if progress:
                progress(len(batch))
    return written


def next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 - table names are constants
    return cursor.fetchone()[0]


def reset_sequence(cursor, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))",  # noqa: S608
        [table],
    )


def drop_secondary_indexes(cursor, table: str) -> list[str]:
    """Drop unique/foreign-key constraints and non-primary indexes of a table; return the SQL restoring them."""
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    constraint_names = {name for name, _kind, _definition in constraints}
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "JOIN pg_class c ON c.relname = i.indexname "
        "JOIN pg_index x ON x.indexrelid = c.oid "
        "WHERE i.tablename = %s AND NOT x.indisprimary ORDER BY i.indexname",
        [table],
    )
    indexes = [(name, definition) for name, definition in cursor.fetchall() if name not in constraint_names]
    restore = [definition for _name, definition in indexes]
    restore += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, _kind, definition in constraints]
    for name, _kind, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return restore
