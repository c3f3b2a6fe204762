"""The kept tally of the basic statistics of the whole register (`stats.models`).

Every member is a handful of steps by day (`domain.basic_stats.steps`): the tally holds
their sums by key and day, so every root's totals on any day are the sums of each key's
steps up to it — a read of the tally's few hundred thousand rows at a national scale, not of
every member with their details and bands (issue 23: `dangbo stats --all` beside the
database's own `count(*)` over the spells).

Writers do not keep it themselves: triggers note the persons whose spells or counted
details changed (`Pending`, whatever wrote them, once the tally has been asked for), and the
next read counts those persons again, under a lock only readers take — so no write ever
waits on the tally, and a write path nobody thought of cannot leave it wrong. Each person's steps as last added are kept
(`Contribution`), so a person counted again takes off exactly what was added. A first load
in bulk sets the triggers aside and marks the tally unbuilt; the next read builds it from
every person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import struct
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from django.db import connections, router, transaction

from dangbo.core.bulk import bulk_insert
from dangbo.domain import basic_stats as S
from dangbo.members.models import DetailChange, MemberSpell, Person

from .models import Contribution, Pending, TallyState, TallyStep
from .selectors import DATED, in_list

FIELDS = [f for f, _ in DATED]  # the person's fields, in `basic_stats.DETAILS`' order
INDEX_OF_COLUMN = {c: i for i, (_, c) in enumerate(DATED)}
KEY_INDEX = {k: i for i, k in enumerate(S.KEYS)}
# What a member's steps depend on besides their own rows: the keys, the codes each key takes
# and the bands. Any change of these (a code added to a list) builds the tally again.
STEPS_VERSION = 1
SIGNATURE = hashlib.sha1(repr((STEPS_VERSION, S.KEYS, sorted(S.ETHNIC_MINORITIES), sorted(S.RELIGIOUS),
                               sorted(S.GDPT_ALL), sorted(S.F.UPPER_SECONDARY), S.PROFESSIONAL, S.THEORY,
                               S.AGE_BANDS, S.PARTY_AGE_BANDS)).encode()).hexdigest()[:16]
PACK = struct.Struct("<BIh")  # key's index, day's ordinal, steps
CHUNK = 20_000  # persons read and counted at a time
LOCK = 0x5DA7  # the readers' advisory lock on PostgreSQL


def _alias() -> str:
    return router.db_for_write(TallyStep)


@cache
def _format(n: int) -> struct.Struct:
    return struct.Struct("<" + PACK.format.lstrip("<") * n)


def pack(steps: dict[tuple[str, dt.date], int]) -> bytes:
    flat: list[int] = []
    for (k, d), n in steps.items():
        flat += (KEY_INDEX[k], d.toordinal(), n)
    return _format(len(steps)).pack(*flat)


def unpack(blob: bytes) -> Iterable[tuple[tuple[str, dt.date], int]]:
    for i, day, n in PACK.iter_unpack(bytes(blob)):
        yield (S.KEYS[i], dt.date.fromordinal(day)), n


def _day(v):
    """A date as the connection hands it back (SQLite's raw rows: text)."""
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def steps_of(where: str, params: list, using: str) -> dict[int, dict[tuple[str, dt.date], int]]:
    """Each person's steps, from their spells, birth date and dated details as stored, for
    the persons `where` names (a condition on `{id}`, the person's id column)."""
    with connections[using].cursor() as cur:
        return _read_steps(cur, where, params)


def _read_steps(cur, where: str, params: list) -> dict[int, dict[tuple[str, dt.date], int]]:
    """`steps_of` over a cursor: Django's, or a worker's own connection (raw rows: a national
    build reads some four million spells)."""
    stretches: dict[int, list[S.Stretch]] = defaultdict(list)
    changes: dict[int, list[tuple[dt.date, int, str]]] = defaultdict(list)
    out = {}
    spells, persons = MemberSpell._meta.db_table, Person._meta.db_table
    cur.execute(f"SELECT person_id, valid_from, valid_to, sex, party_age_from FROM {spells} "
                f"WHERE {where.format(id='person_id')}", params)
    for pid, vf, vt, sex, party in cur.fetchall():
        stretches[pid].append(S.Stretch(_day(vf), _day(vt), sex, _day(party)))
    listed, columns = in_list(INDEX_OF_COLUMN)
    cur.execute(f'SELECT person_id, "column", date, before FROM {DetailChange._meta.db_table} '
                f'WHERE {where.format(id="person_id")} AND "column" IN {listed} ORDER BY date, id', [*params, *columns])
    for pid, column, date, before in cur.fetchall():
        changes[pid].append((_day(date), INDEX_OF_COLUMN[column], before))
    cur.execute(f"SELECT id, birth_date, {', '.join(FIELDS)} FROM {persons} WHERE {where.format(id='id')}", params)
    for pid, birth, *details in cur.fetchall():
        if pid in stretches:
            out[pid] = S.steps(stretches[pid], _day(birth), tuple(details), changes.get(pid, []))
    return out


def _listed(ids: list[int]) -> tuple[str, list]:
    listed, params = in_list(ids)
    return "{id} IN " + listed, params


def _add(diff: Counter, using: str) -> None:
    rows = [(k, d, n) for (k, d), n in sorted(diff.items()) if n]
    if not rows:
        return
    with connections[using].cursor() as cur:
        cur.executemany("INSERT INTO stats_tallystep (key, day, n) VALUES (%s, %s, %s) ON CONFLICT (key, day) "
                        "DO UPDATE SET n = stats_tallystep.n + excluded.n", rows)


def _recount(person_ids: list[int], using: str) -> None:
    """Take off what the persons added, add their steps as they stand."""
    diff: Counter = Counter()
    for _, blob in Contribution.objects.using(using).filter(person_id__in=person_ids).values_list("person_id", "steps"):
        for kd, n in unpack(blob):
            diff[kd] -= n
    new = steps_of(*_listed(person_ids), using)
    for steps in new.values():
        diff.update(steps)
    _add(diff, using)
    Contribution.objects.using(using).filter(person_id__in=person_ids).delete()
    Contribution.objects.using(using).bulk_create(
        [Contribution(person_id=pid, steps=pack(s)) for pid, s in new.items() if s], batch_size=2000)


def _part(pid_steps: dict[int, dict[tuple[str, dt.date], int]]):
    """A range of persons' packed steps and their sums."""
    packed = [(pid, pack(st)) for pid, st in pid_steps.items() if st]
    sums: dict[tuple[str, dt.date], int] = {}
    get = sums.get
    for st in pid_steps.values():
        for kd, n in st.items():
            sums[kd] = get(kd, 0) + n
    return packed, sums


def _part_apart(job: tuple[str, int, int]):
    """A forked worker's range, read over its own connection (never the parent's, which
    holds the build's transaction)."""
    import psycopg

    conninfo, start, stop = job
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        return _part(_read_steps(cur, "{id} >= %s AND {id} < %s", [start, stop]))


def _conninfo(using: str) -> str:
    from psycopg.conninfo import make_conninfo

    params = connections[using].get_connection_params()
    return make_conninfo(**{k: v for k, v in params.items()
                            if k in ("dbname", "user", "password", "host", "port", "sslmode", "options") and v})


def _parts(using: str, ranges: list[tuple[int, int]], progress: Callable[[int, int], None] | None):
    """Each range's packed steps and sums, in order: on PostgreSQL with more than a few
    ranges, read and counted by a forked worker per core (about twice as fast on two)."""
    workers = min(os.cpu_count() or 1, 4)
    conn = connections[using]
    # Workers see only what is committed: not when the build runs inside someone's open
    # transaction (a test's, a script's), whose writes they would miss.
    outermost = conn.in_atomic_block and not conn.savepoint_ids
    if conn.vendor == "postgresql" and outermost and workers > 1 and len(ranges) > 2 and hasattr(os, "fork"):
        conninfo = _conninfo(using)
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for i, part in enumerate(pool.imap(_part_apart, [(conninfo, a, b) for a, b in ranges])):
                if progress:
                    progress(i + 1, len(ranges))
                yield part
        return
    for i, (a, b) in enumerate(ranges):
        yield _part(steps_of("{id} >= %s AND {id} < %s", [a, b], using))
        if progress:
            progress(i + 1, len(ranges))


def _build(using: str, progress: Callable[[int, int], None] | None = None) -> int:
    """Every person again, from nothing; how many persons count."""
    with connections[using].cursor() as cur:
        for model in (TallyStep, Contribution):  # only readers touch these (under their lock): no writer waits
            table = model._meta.db_table
            cur.execute(f"TRUNCATE {table}" if connections[using].vendor == "postgresql" else f"DELETE FROM {table}")
    Pending.objects.using(using).all().delete()  # writers add to it: rows, not the table
    with connections[using].cursor() as cur:
        cur.execute(f"SELECT min(id), max(id) FROM {Person._meta.db_table}")
        low, high = cur.fetchone()
    ranges = [(a, a + CHUNK) for a in range(low or 0, (high or -1) + 1, CHUNK)]
    total: dict[tuple[str, dt.date], int] = {}
    get = total.get
    persons = 0
    for packed, sums in _parts(using, ranges, progress):
        for kd, n in sums.items():
            total[kd] = get(kd, 0) + n
        persons += bulk_insert(Contribution, ["person_id", "steps"], packed)
    bulk_insert(TallyStep, ["key", "day", "n"], ((k, d, n) for (k, d), n in sorted(total.items()) if n))
    TallyState.objects.using(using).update_or_create(pk=1, defaults={"built": True, "keys": SIGNATURE})
    return persons


def built() -> bool:
    state = TallyState.objects.using(_alias()).filter(pk=1).first()
    return state is not None and state.built and state.keys == SIGNATURE


def refresh(progress: Callable[[int, int], None] | None = None) -> int:
    """Bring the tally up to date: the persons noted since the last read counted again, or
    every person when it is unbuilt (after a first load in bulk: about 35 s a million members
    on two cores). Returns how many persons were counted."""
    using = _alias()
    if not TallyState.objects.using(using).filter(pk=1).exists():
        # Asked for the first time: the triggers note the persons written from now on (they
        # note nobody before), committed before the build reads anyone, so a write made
        # during the build is counted again by the next read, not lost.
        with transaction.atomic(using=using):
            TallyState.objects.using(using).get_or_create(pk=1)
    with transaction.atomic(using=using):
        conn = connections[using]
        with conn.cursor() as cur:
            if conn.vendor == "postgresql":
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])  # readers one at a time; writers never
        if not built():
            return _build(using, progress)
        with conn.cursor() as cur:
            # only what is committed is taken: a write still open notes its persons for the next read
            cur.execute("DELETE FROM stats_pending RETURNING person_id")
            ids = sorted({pid for (pid,) in cur.fetchall()})
        for start in range(0, len(ids), CHUNK):
            _recount(ids[start:start + CHUNK], using)
        return len(ids)


def totals(day: dt.date, progress: Callable[[int, int], None] | None = None) -> Counter:
    """Every key over the whole register at the end of `day` (`progress`: told of each part
    of a build from everyone)."""
    refresh(progress)
    with connections[_alias()].cursor() as cur:
        cur.execute("SELECT key, SUM(n) FROM stats_tallystep WHERE day <= %s GROUP BY key", [day])
        got = dict(cur.fetchall())
    return Counter({k: int(got.get(k) or 0) for k in S.KEYS})
