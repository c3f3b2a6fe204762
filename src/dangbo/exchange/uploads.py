"""Files sent to the import wizard, kept in the data folder's `uploads/` only as long as the
wizard needs them: the file until it is confirmed or refused, the annotated copy of a refused
one and the upload's state (`<id>.json`: who sent it, its rows, a confirmed import's progress
and outcome) until they are swept, DANGBO_UPLOAD_KEEP_HOURS later.

Every upload is bounded before it is read (exchange/limits.py): the size the request
declares, then the file's own, then its zip members.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import Http404

from .limits import Limits


def folder() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


@dataclass
class Upload:
    """One file sent to the wizard and what became of it."""

    id: str
    owner: int
    name: str
    kind: str  # xlsx | csv (a folder of CSV files unpacked from a .zip)
    rows: int = 0
    status: str = "checked"  # checked | refused | running | done | failed
    progress: list[str] = field(default_factory=list)
    result: dict = field(default_factory=dict)
    pid: int = 0
    at: float = field(default_factory=time.time)

    @property
    def path(self) -> Path:
        return folder() / (f"{self.id}.xlsx" if self.kind == "xlsx" else self.id)

    @property
    def annotated(self) -> Path:
        return folder() / f"{self.id}.loi.xlsx"

    def save(self) -> None:
        tmp = folder() / f"{self.id}.json.tmp"
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False))
        tmp.replace(folder() / f"{self.id}.json")  # a reader on another worker never sees half a file

    def discard_file(self) -> None:
        """The uploaded content itself: gone once confirmed, refused or failed."""
        if self.path.is_dir():
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            self.path.unlink(missing_ok=True)

    @property
    def stalled(self) -> bool:
        """A running import whose process has gone (a server restarted mid-way): its
        transaction was rolled back, nothing was written."""
        if self.status != "running":
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


def load(upload_id: str, user) -> Upload:
    """The upload `upload_id` sent by `user` (404 for anyone else's, or none)."""
    try:
        uuid.UUID(upload_id)
    except ValueError as exc:
        raise Http404 from exc
    state = folder() / f"{upload_id}.json"
    if not state.exists():
        raise Http404
    upload = Upload(**json.loads(state.read_text()))
    if upload.owner != user.pk:
        raise Http404
    return upload


def receive(f, user, limits: Limits) -> Upload:
    """Store an uploaded .xlsx (streamed to disk), or the CSV files of a .zip (each member
    streamed, cut at its declared size), after checking the limits. Raises FileRefused."""
    sweep()
    folder().mkdir(parents=True, exist_ok=True)
    limits.check_upload_size(f.size)
    xlsx = f.name.lower().endswith(".xlsx")
    upload = Upload(id=str(uuid.uuid4()), owner=user.pk, name=f.name, kind="xlsx" if xlsx else "csv")
    try:
        if xlsx:
            with open(upload.path, "wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
            limits.check_workbook(upload.path)
        else:
            upload.path.mkdir()
            limits.extract_csvs(f, upload.path)
    except BaseException:
        upload.discard_file()
        raise
    upload.save()
    return upload


def sweep(now: float | None = None) -> int:
    """Remove what is older than DANGBO_UPLOAD_KEEP_HOURS (files, folders, states); the count."""
    if not folder().exists():
        return 0
    limit = (now or time.time()) - settings.DANGBO_UPLOAD_KEEP_HOURS * 3600
    n = 0
    for path in folder().iterdir():
        try:
            if path.stat().st_mtime < limit:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
                n += 1
        except FileNotFoundError:
            pass  # swept meanwhile by another worker
    return n
