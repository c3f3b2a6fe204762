"""A confirmed import from the wizard: small ones in the request, large ones (more rows than
DANGBO_IMPORT_INLINE_ROWS) in a background thread of the server process, so that no worker
timeout cuts them off. Either way the upload's state (exchange/uploads.py) records each stage
as it begins and the outcome, which the wizard's page shows and refreshes while it runs.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections

from .importer import ImportResult, import_workbook
from .limits import Limits
from .schema import SHEET_BY_NAME
from .uploads import Upload

log = logging.getLogger(__name__)
STARTED: list[threading.Thread] = []  # the last background imports of this process (a test waits for them)
SHOWN_PROBLEMS = 200  # a refusal's first problems on the page; all of them in the annotated copy


def confirm(upload: Upload) -> bool:
    """Start the import of a checked upload; True when it runs in the background."""
    upload.status, upload.pid, upload.progress = "running", os.getpid(), []
    upload.save()
    if upload.rows <= settings.DANGBO_IMPORT_INLINE_ROWS:
        run(upload)
        return False
    thread = threading.Thread(target=_in_background, args=(upload,), name=f"import-{upload.id}", daemon=True)
    thread.start()
    STARTED.append(thread)
    del STARTED[:-10]
    return True


def _in_background(upload: Upload) -> None:
    try:
        run(upload)
    finally:
        connections.close_all()  # this thread's own connections


def run(upload: Upload) -> None:
    """Import the upload as its owner; its state says how it went. The file is removed after."""
    started, last = time.monotonic(), [0.0]

    def progress(message: str) -> None:
        upload.progress.append(f"[{time.monotonic() - started:6.1f} s] {message}")
        if time.monotonic() - last[0] > 1:  # at most a write a second
            last[0] = time.monotonic()
            upload.save()

    try:
        user = get_user_model().objects.get(pk=upload.owner)
        result = import_workbook(upload.path, user=user, progress=progress, limits=Limits.from_settings(),
                                 annotated=upload.annotated)
        upload.status, upload.result = "done", summary(result)
    except Exception:  # the page must say it failed; the traceback goes to the server's log
        log.exception("import of upload %s failed", upload.id)
        upload.status = "failed"
    finally:
        upload.discard_file()
        upload.save()


def _sheet_label(name: str) -> str:
    """A sheet as the clerk's workbook heads it: "Biến động đảng viên (bien_dong_dang_vien)"."""
    sheet = SHEET_BY_NAME.get(name)
    return f"{sheet.label} ({name})" if sheet else name


def _column_label(name: str, column: str | None) -> str:
    sheet = SHEET_BY_NAME.get(name)
    if not column or sheet is None or column not in sheet.codes:
        return column or ""
    return f"{sheet.column(column).label} ({column})"


def summary(result: ImportResult) -> dict:
    """What the page shows of an import's outcome (JSON)."""
    def shown(problems):
        return [{"sheet": _sheet_label(p.ref[0]), "row": p.ref[1], "column": _column_label(p.ref[0], p.column),
                 "value": None if p.value is None else str(p.value), "message": p.message} for p in problems[:SHOWN_PROBLEMS]]
    return {"status": result.status, "errors": len(result.errors), "warnings": len(result.warnings),
            "counts": [(SHEET_BY_NAME[k].label if k in SHEET_BY_NAME else k, n) for k, n in result.counts.items()],
            "shown_errors": shown(result.errors), "shown_warnings": shown(result.warnings),
            "batch": result.batch_id, "seconds": round(result.seconds, 1)}
