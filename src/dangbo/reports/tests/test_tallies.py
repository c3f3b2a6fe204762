"""The tallies the term report reads stay equal to a count of the records, whatever writes
them: the importer's COPY, a member event and its voiding, a rating grid, a unit event that
moves members (and so rewrites their derived scope), a first load in bulk."""

import datetime as dt

import pytest
from django.db.models import Count

from dangbo.assessment.models import Rating, RatingTally
from dangbo.assessment.services import save_ratings
from dangbo.members.models import MemberEvent, MemberEventTally, Person
from dangbo.members.services import record_member_event, void_member_event
from dangbo.orgs.models import OrgVersion
from dangbo.orgs.services import record_org_event

D = dt.date


def _tallies():
    ratings = {tuple(k): n for *k, n in RatingTally.objects.values_list("scope_root_id", "year", "subject_kind", "level", "n") if n}
    events = {tuple(k): n for *k, n in MemberEventTally.objects.values_list("scope_root_id", "month", "kind", "n") if n}
    return ratings, events


def _recount():
    ratings = {(r, y, k, lvl): n for r, y, k, lvl, n in Rating.objects.current().filter(scope_root__isnull=False)
               .values_list("scope_root_id", "year", "subject_kind", "level").annotate(n=Count("id")).order_by()}
    events: dict = {}
    for root, day, kind in MemberEvent.objects.current().filter(scope_root__isnull=False).values_list("scope_root_id", "date", "kind"):
        key = (root, day.replace(day=1), kind)
        events[key] = events.get(key, 0) + 1
    return ratings, events


def test_every_write_keeps_the_tallies(imported_bloc):
    assert _tallies() == _recount() and _tallies()[0] and _tallies()[1]
    p2 = Person.objects.get(code="P2")
    event = record_member_event(user=None, kind="chuyen_di", person=p2, date=D(2019, 4, 10))
    assert _tallies() == _recount()
    void_member_event(user=None, event=event, reason="Ghi nhầm")
    assert _tallies() == _recount()
    unit = OrgVersion.objects.get(org__code="D1", valid_to__isnull=True)
    save_ratings(user=None, year=2016, unit=unit, entries={"P1": ("tot", None, ""), "P2": ("hoan_thanh", None, "")})
    save_ratings(user=None, year=2016, unit=unit, entries={"P1": ("hoan_thanh", None, "")})  # supersedes
    assert _tallies() == _recount()
    before = _tallies()
    record_org_event(user=None, kind="sap_nhap", org="C1", date=D(2017, 1, 1), target="C2")
    assert _tallies() == _recount()
    assert _tallies() == before  # the merged cell's members stay in the same root: the same counts


@pytest.mark.postgres_only
def test_a_first_load_in_bulk_recounts_the_tallies_once_and_puts_the_triggers_back(rules, bloc_csv, settings):
    from django.db import connection

    from dangbo.exchange.importer import import_workbook

    settings.DANGBO_BULK_LOAD_ROWS = 1  # every table this small workbook fills counts as a first load
    assert import_workbook(bloc_csv).status == "applied"
    assert _tallies() == _recount() and _tallies()[0] and _tallies()[1]
    with connection.cursor() as cur:
        cur.execute("SELECT tgname, tgenabled FROM pg_trigger WHERE tgname LIKE '%%tally_%%' ORDER BY 1")
        assert [e for _, e in cur.fetchall()] == ["O"] * 6  # three per tally, all enabled again
    p2 = Person.objects.get(code="P2")
    void_member_event(user=None, event=record_member_event(user=None, kind="chuyen_di", person=p2, date=D(2019, 4, 10)),
                      reason="Ghi nhầm")
    unit = OrgVersion.objects.get(org__code="D1", valid_to__isnull=True)
    save_ratings(user=None, year=2016, unit=unit, entries={"P1": ("tot", None, "")})
    assert _tallies() == _recount()
