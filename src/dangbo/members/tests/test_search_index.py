"""On PostgreSQL the member search reads the name keys' index in its order (a page, not every
match), in byte order whatever the database's collation."""

import pytest
from django.db import connection

from dangbo.core.temporal import on
from dangbo.members.models import MemberSpell
from dangbo.members.selectors import searched

pytestmark = pytest.mark.postgres_only


def test_the_search_reads_the_name_key_index(imported_bloc):
    import datetime as dt

    qs = searched(MemberSpell.objects.filter(on(dt.date(2016, 12, 31))), "văn an").values("person__code")[:50]
    assert [r["person__code"] for r in qs] == ["P1"]
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")  # a 7-row table would be scanned otherwise
        sql, params = qs.query.sql_with_params()
        cur.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cur.fetchall())
        cur.execute("SELECT collation_name FROM information_schema.columns WHERE table_name = 'members_namekey' AND column_name = 'key'")
        assert cur.fetchone()[0] == "C"
    assert "namekey_key_person" in plan, plan
