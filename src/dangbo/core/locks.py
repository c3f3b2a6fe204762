"""The register's write lock. A unit event or an import replays and rewrites the projections
of everyone it touches, so it must not interleave with any other write to the register; a
member event rewrites only one person's spells (its person row is locked too), so member
events may run side by side. On PostgreSQL this is a transaction-scoped advisory lock,
exclusive or shared; SQLite already runs one writing transaction at a time (IMMEDIATE)."""

from django.db import connection

REGISTER_LOCK = 0x64616E67  # "dang"


def lock_register(*, exclusive: bool) -> None:
    """Call inside the writing transaction; released at its end."""
    if connection.vendor == "postgresql":
        fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {fn}(%s)", [REGISTER_LOCK])
