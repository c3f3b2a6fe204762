"""The import wizard: upload a workbook, see every problem by sheet and row, download the
annotated copy, confirm, see the result. Uses the same importer as `dangbo import`."""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.scope import reach
from dangbo.audit.services import record_audit

from .importer import import_workbook
from .schema import SHEET_BY_NAME
from .template import write_template


def uploads() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


class UploadForm(forms.Form):
    tep = forms.FileField(label="Tệp .xlsx, hoặc .zip chứa các tệp <sheet>.csv")

    def clean_tep(self):
        f = self.cleaned_data["tep"]
        if not f.name.lower().endswith((".xlsx", ".zip")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .zip các tệp CSV.")
        if f.size > 200 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 200 MB: hãy dùng lệnh dangbo import.")
        return f


def _labelled(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(SHEET_BY_NAME[name].label, n) for name, n in counts.items()]


def _may_import(user):
    """Imports touch the whole register: bloc-wide grants only (a root, or everything)."""
    r = reach(user, timezone.localdate())
    if not (r.can_write and (r.everything or any(p.count("/") == 2 for p in r.prefixes))):
        raise PermissionDenied


def _stored(upload_id: str) -> Path:
    try:
        uuid.UUID(upload_id)
    except ValueError as exc:
        raise Http404 from exc
    for candidate in (uploads() / f"{upload_id}.xlsx", uploads() / upload_id):
        if candidate.exists():
            return candidate
    raise Http404


def _save(f) -> tuple[str, Path]:
    uploads().mkdir(parents=True, exist_ok=True)
    upload_id = str(uuid.uuid4())
    if f.name.lower().endswith(".xlsx"):
        path = uploads() / f"{upload_id}.xlsx"
        with open(path, "wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
        return upload_id, path
    folder = uploads() / upload_id
    folder.mkdir()
    try:
        with zipfile.ZipFile(f) as z:
            for member in z.namelist():
                name = Path(member).name
                if name.lower().endswith(".csv") and not name.startswith("."):
                    (folder / name).write_bytes(z.read(member))
    except zipfile.BadZipFile as exc:
        raise forms.ValidationError("Tệp .zip bị hỏng.") from exc
    return upload_id, folder


@login_required
def wizard(request):
    _may_import(request.user)
    confirming = request.method == "POST" and "xac_nhan" in request.POST
    form = UploadForm(None if confirming else (request.POST or None), None if confirming else (request.FILES or None))
    ctx = {"form": form}
    if confirming:
        path = _stored(request.POST["xac_nhan"])
        result = import_workbook(path, user=request.user)
        ctx.update(step="done", result=result, upload_id=request.POST["xac_nhan"], counts=_labelled(result.counts))
    elif request.method == "POST" and form.is_valid():
        try:
            upload_id, path = _save(form.cleaned_data["tep"])
        except forms.ValidationError as exc:
            form.add_error("tep", exc)
            return render(request, "exchange/wizard.html", ctx, status=400)
        annotated = uploads() / f"{upload_id}.loi.xlsx"
        result = import_workbook(path, user=request.user, dry_run=True, annotated=annotated)
        ctx.update(step="checked", result=result, upload_id=upload_id, name=form.cleaned_data["tep"].name,
                   counts=_labelled(result.counts))
    status = 400 if request.method == "POST" and not confirming and not form.is_valid() else 200
    return render(request, "exchange/wizard.html", ctx, status=status)


@login_required
def annotated(request, upload_id: str):
    _may_import(request.user)
    _stored(upload_id)
    path = uploads() / f"{upload_id}.loi.xlsx"
    if not path.exists():
        raise Http404
    record_audit(user=request.user, action="export.annotated_workbook", object_type="upload", object_id=upload_id)
    return FileResponse(open(path, "rb"), as_attachment=True, filename="tep-co-chu-thich-loi.xlsx")


@login_required
def template(request):
    buf = io.BytesIO()
    tmp = uploads() / f"mau-{uuid.uuid4()}.xlsx"
    uploads().mkdir(parents=True, exist_ok=True)
    write_template(tmp)
    buf.write(tmp.read_bytes())
    tmp.unlink()
    buf.seek(0)
    return FileResponse(buf, as_attachment=True, filename="mau-nhap-du-lieu.xlsx")
