"""A trigram index on the folded name, on PostgreSQL: the register's search (a substring of
the name without diacritics, "nguyen van an") stays fast at national size. SQLite keeps the
plain index (a bloc's register is small)."""

from django.db import migrations

INDEX = "members_person_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_person USING gin (search_name gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("members", "0003_person_version")]

    operations = [migrations.RunPython(forwards, backwards)]
