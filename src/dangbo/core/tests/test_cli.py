"""The `dangbo` command as a clerk runs it: exit codes, messages, files, backup and restore."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from dangbo.fixtures.workbooks import small_bloc, write_csv_folder, write_xlsx


def dangbo(env, *args, check=None):
    done = subprocess.run([sys.executable, "-m", "dangbo", *args], env=env, capture_output=True, text=True, timeout=300)
    if check is not None:
        assert done.returncode == check, done.stdout + done.stderr
    return done


def _env(data: Path) -> dict:
    env = dict(os.environ)
    env.pop("DANGBO_DATABASE_URL", None)
    env["DANGBO_DATA_DIR"] = str(data)
    return env


@pytest.fixture(scope="session")
def _initialised(tmp_path_factory) -> Path:
    """A database `dangbo init` made once (migrations take seconds), copied for each test."""
    data = tmp_path_factory.mktemp("init") / "data"
    dangbo(_env(data), "init", check=0)
    return data / "dangbo.sqlite3"


@pytest.fixture
def fresh_env(tmp_path):
    """The default SQLite database, not made yet."""
    return _env(tmp_path / "data")


@pytest.fixture
def sqlite_env(tmp_path, _initialised):
    """The default SQLite database, already made by `dangbo init`."""
    (tmp_path / "data").mkdir()
    shutil.copyfile(_initialised, tmp_path / "data" / "dangbo.sqlite3")
    return _env(tmp_path / "data")


def test_init_import_export_on_the_default_sqlite(fresh_env, tmp_path):
    sqlite_env = fresh_env
    assert "sẵn sàng" in dangbo(sqlite_env, "init", check=0).stdout
    dangbo(sqlite_env, "init", check=0)  # idempotent
    assert (tmp_path / "data" / "dangbo.sqlite3").exists()
    wb = write_xlsx(small_bloc(), tmp_path / "khoi.xlsx")
    done = dangbo(sqlite_env, "import", str(wb), "--progress", check=0)
    assert "Đã nhập khoi.xlsx" in done.stdout and "nguoi: 7" in done.stdout
    stages = [line.split("] ", 1)[1] for line in done.stderr.splitlines() if line.startswith("[")]
    assert stages[0] == "Đọc khoi.xlsx…" and stages[-1] == "Xác nhận giao dịch…"
    assert "Đã đọc nguoi: 7 dòng…" in stages and "Đã đọc bien_dong_dang_vien: 8 dòng…" in stages
    assert any(s.startswith("Nhóm người 1/1") for s in stages)
    assert "đã được nhập trước đây" in dangbo(sqlite_env, "import", str(wb), check=0).stdout
    dangbo(sqlite_env, "export", str(tmp_path / "ra.xlsx"), check=0)
    dangbo(sqlite_env, "export", str(tmp_path / "ra"), check=0)
    assert (tmp_path / "ra" / "bien_dong_dang_vien.csv").read_text().count("\n") == 9


def test_refused_import_exits_1_and_writes_the_annotated_copy(sqlite_env, tmp_path):
    data = small_bloc()
    data["nguoi"][0]["gioi_tinh"] = "khac"
    folder = write_csv_folder(data, tmp_path / "sai")
    done = dangbo(sqlite_env, "import", str(folder), check=1)
    assert "sheet nguoi, dòng 2, cột gioi_tinh" in done.stderr
    assert (tmp_path / "sai.loi.xlsx").exists()
    custom = tmp_path / "chu_thich.xlsx"
    dangbo(sqlite_env, "import", str(folder), "--annotated", str(custom), check=1)
    assert custom.exists()
    assert "Không tìm thấy" in dangbo(sqlite_env, "import", str(tmp_path / "khong_co.xlsx"), check=1).stderr


def test_dry_run_and_wrong_usage(sqlite_env, tmp_path):
    folder = write_csv_folder(small_bloc(), tmp_path / "ok")
    assert "--dry-run" in dangbo(sqlite_env, "import", str(folder), "--dry-run", check=0).stdout
    dangbo(sqlite_env, "import", check=2)
    dangbo(sqlite_env, "import", str(folder), "--khong-co", check=2)


def test_createuser_checks_the_password(sqlite_env):
    dangbo(sqlite_env, "init", check=0)
    refused = dangbo(sqlite_env, "createuser", "admin", "--password", "123", check=1).stderr
    assert "không đạt" in refused and "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in refused and "This password" not in refused
    dangbo(sqlite_env, "createuser", "admin", "--password", "Mat-khau-dai-2026", check=0)
    dangbo(sqlite_env, "createuser", "admin", "--password", "Mat-khau-dai-2026", check=1)


def test_backup_and_restore_sqlite(sqlite_env, tmp_path):
    dangbo(sqlite_env, "init", check=0)
    dangbo(sqlite_env, "import", str(write_csv_folder(small_bloc(), tmp_path / "b")), check=0)
    dangbo(sqlite_env, "backup", str(tmp_path / "sao_luu.sqlite3"), check=0)
    more = {"nguoi": [{"ma": "Z1", "ho_ten": "Người Mới", "ngay_sinh": "1990-01-01", "gioi_tinh": "nam"}]}
    dangbo(sqlite_env, "import", str(write_csv_folder(more, tmp_path / "them")), check=0)
    dangbo(sqlite_env, "export", str(tmp_path / "truoc"), check=0)
    assert "Z1" in (tmp_path / "truoc" / "nguoi.csv").read_text()
    dangbo(sqlite_env, "restore", str(tmp_path / "sao_luu.sqlite3"), check=0)
    dangbo(sqlite_env, "export", str(tmp_path / "sau"), check=0)
    assert "Z1" not in (tmp_path / "sau" / "nguoi.csv").read_text()
    (tmp_path / "rac.bin").write_bytes(b"not a backup")
    assert "không phải" in dangbo(sqlite_env, "restore", str(tmp_path / "rac.bin"), check=1).stderr


@pytest.mark.postgres_only
def test_backup_and_restore_postgresql(tmp_path):
    name = f"dangbo_cli_{uuid.uuid4().hex[:8]}"
    base = os.environ["DANGBO_DATABASE_URL"].rsplit("/", 1)[0]
    subprocess.run(["psql", f"{base}/postgres", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    env = dict(os.environ, DANGBO_DATABASE_URL=f"{base}/{name}", DANGBO_DATA_DIR=str(tmp_path / "data"))
    try:
        dangbo(env, "init", check=0)
        dangbo(env, "import", str(write_csv_folder(small_bloc(), tmp_path / "b")), check=0)
        dangbo(env, "backup", str(tmp_path / "pg.dump"), check=0)
        more = {"nguoi": [{"ma": "Z1", "ho_ten": "Người Mới", "ngay_sinh": "1990-01-01", "gioi_tinh": "nam"}]}
        dangbo(env, "import", str(write_csv_folder(more, tmp_path / "them")), check=0)
        dangbo(env, "restore", str(tmp_path / "pg.dump"), check=0)
        dangbo(env, "export", str(tmp_path / "sau"), check=0)
        text = (tmp_path / "sau" / "nguoi.csv").read_text()
        assert "Z1" not in text and "P7" in text
    finally:
        subprocess.run(["psql", f"{base}/postgres", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


def test_serve_logs_no_personal_data(sqlite_env):
    import socket
    import time
    import urllib.request

    dangbo(sqlite_env, "init", check=0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "dangbo", "serve", "--port", str(port), "--workers", "1"], env=sqlite_env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-vien/?q=Nguyen+Van+An", timeout=5)  # ends at the sign-in page
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert '"GET /dang-vien/" 302' in log and "Nguyen" not in log
