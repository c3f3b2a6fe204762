"""Property: a single write replayed narrowly — the units its events name, closed upwards
(`narrow.needed_org_events`), and only the persons it can touch — comes out exactly as a
replay of every unit and every person, on registers grown like a user's (only accepted
events stored, as the services store them)."""

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.domain import replay as R
from dangbo.domain.replay.narrow import (
    below,
    cells_named,
    named,
    needed_org_events,
    roots_of,
    touched_units,
)

from .helpers import base_tree, d, mem, opening, org
from .test_member_replay import RULES, build, draw, step
from .test_properties import replay

stored = st.lists(step, min_size=8, max_size=40).map(lambda steps: [s[:6] + (False,) for s in steps])
write = st.tuples(step, st.booleans(), st.integers(0, 10_000))  # the event drawn; voided instead; which


def as_stored(events):
    return [dataclasses.replace(e, new=False) for e in events]


def lookup(orgs):
    """`events_of` over a list: the events of each unit, by its code."""
    by_unit: dict[str, list] = {}
    for e in orgs:
        by_unit.setdefault(e.code, []).append(e)
    return lambda codes: [e for c in codes for e in by_unit.get(c, ())]


def naming(orgs):
    """`events_naming` over a list: the events whose parent or target is among `codes`."""
    return lambda codes: [e for e in orgs if e.parent in codes or e.target in codes]


def keyed(problems):
    return sorted((p.ref, p.code, p.column, str(p.value), p.message, p.rule) for p in problems)


def member_replay(orgs, members, expulsions, person, events_of):
    mine = [e for e in members if e.person == person]
    expelled = [x for x in expulsions if x.person == person]
    return R.Replay(needed_org_events(cells_named(mine), events_of), mine, expelled, R.Context(RULES)).run(), mine, expelled


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored, write)
def test_a_member_event_replayed_against_its_units_alone_comes_out_as_against_all(steps, w):
    orgs, members, expulsions = (as_stored(x) for x in build(steps))
    if w[1]:  # a void: one of a person's stored events goes
        person = f"P{w[2] % 9}"
        mine = [e for e in members if e.person == person]
        if not mine:
            return
        gone = mine[w[2] % len(mine)]
        members = [e for e in members if e is not gone]
    else:
        drawn = draw(999, w[0], orgs, replay(orgs, members))
        if drawn is None or drawn[0] == "org":
            return
        what, ev = drawn
        person = ev.person
        members, expulsions = (members + [ev], expulsions) if what == "member" else (members, expulsions + [ev])
    narrow, mine, expelled = member_replay(orgs, members, expulsions, person, lookup(orgs))
    whole = R.Replay(orgs, mine, expelled, R.Context(RULES)).run()
    assert narrow.spells.get(person) == whole.spells.get(person)
    assert keyed(narrow.problems) == keyed(whole.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored, write)
def test_a_unit_event_replayed_with_its_subtree_alone_comes_out_as_a_whole_replay(steps, w):
    orgs, members, expulsions = (as_stored(x) for x in build(steps))
    old = R.Replay(orgs, members, expulsions, R.Context(RULES)).run()
    if w[1]:  # a void: one stored unit event goes (not the opening ones: nothing would stand)
        later = [e for e in orgs if e.seq[0] == 1]
        if not later:
            return
        ev = later[w[2] % len(later)]
        after = [e for e in orgs if e is not ev]
        narrowed = after
    else:
        drawn = draw(999, w[0], orgs, old)
        if drawn is None or drawn[0] != "org":
            return
        ev = drawn[1]
        after, narrowed = orgs + [ev], orgs
    whole = R.Replay(after, members, expulsions, R.Context(RULES)).run()

    units = below({ev.code} if w[1] else touched_units(ev.kind, ev.code), naming(orgs))
    # Who was in one of them from that date: by a spell, or for part of a day (by an event).
    persons = {s.person for ss in old.spells.values() for s in ss
               if s.cell in units and (s.valid_to is None or s.valid_to >= ev.date)}
    persons |= {e.person for e in members if e.cell in units and e.date >= ev.date}
    theirs = [e for e in members if e.person in persons]
    seeds = named(ev) | units | cells_named(theirs)
    needed = needed_org_events(seeds, lookup(narrowed))
    narrow = R.Replay(needed + ([] if w[1] else [ev]), theirs, [x for x in expulsions if x.person in persons],
                      R.Context(RULES)).run()

    assert keyed(narrow.errors) == keyed(whole.errors)
    if whole.errors:
        return
    replayed = {c for e in needed for c in named(e)} | named(ev)
    for code in set(whole.versions) | set(old.versions):
        want = whole.versions.get(code, [])
        assert want == (narrow if code in replayed else old).versions.get(code, []), code
    for person in set(whole.spells) | set(old.spells):
        assert whole.spells.get(person, []) == (narrow if person in persons else old).spells.get(person, []), person
    assert set(whole.merges) == {m for m in old.merges if m[0] not in replayed} | set(narrow.merges)


def test_a_member_replay_reads_the_cells_units_up_to_the_root_and_a_merger_s_target():
    orgs = base_tree() + [
        org("2015-01-01", "khoi_tao", "C3", name="Chi bộ 3", level="chi_bo", parent="D"),
        org("2020-03-01", "sap_nhap", "C1", target="C2")]
    members = [opening("P0", "C1"), mem("2021-01-01", "chuyen_noi_bo", "P0", cell="C3")]
    needed = needed_org_events(cells_named(members), lookup(orgs))
    assert {e.code for e in needed} == {"C1", "C2", "C3", "D", "R"}  # not the sibling B, nor S
    narrow = R.Replay(needed, members, [], R.Context(RULES)).run()
    assert narrow.spell_on("P0", d("2020-03-01")).cell == "C2"
    assert narrow.spell_on("P0", d("2021-01-01")).cell == "C3"


def test_below_a_unit_is_what_ever_named_it_even_for_part_of_a_day():
    """D2 is made and merged into R2 on one day, so no stored version shows it under R: its
    events still name R, and a change of R reaches it (and C2, made under it)."""
    orgs = base_tree() + [
        org("2016-01-01", "khoi_tao", "R2", name="Khối 2", level="dang_bo_cap_tren"),
        org("2016-05-01", "thanh_lap", "D2", name="Đảng bộ 2", level="dang_bo_co_so", org_type="hanh_chinh", parent="R"),
        org("2016-05-01", "thanh_lap", "X2", name="Chi bộ X2", level="chi_bo", parent="D2"),
        org("2016-05-01", "sap_nhap", "D2", target="D")]
    assert below({"R"}, naming(orgs)) == {"R", "D", "S", "D2", "X2", "C1", "C2", "B", "B1"}
    assert below({"C1"}, naming(orgs)) == {"C1"}


def test_the_roots_of_a_closure_are_the_units_made_with_no_parent():
    orgs = base_tree() + [org("2016-01-01", "khoi_tao", "R2", name="Khối 2", level="dang_bo_cap_tren")]
    assert roots_of(orgs) == {"R", "R2"}
