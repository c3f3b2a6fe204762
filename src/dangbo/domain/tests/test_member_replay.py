"""Property: persons replayed against a recorded unit replay (`MemberReplay`), in one group
or several, come out exactly as in one replay of the units with all of them."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.domain import codes as C
from dangbo.domain import replay as R
from dangbo.domain.rulebook import RuleBook

from .helpers import base_tree, d, mem, opening, org, run
from .test_properties import MEMBER_KINDS, ORG_KINDS, START, opening_state, pools, replay

RULES = RuleBook.defaults()

step = st.tuples(
    st.integers(0, 1500),
    st.sampled_from(ORG_KINDS * 2 + MEMBER_KINDS + ["khai_tru_ky_luat"]),
    st.integers(0, 50), st.integers(0, 50),
    st.sampled_from(C.LEVELS), st.sampled_from(C.ORG_TYPES),
    st.booleans(),  # kept even when refused
)


def draw(n, step_, orgs, result):
    """The event a step draws among the units alive in `result`: ("org" | "member" |
    "expel", event), or None when no unit is left."""
    offset, kind, a, b, level, org_type = step_[:6]
    day = START + dt.timedelta(days=offset)
    alive, every, cells, committees = pools(result)
    if not every:
        return None
    person, cell = f"P{a % 9}", (cells[b % len(cells)] if cells else "C")
    if kind in ORG_KINDS:
        if kind == "thanh_lap" and committees:
            parent = committees[a % len(committees)]
            return "org", R.OrgEvent((1, n), day, kind, f"N{n}", ("o", n), "Mới",
                                     C.child_level(alive[parent].level, b % 2 == 0) or level, org_type, parent)
        code = sorted({e.code for e in orgs})[a % len({e.code for e in orgs})] if kind == "tiep_nhan" else every[a % len(every)]
        same = [c for c in every if (c in cells) == (code in cells) and c != code] or every
        other = same[b % len(same)] if kind == "sap_nhap" else (committees or every)[b % len(committees or every)]
        return "org", R.OrgEvent((1, n), day, kind, code, ("o", n), "Tên",
                                 C.UPGRADE.get(alive[code].level, level) if code in alive else level, org_type, other, other)
    if kind == "khai_tru_ky_luat":
        return "expel", R.Expulsion((1, n), day, person, ("x", n))
    return "member", R.MemberEvent((1, n), day, kind, person, ("m", n), cell, "chinh_thuc", dt.date(2000, 1, 1),
                                   dt.date(2000, 1, 1), None, None, None, False, "12345678", 30)


def build(steps):
    """An event stream grown like a user's: each step chosen among the units alive after the
    ones before it, kept when it is accepted and, by the drawn flag, often when it is not."""
    orgs, members = opening_state()
    expulsions: list[R.Expulsion] = []
    result = replay(orgs, members)
    for n, step_ in enumerate(steps):
        drawn = draw(n, step_, orgs, result)
        if drawn is None:
            break
        what, ev = drawn
        trial = (orgs + [ev] if what == "org" else orgs, members + [ev] if what == "member" else members,
                 expulsions + [ev] if what == "expel" else expulsions)
        candidate = R.Replay(*trial, R.Context(RULES)).run()
        if step_[6] or not candidate.errors:
            orgs, members, expulsions = trial
            result = candidate
    return orgs, members, expulsions


def member_side(problems):
    return sorted((p.ref, p.column, str(p.value), p.message, p.rule) for p in problems if p.ref[0] != "o")


def occupancy(parts):
    return sorted((o.ref, o.code, o.day, o.kind, tuple(sorted(o.members))) for o in R.merge_occupancy(parts))


def spells(result):
    return {p: list(s) for p, s in result.spells.items() if s}


def split_replay(orgs, members, expulsions, groups: int):
    """The unit replay once, then each group of persons against it; their parts together."""
    tree = R.Replay(orgs, [], [], R.Context(RULES), record_units=True).run()
    persons = sorted({e.person for e in members} | {e.person for e in expulsions})
    out_spells, out_problems, out_occupancy = {}, [], []
    for g in range(groups):
        mine = set(persons[g::groups])
        part = R.MemberReplay(tree, [e for e in members if e.person in mine],
                              [e for e in expulsions if e.person in mine], R.Context(RULES)).run()
        assert part.versions is tree.versions and part.merges is tree.merges
        out_spells.update(spells(part))
        out_problems += [p for p in part.problems if p.ref[0] != "o"]
        out_occupancy += part.occupancy
    return tree, out_spells, out_problems, out_occupancy


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=40), st.integers(1, 3))
def test_members_against_the_recorded_units_come_out_as_in_one_replay(steps, groups):
    orgs, members, expulsions = build(steps)
    whole = R.Replay(orgs, members, expulsions, R.Context(RULES)).run()
    tree, got_spells, got_problems, got_occupancy = split_replay(orgs, members, expulsions, groups)
    assert got_spells == spells(whole)
    assert member_side(got_problems) == member_side(whole.problems)
    assert occupancy(got_occupancy) == occupancy(whole.occupancy)
    assert sorted(map(repr, tree.problems)) == sorted(repr(p) for p in whole.problems
                                                     if p.ref[0] == "o" and p not in [o.problem() for o in whole.occupancy])


def test_a_merger_a_dissolution_and_a_hand_over_reach_the_members_of_a_group():
    day = "2020-03-01"
    orgs = base_tree() + [
        org("2015-01-01", "khoi_tao", "C3", name="Chi bộ 3", level="chi_bo", parent="D"),
        org(day, "sap_nhap", "C1", target="C2"), org(day, "giai_the", "C3"), org(day, "chuyen_giao", "B")]
    members = [opening("P0", "C1"), opening("P1", "C3"), opening("P2", "B1"), opening("P3", "S"),
               mem("2019-05-01", "chuyen_noi_bo", "P3", cell="C2")]
    tree = R.Replay(orgs, [], [], R.Context(RULES), record_units=True).run()
    part = R.MemberReplay(tree, members, [], R.Context(RULES)).run()
    whole = run(orgs, members)
    on, before = d(day), d("2020-02-29")
    assert part.spell_on("P0", on).cell == "C2"
    assert [(o.code, o.kind, sorted(o.members)) for o in part.occupancy] == [("C3", "dissolve", ["P1"])]
    assert part.spell_on("P2", on) is None and part.spell_on("P2", before).cell == "B1"
    assert part.spell_on("P3", on).cell == "C2"
    assert spells(part) == spells(whole) and member_side(part.problems) == member_side(whole.problems)
