"""The tallies' triggers survive the migrations: SQLite rebuilds a table to add a NOT NULL
column and drops its triggers with it (found when the member file's introducers were added:
the term report stopped counting new admissions)."""

from django.db import connection

from dangbo.core.tallies import PENDING_SOURCES, TALLIES, triggers_of


def _triggers() -> set[str]:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cur.fetchall()}


def test_every_tally_has_its_triggers_after_the_migrations(db):
    expected = {t for source in (*TALLIES, *PENDING_SOURCES) for t in triggers_of(source)}
    assert len(expected) == 2 * 3 + 7
    assert expected <= _triggers()
