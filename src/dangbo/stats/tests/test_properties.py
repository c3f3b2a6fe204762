"""The statistics' invariants on generated registers (member-file.md): each group sums to the
total, and the database classes every member as `domain.basic_stats.classify` does, whatever
the details hold (codes, labels kept from before the coding, blanks) and the dates (birthdays
and admissions around the day, 29 February)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.domain import basic_stats as S
from dangbo.domain import file_codes as F
from dangbo.members.models import MemberSpell, Person
from dangbo.orgs.models import Org, OrgVersion
from dangbo.stats import tally
from dangbo.stats.selectors import Scope, count, members_counted

D = dt.date
ON = D(2024, 2, 29)


def _values(kind):
    codes = list(F.gdpt_values()) if kind == "gdpt" else list(F.codes(kind))
    return st.sampled_from(codes + ["", "Tai Dam", "chưa rõ"])


member = st.fixed_dictionaries({
    "sex": st.sampled_from(["nam", "nu"]),
    "birth": st.one_of(st.dates(D(1930, 1, 1), D(2006, 12, 31)), st.sampled_from([D(1994, 2, 28), D(1992, 2, 29),
                                                                                  D(1993, 3, 1), D(1956, 2, 29)])),
    "party": st.one_of(st.dates(D(1960, 1, 1), ON), st.sampled_from([D(2014, 2, 28), D(2014, 3, 1), D(1974, 2, 28)])),
    "ethnicity": _values("dan_toc"), "religion": _values("ton_giao"), "gdpt": _values("gdpt"),
    "qualification": _values("chuyen_mon"), "theory": _values("llct"),
    "in_scope": st.booleans(),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(member, max_size=12))
def test_groups_sum_to_the_total_and_agree_with_the_definition(rules, members):
    with transaction.atomic():
        root = Org.objects.create(code="R", settings={})
        cell = Org.objects.create(code="C", settings={})
        OrgVersion.objects.create(org=root, valid_from=D(2000, 1, 1), name="Khối", level="dang_bo_cap_tren", root=root,
                                  path=f"/{root.pk}/", depth=0)
        OrgVersion.objects.create(org=cell, valid_from=D(2000, 1, 1), name="Chi bộ", level="chi_bo_co_so", root=root,
                                  parent=root, org_type="khac", path=f"/{root.pk}/{cell.pk}/", depth=1)
        expected = {k: 0 for k in S.KEYS}
        for i, m in enumerate(members):
            p = Person.objects.create(code=f"X{i}", full_name=f"X {i}", search_name="x", birth_date=m["birth"], sex=m["sex"],
                                      ethnicity=m["ethnicity"], religion=m["religion"], general_education=m["gdpt"],
                                      qualification=m["qualification"], theory_level=m["theory"])
            # a member in scope on the day, or one whose spell ended on it (out at its end)
            MemberSpell.objects.create(person=p, cell=cell, valid_from=D(2000, 1, 1), status="chinh_thuc", sex=m["sex"],
                                       valid_to=None if m["in_scope"] else ON, party_age_from=m["party"])
            if m["in_scope"]:
                for key in S.classify(day=ON, sex=m["sex"], birth=m["birth"], party_from=m["party"],
                                      ethnicity=m["ethnicity"], religion=m["religion"], general_education=m["gdpt"],
                                      qualification=m["qualification"], theory_level=m["theory"]):
                    expected[key] += 1
        scope = Scope(ON, [root.pk], None, 2)
        total = count(scope).total
        assert dict(total) == expected
        for _, _, keys in S.GROUPS[1:]:
            assert sum(total[k] for k in keys) == total[S.TOTAL]
        assert len(members_counted(scope, "gdpt.chua_ro")) == total["gdpt.chua_ro"]
        # every root's totals alone count the same members
        assert count(Scope(ON, None, None, 1), rows=False).total == total
        # and the kept tally, built from these members' steps, the same
        assert tally.totals(ON) == total
        transaction.set_rollback(True)
