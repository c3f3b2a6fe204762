"""Read replicas: report work reads from PostgreSQL streaming standbys when there are some.

`DANGBO_REPLICA_URLS` names the standbys (settings make them the `replica_N` aliases). Only
work wrapped in `reporting()` goes there — the term report, its figures and downloads, the
metrics API, `dangbo report` — because a standby lags the primary a little: a clerk who
has just saved must read their own write, so pages and writes stay on the primary.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools

from django.db import connections

_reporting: contextvars.ContextVar[str | None] = contextvars.ContextVar("dangbo_reporting", default=None)
_turn = itertools.count()


def replica_aliases() -> list[str]:
    return sorted(a for a in connections.settings if a.startswith("replica_"))


@contextlib.contextmanager
def reporting(on: str | None = None):
    """Reads inside go to one replica (taken in turn, the same one for the whole block so a
    report never mixes two standbys' moments), if any is configured, or to the alias `on`;
    nested blocks keep the outer one's."""
    replicas = replica_aliases()
    alias = _reporting.get() or on or (replicas[next(_turn) % len(replicas)] if replicas else "default")
    token = _reporting.set(alias)
    try:
        yield alias
    finally:
        _reporting.reset(token)


class ReplicaRouter:
    """Reads inside `reporting()` to its replica; every write, migration and other read to the primary."""

    def db_for_read(self, model, **hints):
        return _reporting.get()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
