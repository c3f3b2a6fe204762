"""Small helpers shared by the pages: the date being looked at, pages of a list, a form's
numbers and dates, a refusal shown as a message."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from dangbo.domain.dates import parse_date
from dangbo.domain.problems import DomainError

from .forms import problems_of


def day_of(request) -> tuple[dt.date, str | None]:
    """The `ngay` asked for (any accepted form), else today; with a message when unreadable."""
    text = request.GET.get("ngay", "").strip()
    today = timezone.localdate()
    if not text:
        return today, None
    try:
        return parse_date(text) or today, None
    except ValueError:
        return today, f"Ngày '{text}' không hợp lệ: đang hiển thị ngày {today:%d/%m/%Y}."


def partial(request) -> bool:
    """Answer with a page's fragment? For HTMX's own requests, but not when it restores a
    page from history (Back after the cache was emptied): that one needs the whole page."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def data_version() -> str:
    """A token that changes whenever the register may have changed: every write records an
    audit entry in its own transaction, and rule values are versioned rows. Cached derived
    data (the dashboard's alerts) is keyed on it, so it is never stale."""
    from dangbo.audit.models import AuditEntry
    from dangbo.rules.models import Holiday, RuleVersion

    last = [m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for m in (AuditEntry, RuleVersion, Holiday)]
    return "-".join(map(str, last))


LAST_PAGE = 1_000_000  # beyond any list: a 31-digit page number would overflow the query's OFFSET


def _page_number(number) -> int:
    """The page asked for, as typed in the address: 1 when missing or unreadable, at most
    LAST_PAGE (a page past the end shows the last one)."""
    try:
        return min(max(int(number or 1), 1), LAST_PAGE)
    except (TypeError, ValueError):
        return 1


def page_with_count(qs, number, per_page: int = 50) -> Page:
    """One page of an ordered queryset and the number of rows in all, from one query
    (`COUNT(*) OVER ()` beside the rows): a search over a large register then scans the
    matches once, not once for the rows and again for the count."""
    paginator = Paginator(qs, per_page)
    wanted = _page_number(number)
    start = (wanted - 1) * per_page
    rows = list(qs.annotate(_total=Window(Count("pk")))[start:start + per_page])
    if rows:
        paginator.count = rows[0]._total  # a cached_property: the count query is never run
    elif wanted > 1:
        return paginator.get_page(wanted)  # past the end: Django's last page, counted normally
    else:
        paginator.count = 0
    return Page(rows, wanted, paginator)


def page_with_capped_count(qs, number, per_page: int = 50, cap: int = 1000) -> Page:
    """One page of an ordered queryset, and the number of rows counted only up to `cap`
    (`page.paginator.more` says there are more): a search that matches a large part of the
    national register reads its page and at most `cap` rows, not every match. Pages go as
    far as the count."""
    paginator = Paginator(qs, per_page)
    wanted = min(_page_number(number), max(1, -(-cap // per_page)))
    start = (wanted - 1) * per_page
    rows = list(qs[start:start + per_page])
    if wanted == 1 and len(rows) < per_page:
        counted = len(rows)
    else:
        counted = qs.order_by()[:cap + 1].count()
    paginator.more = counted > cap  # type: ignore[attr-defined]  # read by the page: the count was capped
    paginator.count = min(counted, cap)  # a cached_property: Django's own count query is never run
    if not rows and wanted > 1:
        return paginator.get_page(wanted)
    return Page(rows, wanted, paginator)


def render_form(request, template: str, context: dict, problems: list[str]):
    """A page with a form: 400 when a posted form was refused, 200 otherwise."""
    context.setdefault("problems", problems)
    return render(request, template, context, status=400 if request.method == "POST" and problems else 200)


def flash_refusal(request, exc) -> None:
    """A refused action that redirects: each problem of the refusal shown on the next page."""
    for message in exc.messages:
        messages.error(request, message)


def act(request, form, action, done) -> bool:
    """A posted form that runs one service and goes back to a page: the form's problems or
    the service's refusal are shown there, else `done` (a sentence, or made from the form's
    data). True when the action went through."""
    try:
        if not form.is_valid():
            raise DomainError.of(problems_of(form))
        action(form.cleaned_data)
    except DomainError as exc:
        flash_refusal(request, exc)
        return False
    messages.success(request, done(form.cleaned_data) if callable(done) else done)
    return True


# The documents the pages hand out, by format.
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def document_response(write: Callable[[Path], object], filename: str) -> FileResponse:
    """A document for the browser to save: `write` writes it to a path in a temporary folder,
    which is gone once its bytes are read."""
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / filename
        write(path)
        data = path.read_bytes()
    content_type = CONTENT_TYPES[filename.rsplit(".", 1)[1]]
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=content_type)
