"""The register's write locks (PostgreSQL advisory locks, held to the end of the writing
transaction; SQLite already runs one writing transaction at a time).

A full import rewrites the projections of everyone, so it holds the register's lock
exclusively. Every single write holds it shared, and besides it the lock of each root whose
units it replays (`lock_units`): exclusive for a unit event, which rewrites that tree's
versions and its members' spells, shared for a member event, which rewrites one person's
spells (the person's row is locked too). A write in one province therefore never waits for
a write in another, and two writes in one tree never interleave their projections."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable

from django.db import connection

from dangbo.domain.replay import OrgEvent
from dangbo.domain.replay.narrow import roots_of

REGISTER_LOCK = 0x64616E67  # "dang"
ROOT_LOCKS = 0x676F6363  # the key space of the roots' locks ("gocc")

def lock_register(*, exclusive: bool) -> None:
    """Call inside the writing transaction; released at its end."""
    if connection.vendor == "postgresql":
        fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {fn}(%s)", [REGISTER_LOCK])


def root_key(code: str) -> int:
    """A root's lock key (or a new unit's, see `narrow.created`): a signed 32-bit hash of
    its code (two codes sharing a key only wait for each other)."""
    return zlib.crc32(code.encode()) - (1 << 31)


def lock_units(read: Callable[[set[str]], list[OrgEvent]], seeds: Iterable[str], *, exclusive: bool,
               guess: Callable[[set[str]], set[str]] | None = None) -> list[OrgEvent]:
    """`read(seeds)` — the unit events a write replays — under the locks of the roots those
    units belong to. The events say which roots they are only once read: the roots `guess`
    names (those the stored versions of `seeds` had) are locked first, in key order so that
    two writes never wait for each other in a circle; the events are read; a root found only
    then (the register changed meanwhile) is locked in turn and the events read again."""
    lock_register(exclusive=False)
    seeds = set(seeds)
    if connection.vendor != "postgresql":
        return read(seeds)
    fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    held: set[int] = set()

    def lock(roots: set[str]) -> bool:
        keys = sorted({root_key(code) for code in roots} - held)
        if keys:  # one statement, taken in the array's order
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {fn}(%s, k) FROM unnest(%s::int[]) WITH ORDINALITY AS t(k, n) ORDER BY n",
                               [ROOT_LOCKS, keys])
        held.update(keys)
        return bool(keys)

    if guess is not None:
        lock(guess(seeds))
    while True:
        events = read(seeds)
        if not lock(roots_of(events)):
            return events
