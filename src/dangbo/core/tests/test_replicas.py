"""Report reads on a real streaming replica: a standby of the test cluster is started on this
machine (pg_basebackup, then its own postgres on another port), named to Django as a
replica, and the term report is built from it while writes stay on the primary."""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connections

from dangbo.core.replicas import ReplicaRouter, reporting

pytestmark = pytest.mark.postgres_only
PORT = 5439
BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1] if Path("/usr/lib/postgresql").exists() else None


def _as_postgres(*cmd, check=True):
    return subprocess.run(["runuser", "-u", "postgres", "--", *map(str, cmd)], check=check, capture_output=True, text=True)


@pytest.fixture(scope="module")
def standby(django_db_setup, django_db_blocker):
    """A hot standby of the primary, streaming from it, on port 5439."""
    folder = Path(tempfile.mkdtemp(prefix="dangbo-replica-"))
    shutil.chown(folder, "postgres")
    data = folder / "data"
    primary = connections["default"].settings_dict
    made = _as_postgres(BIN / "pg_basebackup", "-h", primary["HOST"] or "127.0.0.1", "-p", primary["PORT"] or 5432,
                        "-U", primary["USER"] or "postgres", "-D", data, "-R", "-X", "stream", "-c", "fast", check=False)
    assert made.returncode == 0, ("pg_basebackup: cần dòng 'host replication all 127.0.0.1/32 trust' trong pg_hba.conf "
                                  "(scripts/start-postgres thêm dòng này)\n" + made.stderr)
    (data / "postgresql.conf").write_text(f"listen_addresses = '127.0.0.1'\nport = {PORT}\nunix_socket_directories = '{folder}'\n"
                                          "hot_standby = on\nshared_buffers = 32MB\n")
    (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
    shutil.chown(data / "postgresql.conf", "postgres")
    shutil.chown(data / "pg_hba.conf", "postgres")
    _as_postgres(BIN / "pg_ctl", "-D", data, "-l", folder / "log", "-w", "start")
    alias = "replica_1"
    # A mirror of "default" for the test framework: never flushed, only read.
    connections.settings[alias] = {**primary, "PORT": PORT, "TEST": {**primary["TEST"], "MIRROR": "default"}}
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections.settings[alias]
        _as_postgres(BIN / "pg_ctl", "-D", data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _caught_up(alias: str, timeout: float = 30) -> None:
    """Wait until the standby has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cur:
        cur.execute("SELECT pg_current_wal_lsn()")
        target = cur.fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connections[alias].cursor() as cur:
            cur.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cur.fetchone()[0]:
                return
        time.sleep(0.2)
    raise AssertionError("the standby did not catch up")


def test_the_router_sends_report_reads_to_the_replica_only():
    router = ReplicaRouter()
    assert router.db_for_read(None) is None and router.db_for_write(None) == "default"
    with reporting() as alias:
        assert router.db_for_read(None) == alias and router.db_for_write(None) == "default"
    assert router.allow_migrate("replica_1", "members") is False and router.allow_migrate("default", "members")


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_term_report_is_read_from_a_streaming_replica(standby, rules, bloc_csv):
    from django.test.utils import CaptureQueriesContext

    from dangbo.exchange.importer import import_workbook
    from dangbo.reports.services import build_report, make_request

    with connections[standby].cursor() as cur:
        cur.execute("SELECT pg_is_in_recovery()")
        assert cur.fetchone()[0] is True  # a real standby, read-only
    assert import_workbook(bloc_csv).status == "applied"  # written on the primary, committed
    _caught_up(standby)
    req = make_request(roots=["R1"], term="2015-2020")
    with CaptureQueriesContext(connections[standby]) as on_replica, CaptureQueriesContext(connections["default"]) as on_primary:
        report = build_report(req, series=False)
    assert len(on_replica.captured_queries) > 5
    assert not [q for q in on_primary.captured_queries if "members_memberspell" in q["sql"]]
    assert report.values["to_chuc.tccsd"] == 2 and report.values["dang_vien.tong"] == 5
    with reporting(on="default"):
        assert build_report(req, series=False).values == report.values  # the primary's own answer
    with pytest.raises(Exception, match="read-only"):
        with connections[standby].cursor() as cur:
            cur.execute("CREATE TABLE x (i int)")
