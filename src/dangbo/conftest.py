"""Shared fixtures: workbooks, an imported small bloc, and the PostgreSQL-only marker."""

from pathlib import Path

import pytest

from dangbo.testing.workbooks import small_bloc, write_csv_folder, write_xlsx


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


@pytest.fixture
def rules(db):
    from dangbo.rules.services import seed_rules_and_holidays

    seed_rules_and_holidays(first_year=2010, last_year=2030)


@pytest.fixture
def imported_bloc(rules, bloc_csv):
    from dangbo.exchange.importer import import_workbook

    result = import_workbook(bloc_csv)
    assert result.status == "applied", [str(p) for p in result.errors]
    return result


@pytest.fixture
def people(imported_bloc):
    from dangbo.accounts.tests.personas import personas

    return personas()


@pytest.fixture
def p6_followed_by_s1(people, tmp_path):
    """P6 (never a member) has a candidate file followed by S1, secretary B's cell."""
    import datetime as dt

    from dangbo.exchange.importer import import_workbook
    from dangbo.testing.workbooks import write_csv_folder

    folder = write_csv_folder({"quan_chung": [{"ma_nguoi": "P6", "ma_to_chuc": "S1", "ngay_mo_ho_so": dt.date(2016, 2, 1)}]},
                              tmp_path / "qc")
    assert import_workbook(folder).status == "applied"


@pytest.fixture
def as_user(client, people):
    def login(name):
        from dangbo.accounts.tests.personas import sign_in

        return sign_in(client, people[name])
    return login
