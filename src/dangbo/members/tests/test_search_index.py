"""On PostgreSQL the member search (a substring of the name without diacritics) can use a
trigram index instead of reading every person."""

import pytest
from django.db import connection

from dangbo.domain.text import fold
from dangbo.members.models import Person

pytestmark = pytest.mark.postgres_only


def test_search_by_folded_substring_uses_the_trigram_index(imported_bloc):
    qs = Person.objects.filter(search_name__contains=fold("văn an")).values("code")
    assert list(qs) == [{"code": "P1"}]
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")  # a 7-row table would be scanned otherwise
        sql, params = qs.query.sql_with_params()
        cur.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cur.fetchall())
    assert "members_person_search_trgm" in plan, plan
