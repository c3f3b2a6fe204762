"""Fast bulk inserts for large imports: COPY on PostgreSQL, executemany on SQLite.

Ids are reserved before the rows are built, so rows of one import can refer to each other
(an enrolment to its new class) without a round trip per row. Call inside a transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence

from django.db import connection, models

from . import tallies


def reserve_ids(model: type[models.Model], n: int, locked: bool = False) -> Sequence[int]:
    """`n` fresh primary keys for `model` (the caller inserts them in this transaction).
    `locked`: this transaction holds the table exclusively (a `BulkLoad`), so nobody else
    draws from its sequence meanwhile and one contiguous range is taken in one step."""
    if n <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql" and locked:
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
            first = cur.fetchone()[0]
            cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + n - 1])
            return range(first, first + n)
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [r[0] for r in cur.fetchall()]
        # SQLite: the import holds the write lock (BEGIN IMMEDIATE), so max(id) is stable.
        cur.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        start = cur.fetchone()[0] + 1
        return list(range(start, start + n))


def _sqlite_datetime(v):
    if v is None:
        return None
    if v.tzinfo is not None:
        v = v.astimezone(dt.UTC).replace(tzinfo=None)
    return v.isoformat(" ")


def _json_text(v):
    return None if v is None else json.dumps(v, ensure_ascii=False)


# Dates go to SQLite as ISO text (what Django stores), converted in C by the adapter.
sqlite3.register_adapter(dt.date, dt.date.isoformat)


def _column(model: type[models.Model], name: str) -> str:
    """The table column of a concrete field (the only kind bulk writes take)."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column, name
    return field.column


def _copy_sql(model: type[models.Model], fields: Sequence[str]) -> str:
    meta = model._meta
    columns = ", ".join(f'"{_column(model, f)}"' for f in fields)
    return f'COPY "{meta.db_table}" ({columns}) FROM STDIN'


def _json_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> Iterable[Sequence]:
    """Rows with their JSON values as text (what COPY takes)."""
    json_cols = [i for i, f in enumerate(fields) if isinstance(model._meta.get_field(f), models.JSONField)]
    if not json_cols:
        return rows

    def convert():
        for row in rows:
            row = list(row)
            for i in json_cols:
                row[i] = None if row[i] is None else json.dumps(row[i], ensure_ascii=False)
            yield row
    return convert()


def bulk_insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence], chunk: int = 20000) -> int:
    """Insert `rows` (tuples in the order of `fields`, model field names) into `model`'s table."""
    meta = model._meta
    columns = [_column(model, f) for f in fields]
    table = meta.db_table
    count = 0
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(_copy_sql(model, fields)) as copy:
                for row in _json_rows(model, fields, rows):
                    copy.write_row(row)
                    count += 1
            return count
        sql = f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) VALUES ({", ".join("?" * len(columns))})'
        raw = cur.cursor if hasattr(cur, "cursor") else cur
        # Only datetime and JSON columns need converting (per column, not per value).
        converters = []
        for i, f in enumerate(fields):
            field = meta.get_field(f)
            if isinstance(field, models.DateTimeField):
                converters.append((i, _sqlite_datetime))
            elif isinstance(field, models.JSONField):
                converters.append((i, _json_text))
        batch: list = []
        for row in rows:
            if converters:
                row = list(row)
                for i, conv in converters:
                    row[i] = conv(row[i])
            batch.append(row)
            if len(batch) >= chunk:
                raw.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            raw.executemany(sql, batch)
            count += len(batch)
    return count


def bulk_update(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence], chunk: int = 5000) -> int:
    """Set `fields` (model field names) of the rows given as (pk, value, …): one statement per
    chunk on PostgreSQL (UPDATE … FROM VALUES), a prepared statement repeated on SQLite."""
    meta = model._meta
    columns = [_column(model, f) for f in fields]
    table, pk = meta.db_table, meta.pk.column
    count = 0
    with connection.cursor() as cur:
        batch: list = []

        def flush():
            if not batch:
                return
            if connection.vendor == "postgresql":
                # Each value cast to its column's type: a column of NULLs only would be text.
                cols = ", ".join(f'"{c}"' for c in [pk, *columns])
                sets = ", ".join(f'"{c}" = v."{c}"' for c in columns)
                row = "(" + ", ".join(f"%s::{_pg_type(meta, f)}" for f in [meta.pk.name, *fields]) + ")"
                values = ", ".join([row] * len(batch))
                cur.execute(f'UPDATE "{table}" t SET {sets} FROM (VALUES {values}) v({cols}) WHERE t."{pk}" = v."{pk}"',
                            [x for row in batch for x in row])
            else:
                sets = ", ".join(f'"{c}" = ?' for c in columns)
                raw = cur.cursor if hasattr(cur, "cursor") else cur
                raw.executemany(f'UPDATE "{table}" SET {sets} WHERE "{pk}" = ?', [(*row[1:], row[0]) for row in batch])
            batch.clear()

        for row in rows:
            batch.append(tuple(row))
            count += 1
            if len(batch) >= chunk:
                flush()
        flush()
    return count


