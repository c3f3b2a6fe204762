"""Emptying the data tables (`dangbo demo --replace`, and tests of an empty database)."""

from django.apps import apps
from django.db import connection

# Kept: users, sessions, their authenticators and sign-in failures, the rule versions and
# holidays, and the audit log.
KEEP_APPS = frozenset({"contenttypes", "auth", "sessions", "rules", "audit", "admin", "otp_totp", "axes"})


def empty_data_tables() -> None:
    """Delete every row of the data tables (inside the caller's transaction)."""
    tables = [m._meta.db_table for m in apps.get_models() if m._meta.app_label not in KEEP_APPS]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending deferred checks
            cur.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cur.execute("PRAGMA defer_foreign_keys=ON")
            for t in tables:
                cur.execute(f'DELETE FROM "{t}"')
            for t in tables:  # the tallies again: their triggers counted the deletes that came after
                if t.endswith("tally"):
                    cur.execute(f'DELETE FROM "{t}"')
