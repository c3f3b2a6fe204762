"""The triggers that put in `stats_pending` every person whose spells or counted details
changed, whatever wrote them (`core.tallies.PENDING_SOURCES`): on PostgreSQL one
statement-level trigger per statement (a COPY of many rows adds one insert), on SQLite row
triggers. Only the columns the statistics read count: a spell's days, sex and party-age
anchor; a person's birth date and coded details; a dated change of a coded detail. Only once
the tally has been asked for (its state row exists): a register nobody counts as a whole
keeps no list of persons for it."""

from django.db import migrations

SPELL = ("valid_from", "valid_to", "sex", "party_age_from", "person_id")
PERSON = ("birth_date", "ethnicity", "religion", "general_education", "qualification", "theory_level")
CHANGED = "'dan_toc', 'ton_giao', 'gdpt', 'trinh_do_chuyen_mon', 'trinh_do_llct'"  # `stats.selectors.DATED`
ASKED = "EXISTS (SELECT 1 FROM stats_tallystate)"


def _pg_rows(source, op):
    """The persons a statement on `source` touched, from its transition tables."""
    if source == "members_memberspell":
        if op == "update":
            differ = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in SPELL)
            return (f"SELECT o.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {differ} "
                    f"UNION SELECT n.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {differ}")
        return f"SELECT DISTINCT person_id FROM {'new' if op == 'insert' else 'old'}_rows"
    if source == "members_person":
        differ = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in PERSON)
        return f"SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {differ}"
    rows = {"insert": "new_rows", "delete": "old_rows", "update": "new_rows"}[op]
    sql = f"SELECT DISTINCT person_id FROM {rows} WHERE \"column\" IN ({CHANGED})"
    if op == "update":
        sql += f" UNION SELECT person_id FROM old_rows WHERE \"column\" IN ({CHANGED})"
    return sql


def postgres(source, op):
    fn = f"stats_pending_{source}_{op}"
    refs = {"insert": "NEW TABLE AS new_rows", "delete": "OLD TABLE AS old_rows",
            "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}[op]
    return [f"CREATE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF {ASKED} THEN INSERT INTO stats_pending (person_id) {_pg_rows(source, op)}; END IF; RETURN NULL; END $$;",
            f"CREATE TRIGGER {fn} AFTER {op.upper()} ON {source} REFERENCING {refs} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}();"]


def sqlite(source, op):
    name = f"stats_pending_{source}_{op}"
    if source == "members_memberspell":
        if op == "update":
            differ = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in SPELL)
            return [f"CREATE TRIGGER {name} AFTER UPDATE ON {source} WHEN ({differ}) AND {ASKED} BEGIN "
                    "INSERT INTO stats_pending (person_id) VALUES (OLD.person_id); "
                    "INSERT INTO stats_pending (person_id) SELECT NEW.person_id WHERE NEW.person_id <> OLD.person_id; END;"]
        row = "NEW" if op == "insert" else "OLD"
        return [f"CREATE TRIGGER {name} AFTER {op.upper()} ON {source} WHEN {ASKED} BEGIN "
                f"INSERT INTO stats_pending (person_id) VALUES ({row}.person_id); END;"]
    if source == "members_person":
        differ = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in PERSON)
        return [f"CREATE TRIGGER {name} AFTER UPDATE ON {source} WHEN ({differ}) AND {ASKED} BEGIN "
                "INSERT INTO stats_pending (person_id) VALUES (NEW.id); END;"]
    row = "NEW" if op != "delete" else "OLD"
    when = f'{row}."column" IN ({CHANGED})'
    if op == "update":
        when += f' OR OLD."column" IN ({CHANGED})'
    when = f"({when}) AND {ASKED}"
    if op == "update":
        return [f"CREATE TRIGGER {name} AFTER UPDATE ON {source} WHEN {when} BEGIN "
                "INSERT INTO stats_pending (person_id) VALUES (OLD.person_id); "
                "INSERT INTO stats_pending (person_id) SELECT NEW.person_id WHERE NEW.person_id <> OLD.person_id; END;"]
    return [f"CREATE TRIGGER {name} AFTER {op.upper()} ON {source} WHEN {when} BEGIN "
            f"INSERT INTO stats_pending (person_id) VALUES ({row}.person_id); END;"]


def statements(vendor):
    from dangbo.core.tallies import PENDING_OPS

    return [sql for source, ops in PENDING_OPS.items() for op in ops
            for sql in (postgres if vendor == "postgresql" else sqlite)(source, op)]


def forwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    from dangbo.core.tallies import PENDING_OPS

    pg = schema_editor.connection.vendor == "postgresql"
    for source, ops in PENDING_OPS.items():
        for op in ops:
            name = f"stats_pending_{source}_{op}"
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {source}" if pg else ""))
            if pg:
                schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_kept_tally"), ("members", "0015_introduction_letters")]
    operations = [migrations.RunPython(forwards, backwards)]
