"""Concurrent writes with real parallel connections (PostgreSQL): two clerks acting on one
member at the same moment, or a unit event beside a member event, never leave the register
inconsistent: no member in two cells, no projection missing someone else's event."""

import datetime as dt
import threading

import pytest

from dangbo.domain.problems import DomainError

pytestmark = [pytest.mark.postgres_only]
D = dt.date


@pytest.fixture
def bloc(transactional_db, rules, bloc_csv):
    from dangbo.accounts.tests.personas import personas
    from dangbo.exchange.importer import import_workbook

    assert import_workbook(bloc_csv).status == "applied"
    return personas()


def at_once(*actions):
    """Run each action in its own thread (its own database connection), released together.
    Returns what each returned or raised."""
    from django.db import connection

    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait()
            results[i] = action()
        except Exception as exc:  # noqa: BLE001 - the refusal is the result being checked
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def stored_matches_a_full_replay():
    """The projections in the database equal a replay of every stored event from scratch."""
    from dangbo import projections
    from dangbo.members.models import MemberSpell
    from dangbo.orgs.models import OrgVersion
    from dangbo.rules.selectors import rulebook

    result = projections.replay_all(rulebook())
    want_spells = {(s.person, s.valid_from, s.valid_to, s.cell, s.status) for spells in result.spells.values() for s in spells}
    got_spells = set(MemberSpell.objects.values_list("person__code", "valid_from", "valid_to", "cell__code", "status"))
    want_units = {(v.code, v.valid_from, v.valid_to, v.name, v.parent) for vs in result.versions.values() for v in vs}
    got_units = set(OrgVersion.objects.values_list("org__code", "valid_from", "valid_to", "name", "parent__code"))
    return want_spells == got_spells and want_units == got_units


def no_one_in_two_cells():
    from dangbo.members.models import MemberSpell

    by_person = {}
    for person, start, end in MemberSpell.objects.values_list("person_id", "valid_from", "valid_to").order_by("person_id", "valid_from"):
        by_person.setdefault(person, []).append((start, end))
    return all(a[1] is not None and a[1] <= b[0] for spells in by_person.values() for a, b in zip(spells, spells[1:], strict=False))


def test_one_candidate_admitted_twice_at_the_same_moment(bloc):
    from dangbo.members.models import MemberEvent, Person
    from dangbo.members.services import record_member_event
    from dangbo.orgs.models import Org

    def admit(cell):
        return lambda: record_member_event(user=bloc["board"], kind="ket_nap", person=Person.objects.get(code="P7"),
                                           date=D(2017, 3, 1), cell=Org.objects.get(code=cell), override_reason="Thử đồng thời")

    results = at_once(admit("C1"), admit("S1"))
    assert sum(isinstance(r, MemberEvent) for r in results) == 1, results
    assert sum(isinstance(r, DomainError) for r in results) == 1, results
    assert MemberEvent.objects.filter(person__code="P7", kind="ket_nap").count() == 1
    assert no_one_in_two_cells() and stored_matches_a_full_replay()


def test_two_transfers_of_one_member_at_the_same_moment(bloc):
    from dangbo.members.models import MemberSpell, Person
    from dangbo.members.services import record_member_event
    from dangbo.orgs.models import Org

    def move(cell, day):
        return lambda: record_member_event(user=bloc["board"], kind="chuyen_noi_bo", person=Person.objects.get(code="P2"),
                                           date=day, cell=Org.objects.get(code=cell))

    at_once(move("C2", D(2017, 3, 1)), move("S1", D(2017, 3, 1)))
    assert MemberSpell.objects.filter(person__code="P2", valid_to__isnull=True).count() == 1
    assert no_one_in_two_cells() and stored_matches_a_full_replay()


def test_a_unit_event_beside_member_events(bloc):
    from dangbo.members.models import Person
    from dangbo.members.services import record_member_event
    from dangbo.orgs.models import Org
    from dangbo.orgs.services import record_org_event

    def move_member(code, cell):
        return lambda: record_member_event(user=bloc["board"], kind="chuyen_noi_bo", person=Person.objects.get(code=code),
                                           date=D(2017, 2, 1), cell=Org.objects.get(code=cell))

    results = at_once(lambda: record_org_event(user=bloc["board"], kind="doi_ten", org="C1", date=D(2017, 1, 10),
                                               name="Chi bộ Văn phòng Sở"),
                      move_member("P1", "C2"), move_member("P4", "C2"))
    assert not any(isinstance(r, Exception) for r in results), results
    assert stored_matches_a_full_replay() and no_one_in_two_cells()


def test_two_clerks_editing_one_person(bloc):
    from dangbo.domain.problems import Conflict
    from dangbo.members.models import Person
    from dangbo.members.services import update_person

    seen = Person.objects.get(code="P1").version
    results = at_once(
        lambda: update_person(user=bloc["board"], person=Person.objects.get(code="P1"), expected_version=seen, hometown="Nam Định"),
        lambda: update_person(user=bloc["secretary_a"], person=Person.objects.get(code="P1"), expected_version=seen, hometown="Hà Nam"))
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    assert Person.objects.get(code="P1").version == seen + 1
