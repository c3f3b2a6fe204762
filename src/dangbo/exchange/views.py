"""The import wizard: upload a workbook, see every problem by sheet and row, download the
annotated copy, confirm, follow the import and see the result. Uses the same importer as
`dangbo import`, bounded by the upload limits and the writer's reach (exchange/reach.py).
One view per action."""

from __future__ import annotations

import io
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.accounts.access import reach
from dangbo.audit.services import record_audit
from dangbo.core.web import partial

from . import jobs, uploads
from .importer import import_workbook
from .limits import MB, FileRefused, Limits
from .template import write_template


class UploadForm(forms.Form):
    tep = forms.FileField(label="Tệp .xlsx, hoặc .zip chứa các tệp <sheet>.csv")

    def clean_tep(self):
        f = self.cleaned_data["tep"]
        if not f.name.lower().endswith((".xlsx", ".zip")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .zip các tệp CSV.", code="file_kind")
        return f


def _may_import(user) -> None:
    """Anyone who writes the register imports, each row judged by their reach (a secretary
    their own units'); read-only roles do not."""
    if not reach(user, timezone.localdate()).can_write:
        raise PermissionDenied


def _too_large_request(request, limits: Limits) -> str | None:
    """A body larger than the limit is refused from its declared length, before it is read
    (the same limit, and refusal, as the file's own size once received)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    try:
        limits.check_upload_size(length - MB)  # less the form's other fields and the multipart framing
    except FileRefused as exc:
        return exc.problem.message
    return None


@login_required
def wizard(request):
    """The upload form; a POST checks the file (a dry run: nothing written, no lock held)."""
    _may_import(request.user)
    limits = Limits.from_settings()
    if request.method != "POST":
        return render(request, "exchange/wizard.html", {"form": UploadForm()})
    refused = _too_large_request(request, limits)
    if refused:
        return render(request, "exchange/wizard.html", {"form": UploadForm(), "refusal": refused}, status=400)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "exchange/wizard.html", {"form": form}, status=400)
    try:
        upload = uploads.receive(form.cleaned_data["tep"], request.user, limits)
    except FileRefused as exc:
        form.add_error("tep", exc.problem.message)
        return render(request, "exchange/wizard.html", {"form": form}, status=400)
    try:
        result = import_workbook(upload.path, user=request.user, dry_run=True, annotated=upload.annotated, limits=limits)
    except BaseException:
        upload.discard_file()
        raise
    upload.rows = sum(result.counts.values())
    if result.status != "checked":  # refused or already imported: nothing to confirm, the file goes
        upload.status = "refused"
        upload.discard_file()
    upload.save()
    return render(request, "exchange/wizard.html", {
        "form": UploadForm(), "step": "checked", "upload": upload, "result": jobs.summary(result),
        "annotated": upload.annotated.exists(), "background": upload.rows > settings.DANGBO_IMPORT_INLINE_ROWS},
        status=400 if result.status == "refused" else 200)


@login_required
@require_POST
def confirm(request, upload_id: str):
    """Import a checked upload: in the request when small, else in the background."""
    _may_import(request.user)
    upload = uploads.load(upload_id, request.user)
    if upload.status == "checked":
        jobs.confirm(upload)
    return redirect("import-status", upload_id)


@login_required
def status(request, upload_id: str):
    """A confirmed import: its stages while it runs (the page refreshes itself), then the outcome."""
    _may_import(request.user)
    upload = uploads.load(upload_id, request.user)
    if upload.stalled:
        upload.status = "failed"
        upload.save()
    template = "exchange/_status.html" if partial(request) else "exchange/status.html"
    return render(request, template, {"upload": upload, "result": upload.result, "annotated": upload.annotated.exists()})


@login_required
def annotated(request, upload_id: str):
    _may_import(request.user)
    upload = uploads.load(upload_id, request.user)
    if not upload.annotated.exists():
        raise Http404
    record_audit(user=request.user, action="export.annotated_workbook", object_type="upload", object_id=upload_id)
    return FileResponse(open(upload.annotated, "rb"), as_attachment=True, filename="tep-co-chu-thich-loi.xlsx")


@login_required
def template(request):
    uploads.folder().mkdir(parents=True, exist_ok=True)
    tmp = uploads.folder() / f"mau-{uuid.uuid4()}.xlsx"
    try:
        write_template(tmp)
        data = tmp.read_bytes()
    finally:
        tmp.unlink(missing_ok=True)
    return FileResponse(io.BytesIO(data), as_attachment=True, filename="mau-nhap-du-lieu.xlsx")
