"""Each persona reaches exactly its units, on the day looked at."""

import datetime as dt

from dangbo.accounts.access import reach, restrict_versions
from dangbo.orgs.models import OrgVersion

DAY = dt.date(2016, 12, 31)


def visible(user):
    return set(restrict_versions(OrgVersion.objects.all(), user, DAY).values_list("org__code", flat=True))


def test_each_persona_sees_its_subtree(people):
    everything = {"R1", "D1", "C1", "C2", "S1"}
    assert visible(people["admin"]) == everything
    assert visible(people["board"]) == everything
    assert visible(people["leader"]) == everything
    assert visible(people["secretary_a"]) == {"D1", "C1", "C2"}
    assert visible(people["secretary_b"]) == {"S1"}
    assert visible(people["outsider"]) == set()


def test_writers_and_readers(people):
    assert reach(people["board"], DAY).can_write and reach(people["secretary_a"], DAY).can_write
    assert not reach(people["leader"], DAY).can_write and not reach(people["outsider"], DAY).can_write


def test_a_grant_out_of_its_period_gives_nothing(people):
    from dangbo.accounts.models import Grant

    Grant.objects.filter(user=people["secretary_a"]).update(valid_to=dt.date(2015, 12, 31))
    assert visible(people["secretary_a"]) == set()
