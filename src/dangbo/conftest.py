"""Shared fixtures: workbooks, an imported small bloc, and the PostgreSQL-only marker."""

import copy
from pathlib import Path

import pytest

from dangbo.fixtures.workbooks import small_bloc, write_csv_folder, write_xlsx


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="chỉ chạy trên PostgreSQL")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing is slow on purpose; tests sign in hundreds of times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the dashboard's cache key (the last audit entry)
    repeats across tests, whose databases are rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def bloc_data():
    return small_bloc()


@pytest.fixture
def bloc_csv(tmp_path, bloc_data) -> Path:
    return write_csv_folder(bloc_data, tmp_path / "bloc")


@pytest.fixture
def bloc_xlsx(tmp_path, bloc_data) -> Path:
    return write_xlsx(bloc_data, tmp_path / "bloc.xlsx")


def _seed_rules():
    from dangbo.rules.services import seed_rules_and_holidays

    seed_rules_and_holidays(first_year=2010, last_year=2030)


@pytest.fixture(scope="session")
def _rules_rows(django_db_setup, django_db_blocker):
    from dangbo.fixtures.snapshot import Snapshot

    with django_db_blocker.unblock():
        return Snapshot.of(_seed_rules)


@pytest.fixture(scope="session")
def _bloc_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small bloc imported once per session (issue 21: the importer ran for every test)."""
    from dangbo.exchange.importer import import_workbook
    from dangbo.fixtures.snapshot import Snapshot

    folder = write_csv_folder(small_bloc(), tmp_path_factory.mktemp("bloc"))

    def build():
        result = import_workbook(folder)
        assert result.status == "applied", [str(p) for p in result.errors]
        return result

    with django_db_blocker.unblock():
        return Snapshot.of(build, after=_seed_rules)


@pytest.fixture(scope="session")
def _demo_rows(django_db_setup, django_db_blocker):
    """The demo bloc loaded once per session (20 s each time): what `load_demo` returned too."""
    from dangbo.fixtures.demo import load_demo
    from dangbo.fixtures.snapshot import Snapshot

    with django_db_blocker.unblock():
        return Snapshot.of(load_demo, after=_seed_rules)


@pytest.fixture
def demo(rules, _demo_rows):
    """The demo bloc in this test's database; the counts its load reported."""
    _demo_rows.restore()
    return copy.deepcopy(_demo_rows.value)


@pytest.fixture
def rules(db, _rules_rows):
    _rules_rows.restore()


@pytest.fixture
def imported_bloc(rules, _bloc_rows):
    _bloc_rows.restore()
    return copy.deepcopy(_bloc_rows.value)


@pytest.fixture
def people(imported_bloc):
    from dangbo.accounts.tests.personas import personas

    return personas()


@pytest.fixture
def p6_followed_by_s1(people, tmp_path):
    """P6 (never a member) has a candidate file followed by S1, secretary B's cell."""
    import datetime as dt

    from dangbo.exchange.importer import import_workbook
    from dangbo.fixtures.workbooks import write_csv_folder

    folder = write_csv_folder({"quan_chung": [{"ma_nguoi": "P6", "ma_to_chuc": "S1", "ngay_mo_ho_so": dt.date(2016, 2, 1)}]},
                              tmp_path / "qc")
    assert import_workbook(folder).status == "applied"


@pytest.fixture
def as_user(client, people):
    def login(name):
        from dangbo.accounts.tests.personas import sign_in

        return sign_in(client, people[name])
    return login