def _pg_type(meta, field_name: str) -> str:
    field = meta.get_field(field_name)
    target = field.target_field if field.is_relation else field
    return target.db_type(connection).split(" ")[0]


class BulkLoad:
    """The first load of a large table, on PostgreSQL: its secondary indexes, unique and
    foreign-key constraints are set aside while rows stream in and rebuilt once at the end,
    in the same transaction (a sorted index build and one join per foreign key instead of
    one index insertion and one trigger per row and index: several times faster). The
    table's tally triggers are set aside too, and its tally recounted once (`core.tallies`).

    Only a table empty at the start qualifies: rebuilding locks it until commit, so it is
    used for the national first load, never for a unit's monthly workbook. Every definition
    is read back from the catalogue, so what is rebuilt is exactly what was there; if the
    import fails the transaction rolls the whole thing back."""

    def __init__(self):
        self.saved: list[tuple[str, list[tuple[str, str, str]], list[tuple[str, str]]]] = []

    def prepare(self, model: type[models.Model]) -> bool:
        """Set the table's indexes and constraints aside if it is empty (PostgreSQL only)."""
        if connection.vendor != "postgresql":
            return False
        table = model._meta.db_table
        if any(t == table for t, _, _ in self.saved):
            return True
        with connection.cursor() as cur:
            cur.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')
            if cur.fetchone()[0]:
                return False
            cur.execute("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype, conname", [f'"{table}"'])
            constraints = cur.fetchall()
            # Dropping a foreign key touches the referenced table's triggers too: ALTER TABLE
            # refuses a table with pending (deferred) trigger events, so run them first.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
            cur.execute("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                        "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS "
                        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1", [f'"{table}"'])
            indexes = cur.fetchall()
            for name, _kind, _ in constraints:  # 'f' sorts before 'u': foreign keys first
                cur.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            for name, _ in indexes:
                cur.execute(f"DROP INDEX {name}")
            for trigger in tallies.triggers_of(table):  # its tally recounted once at the end
                cur.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')
        self.saved.append((table, constraints, indexes))
        return True

    def holds(self, model: type[models.Model]) -> bool:
        """Is `model`'s table set aside (so locked by this transaction until commit)?"""
        return any(t == model._meta.db_table for t, _, _ in self.saved)

    def restore(self) -> None:
        """Rebuild everything set aside (indexes, constraints, tally triggers and the tallies'
        counts), then refresh the planner's statistics."""
        if not self.saved:
            return
        with connection.cursor() as cur:
            # Deferred checks of rows written meanwhile run first: ALTER TABLE refuses a table
            # with pending trigger events.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
            cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for table, constraints, indexes in self.saved:
                for _, definition in indexes:
                    cur.execute(definition)
                for name, kind, definition in constraints:
                    if kind == "u":
                        cur.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            for table, constraints, _ in self.saved:
                for name, kind, definition in constraints:
                    if kind == "f":
                        cur.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            for table, _, _ in self.saved:
                for trigger in tallies.triggers_of(table):
                    cur.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"')
                if table in tallies.TALLIES:
                    cur.execute(tallies.recount_sql(table))  # empty at the start: the whole table is the load
                if table in tallies.PENDING_SOURCES:
                    cur.execute(tallies.STATS_UNBUILT)  # the statistics' tally built again from everyone
                cur.execute(f'ANALYZE "{table}"')
        self.saved.clear()


class CopyPayload:
    """Rows for COPY written to files in COPY's text format, by a process that has no
    connection (a worker of a parallel import); the process holding the transaction streams
    them in with `copy_payload`. Called like `bulk_insert`."""

    def __init__(self, folder: str, prefix: str):
        from psycopg._copy_base import TextFormatter  # the formatter psycopg's own COPY uses
        from psycopg.adapt import Transformer

        self.folder, self.prefix = folder, prefix
        self._formatter = lambda: TextFormatter(Transformer())
        self.files: list[tuple[str, str]] = []  # (COPY statement, path)

    def __call__(self, model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
        import os

        path = os.path.join(self.folder, f"{self.prefix}-{len(self.files)}.copy")
        formatter = self._formatter()
        count = 0
        with open(path, "wb") as fh:
            for row in _json_rows(model, fields, rows):
                data = formatter.write_row(row)
                if data:
                    fh.write(data)
                count += 1
            fh.write(formatter.end())
        self.files.append((_copy_sql(model, fields), path))
        return count


def copy_payload(sql: str, path: str) -> None:
    """Stream a file of `CopyPayload` into its table (then remove the file)."""
    import os

    with connection.cursor() as cur, cur.cursor.copy(sql) as copy, open(path, "rb") as fh:
        while data := fh.read(1 << 20):
            copy.write(data)
    os.remove(path)
