"""An import killed with SIGKILL in the middle of writing (a power cut, the OOM killer)
leaves the database exactly as it was, on SQLite and PostgreSQL, and the same file imports
cleanly afterwards."""

import filecmp
import os
import signal
import subprocess
import uuid

import pytest
from django.db import connection

from dangbo.fixtures.workbooks import small_bloc, write_csv_folder

from .test_cli import dangbo


@pytest.fixture
def scratch_env(tmp_path):
    """A database of its own for the subprocesses, on the backend the tests run on."""
    env = dict(os.environ, DANGBO_DATA_DIR=str(tmp_path / "data"))
    if connection.vendor != "postgresql":
        env.pop("DANGBO_DATABASE_URL", None)
        yield env
        return
    base = os.environ["DANGBO_DATABASE_URL"].rsplit("/", 1)[0]
    name = f"dangbo_crash_{uuid.uuid4().hex[:8]}"
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    env["DANGBO_DATABASE_URL"] = f"{base}/{name}"
    yield env
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


def same_export(a, b) -> bool:
    names = sorted(p.name for p in a.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors and names == sorted(p.name for p in b.iterdir())


def test_import_killed_midway_leaves_the_database_as_it_was(scratch_env, tmp_path):
    dangbo(scratch_env, "init", check=0)
    dangbo(scratch_env, "import", str(write_csv_folder(small_bloc(), tmp_path / "bloc")), check=0)
    dangbo(scratch_env, "export", str(tmp_path / "before"), check=0)
    month = write_csv_folder({
        "nguoi": [{"ma": f"N{i}", "ho_ten": f"Người Mới {i}", "ngay_sinh": "1995-05-05", "gioi_tinh": "nu"} for i in range(200)],
        "bien_dong_to_chuc": [{"ngay": "2017-01-02", "loai": "thanh_lap", "ma": "C3", "ten": "Chi bộ Kế hoạch", "cap": "chi_bo",
                               "ma_cap_tren": "D1"}],
        "bien_dong_dang_vien": [{"ngay": "2017-02-01", "loai": "chuyen_noi_bo", "ma_nguoi": "P1", "ma_to_chuc": "C3"}],
    }, tmp_path / "thang")
    for point in ("import.after_persons", "import.before_commit"):
        killed = dangbo(dict(scratch_env, DANGBO_FAULT=point), "import", str(month))
        assert killed.returncode == -signal.SIGKILL, (point, killed.stdout, killed.stderr)
        dangbo(scratch_env, "export", str(tmp_path / point), check=0)
        assert same_export(tmp_path / "before", tmp_path / point), point
    dangbo(scratch_env, "import", str(month), check=0)
    dangbo(scratch_env, "export", str(tmp_path / "after"), check=0)
    assert "N199" in (tmp_path / "after" / "nguoi.csv").read_text()
    assert "C3" in (tmp_path / "after" / "bien_dong_to_chuc.csv").read_text()
