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
    from dangbo.projections.check import drift

    return drift() == {}


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


def second_province(board):
    """A second root (another province's bloc) with two cells and a member of its own, Q1."""
    from dangbo.members.services import create_person, record_member_event
    from dangbo.orgs.models import Org
    from dangbo.orgs.services import record_org_event

    record_org_event(user=board, kind="khoi_tao", org="R2", date=D(2015, 1, 1), name="Đảng bộ Khối B",
                     level="dang_bo_cap_tren")
    for code, name in (("S2", "Chi bộ Công ty Nước"), ("S3", "Chi bộ Công ty Xe buýt")):
        record_org_event(user=board, kind="khoi_tao", org=code, date=D(2015, 1, 1), name=name,
                         level="chi_bo_co_so", org_type="doanh_nghiep", parent="R2")
    person = create_person(user=board, code="Q1", full_name="Lò Văn Sơn", birth_date=D(1980, 5, 1), sex="nam")
    record_member_event(user=board, kind="chuyen_den", person=person, date=D(2016, 1, 1), cell=Org.objects.get(code="S2"),
                        status="chinh_thuc", admission_date=D(2005, 1, 1), official_date=D(2006, 1, 1),
                        override_reason="Chuyển đến từ tỉnh khác")


def held_open_while(first, second, hold: float = 3.0):
    """Run `first` in a transaction kept open until `second` (in another connection, started
    once `first` has written) finishes or `hold` seconds pass. Returns whether `second`
    finished while `first` still held its locks, and what each returned or raised."""
    from django.db import connection, transaction

    written, finished = threading.Event(), threading.Event()
    results: list = [None, None]
    before_commit = [False]

    def one():
        try:
            with transaction.atomic():
                results[0] = first()
                written.set()
                before_commit[0] = finished.wait(hold)
        except Exception as exc:  # noqa: BLE001 - the refusal is the result being checked
            results[0] = exc
            written.set()
        finally:
            connection.close()

    def two():
        try:
            written.wait(30)
            results[1] = second()
            finished.set()
        except Exception as exc:  # noqa: BLE001
            results[1] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return before_commit[0], results


def rename(board, code, name):
    from dangbo.orgs.services import record_org_event

    return lambda: record_org_event(user=board, kind="doi_ten", org=code, date=D(2017, 1, 10), name=name)


def transfer(board, person, cell):
    from dangbo.members.models import Person
    from dangbo.members.services import record_member_event
    from dangbo.orgs.models import Org

    return lambda: record_member_event(user=board, kind="chuyen_noi_bo", person=Person.objects.get(code=person),
                                       date=D(2017, 2, 1), cell=Org.objects.get(code=cell))


def test_a_member_event_in_one_province_does_not_wait_for_a_unit_event_in_another(bloc):
    second_province(bloc["board"])
    from dangbo.members.models import MemberSpell

    did_not_wait, results = held_open_while(rename(bloc["board"], "C1", "Chi bộ Văn phòng Sở"),
                                            transfer(bloc["board"], "Q1", "S3"))
    assert not any(isinstance(r, Exception) for r in results), results
    assert did_not_wait
    assert MemberSpell.objects.get(person__code="Q1", valid_to__isnull=True).cell.code == "S3"
    assert stored_matches_a_full_replay() and no_one_in_two_cells()


def test_unit_events_in_two_provinces_do_not_wait_for_each_other(bloc):
    second_province(bloc["board"])
    did_not_wait, results = held_open_while(rename(bloc["board"], "C1", "Chi bộ Văn phòng Sở"),
                                            rename(bloc["board"], "S2", "Chi bộ Công ty Cấp nước"))
    assert not any(isinstance(r, Exception) for r in results), results
    assert did_not_wait
    assert stored_matches_a_full_replay()


def test_a_member_event_in_the_same_province_waits_for_its_unit_event(bloc):
    """The control of the two above: within one root the member event waits, as it must."""
    did_not_wait, results = held_open_while(rename(bloc["board"], "C1", "Chi bộ Văn phòng Sở"),
                                            transfer(bloc["board"], "P4", "C1"), hold=1.5)
    assert not any(isinstance(r, Exception) for r in results), results
    assert not did_not_wait
    assert stored_matches_a_full_replay() and no_one_in_two_cells()


def test_a_monthly_workbook_in_one_province_does_not_wait_for_a_unit_event_in_another(bloc, tmp_path):
    from dangbo.exchange.importer import import_workbook
    from dangbo.fixtures.workbooks import write_csv_folder

    second_province(bloc["board"])
    month = write_csv_folder({"bien_dong_dang_vien": [
        {"ngay": D(2017, 3, 1), "loai": "chuyen_noi_bo", "ma_nguoi": "Q1", "ma_to_chuc": "S3"}]}, tmp_path / "month")
    did_not_wait, results = held_open_while(rename(bloc["board"], "C1", "Chi bộ Văn phòng Sở"),
                                            lambda: import_workbook(month))
    assert not isinstance(results[0], Exception) and results[1].status == "applied", results
    assert did_not_wait
    assert stored_matches_a_full_replay()


def test_two_clerks_creating_the_same_root_at_the_same_moment(bloc):
    from dangbo.orgs.models import OrgEvent
    from dangbo.orgs.services import record_org_event

    def create():
        return record_org_event(user=bloc["board"], kind="khoi_tao", org="R9", date=D(2017, 1, 1),
                                name="Đảng bộ Khối mới", level="dang_bo_cap_tren")

    results = at_once(create, create)
    assert sum(isinstance(r, OrgEvent) for r in results) == 1, results
    refused = next(r for r in results if isinstance(r, DomainError))
    assert refused.codes == ["code_taken"]
    assert OrgEvent.objects.filter(org__code="R9").count() == 1
    assert stored_matches_a_full_replay()


def test_two_clerks_creating_one_cell_code_in_two_provinces_at_the_same_moment(bloc):
    from dangbo.orgs.models import OrgEvent
    from dangbo.orgs.services import record_org_event

    second_province(bloc["board"])

    def create(parent, level):
        return lambda: record_org_event(user=bloc["board"], kind="thanh_lap", org="X1", date=D(2017, 1, 1),
                                        name="Chi bộ mới", level=level, org_type="doanh_nghiep", parent=parent)

    results = at_once(create("D1", "chi_bo"), create("R2", "chi_bo_co_so"))
    assert sum(isinstance(r, OrgEvent) for r in results) == 1, results
    assert next(r for r in results if isinstance(r, DomainError)).codes == ["code_taken"]
    assert stored_matches_a_full_replay()


def test_two_clerks_creating_one_person_code_at_the_same_moment(bloc):
    from dangbo.domain.problems import Conflict
    from dangbo.members.models import Person
    from dangbo.members.services import create_person

    def create():
        return create_person(user=bloc["board"], code="P99", full_name="Lò Thị Mai", birth_date=D(1990, 2, 3), sex="nu")

    results = at_once(create, create)
    assert sum(isinstance(r, Person) for r in results) == 1, results
    assert next(r for r in results if isinstance(r, Conflict)).codes == ["code_taken"]
