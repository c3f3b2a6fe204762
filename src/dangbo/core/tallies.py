"""The tallies the term report reads (`RatingTally`, `MemberEventTally`): which source table
each counts, by which key, and its recount from the source.

Triggers keep them (migration `members/0007`, one statement-level trigger per statement on
PostgreSQL). A first load in bulk (`core.bulk.BulkLoad`) sets a source's triggers aside and
recounts its tally once at the end instead: each COPY statement's trigger materialises the
rows it inserted and groups them, which cost the one backend of a national load as much
again as the COPY itself.
"""

from __future__ import annotations

# source table: (tally table, key columns of the tally, the same as expressions over a source row)
TALLIES = {
    "assessment_rating": ("assessment_ratingtally", ["scope_root_id", "year", "subject_kind", "level"],
                          ["scope_root_id", "year", "subject_kind", "level"]),
    "members_memberevent": ("members_membereventtally", ["scope_root_id", "month", "kind"],
                            ["scope_root_id", "date_trunc('month', date)::date", "kind"]),
}
COUNTED = "voided_at IS NULL AND scope_root_id IS NOT NULL"  # a row counts while current and some root counts it
TRIGGERS = ("insert", "update", "delete")  # each tally's trigger names: f"{tally}_{op}"


# The tables whose rows the statistics' kept tally reads (`stats.tally`): a trigger on each
# puts the persons whose rows changed in `stats_pending` (migration `stats/0002`). A first load
# in bulk sets them aside and marks the tally to be built again from every person instead.
PENDING_SOURCES = ("members_memberspell", "members_person", "members_detailchange")
PENDING_OPS = {"members_memberspell": ("insert", "update", "delete"), "members_person": ("update",),
               "members_detailchange": ("insert", "update", "delete")}
PENDING_TABLE = "stats_pending"
STATS_UNBUILT = "UPDATE stats_tallystate SET built = false"


def pending_triggers_of(source: str) -> list[str]:
    return [f"stats_pending_{source}_{op}" for op in PENDING_OPS.get(source, ())]


def triggers_of(source: str) -> list[str]:
    """The tally triggers on `source` (none for a table no tally counts)."""
    out = pending_triggers_of(source)
    if source in TALLIES:
        out += [f"{TALLIES[source][0]}_{op}" for op in TRIGGERS]
    return out


def recount_sql(source: str) -> str:
    """Add every counted row of `source` to its tally (PostgreSQL), in key order as the
    triggers do, so no two transactions wait on each other's tally rows."""
    tally, keys, exprs = TALLIES[source]
    cols = ", ".join(keys)
    sel = ", ".join(f"{e} AS {k}" for e, k in zip(exprs, keys, strict=True))
    key = ", ".join(str(i + 1) for i in range(len(keys)))
    return (f"INSERT INTO {tally} AS t ({cols}, n) SELECT {sel}, count(*) FROM {source} WHERE {COUNTED} "
            f"GROUP BY {key} ORDER BY {key} ON CONFLICT ({cols}) DO UPDATE SET n = t.n + EXCLUDED.n")
