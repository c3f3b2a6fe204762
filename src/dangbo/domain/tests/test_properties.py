"""Property: whatever events are accepted, the tree and membership invariants hold on every date."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.domain import codes as C
from dangbo.domain import replay as R
from dangbo.domain.rulebook import RuleBook

START = dt.date(2015, 1, 1)
ORG_KINDS = ["thanh_lap", "doi_ten", "nang_cap", "chuyen_cap_tren", "sap_nhap", "giai_the", "chuyen_giao", "tiep_nhan", "doi_loai_hinh"]
MEMBER_KINDS = ["ket_nap", "chuyen_chinh_thuc", "phat_the", "chuyen_noi_bo", "chuyen_di", "chuyen_den", "tu_tran",
                "xoa_ten", "khai_tru", "mien_sinh_hoat", "tro_lai_sinh_hoat", "huy_hieu"]

step = st.tuples(
    st.integers(0, 2000),                      # day offset
    st.sampled_from(ORG_KINDS + MEMBER_KINDS * 2),
    st.integers(0, 50), st.integers(0, 50),    # picks among known codes
    st.sampled_from(C.LEVELS), st.sampled_from(C.ORG_TYPES),
)


def opening_state():
    events = [
        R.OrgEvent((0, 0), START, "khoi_tao", "R", ("o", 0), "Khối", C.ROOT),
        R.OrgEvent((0, 1), START, "khoi_tao", "R2", ("o", 1), "Khối 2", C.ROOT),
        R.OrgEvent((0, 2), START, "khoi_tao", "D", ("o", 2), "D", C.DBCS, "hanh_chinh", "R"),
        R.OrgEvent((0, 3), START, "khoi_tao", "C", ("o", 3), "C", C.CB, None, "D"),
        R.OrgEvent((0, 4), START, "khoi_tao", "S", ("o", 4), "S", C.CBCS, "khac", "R"),
    ]
    members = [R.MemberEvent((0, 10 + i), START, "khoi_tao", f"P{i}", ("m", i), cell, "chinh_thuc", dt.date(2000, 1, 1))
               for i, cell in enumerate(["C", "C", "S", "S"])]
    return events, members


def replay(orgs, members):
    return R.Replay(orgs, members, [], R.Context(RuleBook.defaults())).run()


def on(rows, day):
    return [r for r in rows if r.valid_from <= day and (r.valid_to is None or r.valid_to > day)]


def assert_invariants(result: R.ReplayResult):
    versions = [v for vs in result.versions.values() for v in vs]
    spells = [s for ss in result.spells.values() for s in ss]
    days = sorted({START} | {r.valid_from for r in versions + spells} | {r.valid_to for r in versions + spells if r.valid_to})
    for day in days:
        units = {v.code: v for v in on(versions, day)}
        for v in units.values():
            if v.level == C.ROOT:
                assert v.parent is None
                continue
            parent = units.get(v.parent)
            assert parent is not None, (day, v)
            assert C.child_level(parent.level, v.level in C.CELL_LEVELS) == v.level, (day, v, parent)
            assert v.path[:-1] == parent.path
            if v.level in C.TCCSD_LEVELS:
                assert v.org_type, (day, v)
        seen = set()
        for s in on(spells, day):
            assert s.person not in seen, (day, s)
            seen.add(s.person)
            cell = units.get(s.cell)
            assert cell is not None and cell.level in C.CELL_LEVELS, (day, s)


def pools(result: R.ReplayResult):
    """Codes of the units alive at the end of the replay: all, cells, committees."""
    alive = {c: vs[-1] for c, vs in result.versions.items() if vs and vs[-1].valid_to is None}
    cells = sorted(c for c, v in alive.items() if v.level in C.CELL_LEVELS)
    committees = sorted(c for c, v in alive.items() if v.level not in C.CELL_LEVELS)
    return alive, sorted(alive), cells, committees


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=30))
def test_accepted_event_streams_keep_every_invariant(steps):
    orgs, members = opening_state()
    result = replay(orgs, members)
    accepted = 0
    for n, (offset, kind, a, b, level, org_type) in enumerate(steps):
        day = START + dt.timedelta(days=offset)
        alive, every, cells, committees = pools(result)
        everything = sorted({e.code for e in orgs})
        if kind in ORG_KINDS:
            if kind == "thanh_lap":
                parent = committees[a % len(committees)]
                want = C.child_level(alive[parent].level, b % 2 == 0) or level
                ev = R.OrgEvent((1, n), day, kind, f"N{n}", ("o", n), "Mới", level if a % 7 == 0 else want, org_type, parent)
            elif kind == "tiep_nhan":
                code = everything[a % len(everything)]
                ev = R.OrgEvent((1, n), day, kind, code, ("o", n), None, level, org_type, committees[b % len(committees)])
            else:
                code = every[a % len(every)]
                same = [c for c in every if (c in cells) == (code in cells) and c != code] or every
                other = same[b % len(same)] if kind == "sap_nhap" else committees[b % len(committees)]
                target_level = C.UPGRADE.get(alive[code].level, level)
                ev = R.OrgEvent((1, n), day, kind, code, ("o", n), "Tên mới", target_level, org_type, other, other)
            trial = (orgs + [ev], members)
        else:
            person = f"P{a % 7}"
            cell = cells[b % len(cells)] if cells else "C"
            ev = R.MemberEvent((1, n), day, kind, person, ("m", n), cell, "chinh_thuc", dt.date(2000, 1, 1),
                               dt.date(2000, 1, 1), None, None, None, False, "12345678", 30)
            trial = (orgs, members + [ev])
        candidate = replay(*trial)
        if not candidate.errors:  # accepted, as a service would
            orgs, members = trial
            result = candidate
            accepted += 1
    assert_invariants(result)
