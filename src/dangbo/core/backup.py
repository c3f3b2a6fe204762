"""Consistent backups while the database is in use: SQLite's online backup API, pg_dump.

A backup file starts with a small header naming the engine, so restoring a file into the
wrong kind of database is refused with a clear message.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connection, connections

MAGIC_SQLITE = b"SQLite format 3\x00"
MAGIC_PG = b"PGDMP"


class BackupError(Exception):
    pass


def _pg_env() -> tuple[dict, list[str]]:
    s = connection.settings_dict
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    args = ["-h", s.get("HOST") or "localhost", "-p", str(s.get("PORT") or 5432), "-U", s.get("USER") or "postgres"]
    return env, args


def backup_database(path: Path) -> Path:
    """Write a consistent copy of the database to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        src = sqlite3.connect(connection.settings_dict["NAME"])
        tmp = path.with_name(path.name + ".tmp")
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)  # a consistent snapshot even while others write (WAL)
        finally:
            dst.close()
            src.close()
        tmp.replace(path)
        return path
    if connection.vendor == "postgresql":
        if not shutil.which("pg_dump"):
            raise BackupError("Không tìm thấy pg_dump: cài gói postgresql-client.")
        env, args = _pg_env()
        done = subprocess.run(["pg_dump", "-Fc", "-f", str(path), *args, connection.settings_dict["NAME"]],
                              env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError("pg_dump thất bại: " + done.stderr.strip())
        return path
    raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def restore_database(path: Path) -> None:
    """Replace the whole database with the backup at `path`."""
    head = path.read_bytes()[:16]
    if connection.vendor == "sqlite":
        if not head.startswith(MAGIC_SQLITE):
            raise BackupError("Tệp không phải bản sao lưu SQLite của dangbo.")
        src = sqlite3.connect(path)
        try:
            if src.execute("SELECT count(*) FROM sqlite_master WHERE name='orgs_org'").fetchone()[0] != 1:
                raise BackupError("Tệp SQLite này không phải cơ sở dữ liệu dangbo.")
            connections.close_all()
            dst = sqlite3.connect(connection.settings_dict["NAME"])
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        return
    if connection.vendor == "postgresql":
        if not head.startswith(MAGIC_PG):
            raise BackupError("Tệp không phải bản sao lưu PostgreSQL (pg_dump -Fc) của dangbo.")
        env, args = _pg_env()
        connections.close_all()
        with tempfile.TemporaryDirectory():
            done = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                                   "-d", connection.settings_dict["NAME"], *args, str(path)],
                                  env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError("pg_restore thất bại: " + done.stderr.strip())
        return
    raise BackupError(f"Không hỗ trợ khôi phục cơ sở dữ liệu {connection.vendor}.")
