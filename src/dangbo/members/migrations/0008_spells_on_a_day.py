"""On PostgreSQL, a covering index of the spells by end and start: the register on a day (the
term report's snapshot) reads the spells still open and those ended after the day, in two
index-only range scans, instead of every spell ever. SQLite keeps the plain indexes (a
bloc's register is small)."""

from django.db import migrations

INDEX = "memberspell_on_day"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_memberspell (valid_to, valid_from) "
                              "INCLUDE (cell_id, status, sex, exempt)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("members", "0007_report_tallies")]

    operations = [migrations.RunPython(forwards, backwards)]
