"""The tallies the term report reads (RatingTally, MemberEventTally), kept by triggers.

A row counts while it is current (`voided_at` empty) and some root counts it (`scope_root`
set). Every insert, update (voiding, a rewritten scope) and delete of a rating or a member
event adjusts its tally in the same statement's transaction: on PostgreSQL by one
statement-level trigger per statement (a COPY of millions of rows adds one grouped insert),
on SQLite by row triggers. Upserts run in key order, so two transactions never wait on each
other's tally rows in opposite orders. Existing rows are counted once here.
"""

from django.db import migrations

TALLIES = {
    # tally table: (source table, key columns in the tally, the same as expressions of a source row)
    "assessment_ratingtally": ("assessment_rating", ["scope_root_id", "year", "subject_kind", "level"],
                               ["scope_root_id", "year", "subject_kind", "level"]),
    "members_membereventtally": ("members_memberevent", ["scope_root_id", "month", "kind"],
                                 ["scope_root_id", "{month}", "kind"]),
}
# The source columns a tally's key or count depends on.
WATCHED = {"assessment_rating": "voided_at, scope_root_id, year, subject_kind, level",
           "members_memberevent": "voided_at, scope_root_id, date, kind"}
COUNTED = "voided_at IS NULL AND scope_root_id IS NOT NULL"


def _exprs(exprs, vendor, row=""):
    month = f"date_trunc('month', {row}date)::date" if vendor == "postgresql" else f"date({row}date, 'start of month')"
    return [e.format(month=month) if e == "{month}" else f"{row}{e}" for e in exprs]


def postgres(tally, source, keys, exprs):
    cols = ", ".join(keys)
    key = ", ".join(str(i + 1) for i in range(len(keys)))
    sel = ", ".join(f"{e} AS {k}" for e, k in zip(_exprs(exprs, "postgresql"), keys, strict=True))
    upsert = (f"INSERT INTO {tally} AS t ({cols}, n) SELECT {cols}, sum(d) FROM ({{rows}}) x GROUP BY {key} "
              f"HAVING sum(d) <> 0 ORDER BY {key} ON CONFLICT ({cols}) DO UPDATE SET n = t.n + EXCLUDED.n;")
    old = f"SELECT {sel}, -1 AS d FROM old_rows WHERE {COUNTED}"
    new = f"SELECT {sel}, 1 AS d FROM new_rows WHERE {COUNTED}"
    out = []
    for op, rows, refs in (("INSERT", new, "NEW TABLE AS new_rows"), ("DELETE", old, "OLD TABLE AS old_rows"),
                           ("UPDATE", f"{old} UNION ALL {new}", "OLD TABLE AS old_rows NEW TABLE AS new_rows")):
        fn = f"{tally}_{op.lower()}"
        out.append(f"CREATE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"{upsert.format(rows=rows)} RETURN NULL; END $$;")
        out.append(f"CREATE TRIGGER {fn} AFTER {op} ON {source} REFERENCING {refs} FOR EACH STATEMENT EXECUTE FUNCTION {fn}();")
    return out


def sqlite(tally, source, keys, exprs):
    cols = ", ".join(keys)
    out = []
    for row, sign, op in (("NEW.", 1, "INSERT"), ("OLD.", -1, "DELETE")):
        vals = ", ".join(_exprs(exprs, "sqlite", row))
        out.append(f"CREATE TRIGGER {tally}_{op.lower()} AFTER {op} ON {source} "
                   f"WHEN {row}voided_at IS NULL AND {row}scope_root_id IS NOT NULL BEGIN "
                   f"INSERT INTO {tally} ({cols}, n) VALUES ({vals}, {sign}) "
                   f"ON CONFLICT ({cols}) DO UPDATE SET n = n + ({sign}); END;")
    new = ", ".join(_exprs(exprs, "sqlite", "NEW."))
    match = " AND ".join(f"{k} = {e}" for k, e in zip(keys, _exprs(exprs, "sqlite", "OLD."), strict=True))
    out.append(f"CREATE TRIGGER {tally}_update AFTER UPDATE OF {WATCHED[source]} ON {source} BEGIN "
               f"UPDATE {tally} SET n = n - 1 WHERE {match} AND OLD.voided_at IS NULL AND OLD.scope_root_id IS NOT NULL; "
               f"INSERT INTO {tally} ({cols}, n) SELECT {new}, 1 WHERE NEW.voided_at IS NULL AND NEW.scope_root_id IS NOT NULL "
               f"ON CONFLICT ({cols}) DO UPDATE SET n = n + 1; END;")
    return out


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for tally, (source, keys, exprs) in TALLIES.items():
        for sql in (postgres if vendor == "postgresql" else sqlite)(tally, source, keys, exprs):
            schema_editor.execute(sql)
        cols = ", ".join(keys)
        sel = ", ".join(_exprs(exprs, vendor))
        schema_editor.execute(f"INSERT INTO {tally} ({cols}, n) SELECT {sel}, count(*) FROM {source} "
                              f"WHERE {COUNTED} GROUP BY {sel}")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for tally, (source, _, _) in TALLIES.items():
        for op in ("insert", "delete", "update"):
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {tally}_{op} ON {source}")
                schema_editor.execute(f"DROP FUNCTION IF EXISTS {tally}_{op}()")
            else:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {tally}_{op}")
        schema_editor.execute(f"DELETE FROM {tally}")


class Migration(migrations.Migration):
    dependencies = [("members", "0006_fill_derived_scope"), ("assessment", "0003_national_scale")]

    operations = [migrations.RunPython(forwards, backwards)]
