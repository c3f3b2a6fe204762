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


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` fresh primary keys for `model` (the caller inserts them in this transaction)."""
    if n <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
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


def bulk_insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence], chunk: int = 20000) -> int:
    """Insert `rows` (tuples in the order of `fields`, model field names) into `model`'s table."""
    meta = model._meta
    columns = [meta.get_field(f).column for f in fields]
    table = meta.db_table
    count = 0
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            sql = f'COPY "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) FROM STDIN'
            json_cols = [i for i, f in enumerate(fields) if isinstance(meta.get_field(f), models.JSONField)]
            with cur.cursor.copy(sql) as copy:
                for row in rows:
                    if json_cols:
                        row = list(row)
                        for i in json_cols:
                            row[i] = None if row[i] is None else json.dumps(row[i], ensure_ascii=False)
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
