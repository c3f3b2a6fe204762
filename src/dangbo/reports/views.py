"""The report page: pick a term or a period, see every figure with its charts, download it."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from dangbo.accounts.access import reach, tops
from dangbo.accounts.choices import WRITERS
from dangbo.core.web import CONTENT_TYPES, document_response
from dangbo.domain import labels as L
from dangbo.domain.dates import parse_date
from dangbo.domain.metric_keys import ALL_KEYS, CONFIDENTIAL_KEYS
from dangbo.members.models import Person
from dangbo.orgs.models import OrgVersion
from dangbo.terms.models import Term
from dangbo.training.models import TrainingClass

from . import charts, narrative
from .documents import write_document
from .formatting import value
from .labels import LABELS
from .models import IssuedReport
from .services import ReportRequestError, build_report, issue_report, issued_request, make_request


def _request_from(request):
    """The report asked for in the query string, checked against the user's reach."""
    from django.utils import timezone

    today = timezone.localdate()
    r, units = tops(request.user, today)
    roots = [u for u in units if u.level == "dang_bo_cap_tren"]
    codes = [u.org.code for u in roots]
    if not codes:
        raise Http404  # reports are made for a whole root: bloc-level roles only
    root = request.GET.get("goc") or codes[0]
    if root not in codes:
        raise Http404
    term = request.GET.get("nhiem_ky") or None
    try:
        start = parse_date(request.GET.get("tu") or "")
        end = parse_date(request.GET.get("den") or "")
        as_of = parse_date(request.GET.get("ngay_so_lieu") or "")
    except ValueError as exc:
        raise ReportRequestError("Ngày không hợp lệ (dùng YYYY-MM-DD hoặc d/m/yyyy).") from exc
    if term is None and not (start and end):
        terms = list(Term.objects.current().filter(org__code=root).order_by("-end").values_list("code", flat=True))
        term = terms[0] if terms else None
        if term is None:
            start, end = today.replace(month=1, day=1), today
    return make_request(roots=[root], term=term, start=None if term else start, end=None if term else end, as_of=as_of), codes


@login_required
def report_page(request):
    try:
        req, roots = _request_from(request)
    except ReportRequestError as exc:
        return render(request, "reports/page.html", {"error": str(exc)}, status=400)
    report = build_report(req)
    listed = reach(request.user, timezone.localdate()).sees_inspections
    # a confidential figure links to its records only for the inspection roles
    rows = [(k, LABELS[k], value(k, report.values[k]), listed or k not in CONFIDENTIAL_KEYS) for k in ALL_KEYS]
    svgs = [(title, mark_safe(draw(report, "svg").decode())) for title, draw in charts.CHARTS]
    terms = Term.objects.current().filter(org__code=req.roots[0]).order_by("-end")
    issued = IssuedReport.objects.filter(roots=",".join(req.roots)).select_related("user")[:20]
    return render(request, "reports/page.html", {
        "req": req, "roots": roots, "terms": terms, "rows": rows, "charts": svgs, "issued": issued,
        "can_issue": reach(request.user, timezone.localdate(), WRITERS).whole_root, "root_code": req.roots[0],
        "situation": narrative.situation(report), "results": narrative.results(report), "report": report,
        "query": request.GET.urlencode()})


def _file(report, req, fmt: str, name: str, issued=None):
    return document_response(lambda path: write_document(report, req, fmt, path, issued), name)


def _name(req) -> str:
    return "-".join(req.roots) + "-" + (req.term.code if req.term else f"{req.start}_{req.end}")


@login_required
def report_download(request, fmt: str):
    """The report as a draft (DỰ THẢO, no number): nothing is recorded until it is issued."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        req, _ = _request_from(request)
    except ReportRequestError as exc:
        return render(request, "reports/page.html", {"error": str(exc)}, status=400)
    return _file(build_report(req), req, fmt, f"{_name(req)}-du-thao.{fmt}")


@login_required
@require_POST
def report_issue(request):
    """Issue the report on the page: numbered in the root's register of documents, recorded
    with its figures and settings, then downloadable as issued."""
    if not reach(request.user, timezone.localdate(), WRITERS).whole_root:
        raise PermissionDenied  # the bloc's officers issue; leadership reads
    try:
        req, _ = _request_from(request)
    except ReportRequestError as exc:
        return render(request, "reports/page.html", {"error": str(exc)}, status=400)
    _report, issued = issue_report(user=request.user, req=req, fmt="docx")
    messages.success(request, f"Đã ban hành báo cáo số {issued.number:02d}-{issued.header['ky_hieu']}.")
    return redirect(f"{reverse('report')}?{request.GET.urlencode()}#da-ban-hanh")


@login_required
def issued_download(request, pk: int, fmt: str):
    """An issued report, printed again as it was issued (the data as recorded then)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    _, units = tops(request.user, timezone.localdate())
    roots = {u.org.code for u in units if u.level == "dang_bo_cap_tren"}
    issued = IssuedReport.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if issued is None or not set(issued.roots.split(",")) <= roots:
        raise Http404
    req = issued_request(issued)
    return _file(build_report(req), req, fmt, f"{_name(req)}-so-{issued.number:02d}.{fmt}", issued)


DETAILS = {**L.ORG_EVENT, **L.MEMBER_EVENT, **L.RATING, **L.DISCIPLINE, **L.AWARD_FORM, **L.BODY}


@login_required
def report_figure(request, key: str):
    """The records behind one figure of the report page (same query string), 50 to a page."""
    if key not in ALL_KEYS:
        raise Http404
    try:
        req, _ = _request_from(request)
    except ReportRequestError as exc:
        return render(request, "reports/page.html", {"error": str(exc)}, status=400)
    if key in CONFIDENTIAL_KEYS and not reach(request.user, timezone.localdate()).sees_inspections:
        raise PermissionDenied  # the totals are in the report; who was inspected or disciplined is not
    report = build_report(req, trace=True)
    page = Paginator(report.sources.get(key, []), 50).get_page(request.GET.get("trang"))
    names = _names(page.object_list, req.as_of)
    rows = [(src, names.get((src.kind, src.code), src.code), DETAILS.get(src.detail, src.detail)) for src in page]
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "reports/figure.html", {
        "key": key, "label": LABELS[key], "value": value(key, report.values[key]), "req": req, "page": page,
        "rows": rows, "query": query.urlencode()})


def _names(sources, day) -> dict[tuple[str, str], str]:
    """Display names of the people, units and classes on one page of sources."""
    codes = {kind: {s.code for s in sources if s.kind == kind} for kind in ("dang_vien", "don_vi", "lop")}
    names = {("dang_vien", c): n for c, n in Person.objects.filter(code__in=codes["dang_vien"]).values_list("code", "full_name")}
    for c, n in OrgVersion.objects.filter(org__code__in=codes["don_vi"]).order_by("valid_from").values_list("org__code", "name"):
        names[("don_vi", c)] = n  # the latest name; the page links to the unit on the day
    names |= {("lop", c): n for c, n in TrainingClass.objects.current().filter(code__in=codes["lop"]).values_list("code", "name")}
    return names
