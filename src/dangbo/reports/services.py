"""Building and issuing term and period reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dangbo.audit.services import record_audit
from dangbo.core.replicas import reporting
from dangbo.domain import metrics as M
from dangbo.domain.dates import add_months
from dangbo.domain.metrics import lineage
from dangbo.orgs.models import Org
from dangbo.terms.models import Term

from . import sources
from .models import IssuedReport


class ReportRequestError(Exception):
    """A report that cannot be made: unknown bloc or term, a term of another root."""


@dataclass
class ReportRequest:
    roots: list[str]
    start: dt.date
    end: dt.date
    as_of: dt.date
    term: Term | None = None
    as_recorded: dt.datetime | None = None


def make_request(*, roots: list[str] | None, all_roots: bool = False, term: str | None = None,
                 start: dt.date | None = None, end: dt.date | None = None, as_of: dt.date | None = None,
                 as_recorded: dt.datetime | None = None) -> ReportRequest:
    """Check the inputs of a report and fill in the term's period."""
    from dangbo.orgs.models import OrgVersion

    if all_roots:
        merged = {m for m, _, _ in sources.merges_from_db()}
        roots = sorted(set(OrgVersion.objects.filter(level="dang_bo_cap_tren").values_list("org__code", flat=True)) - merged)
    roots = roots or []
    known = set(Org.objects.filter(code__in=roots).values_list("code", flat=True))
    missing = [r for r in roots if r not in known]
    if missing or not roots:
        raise ReportRequestError(f"Không có đảng bộ mang mã {', '.join(missing) or '(trống)'}.")
    are_roots = set(OrgVersion.objects.filter(org__code__in=roots, level="dang_bo_cap_tren").values_list("org__code", flat=True))
    not_roots = [r for r in roots if r not in are_roots]
    if not_roots:
        raise ReportRequestError(f"{', '.join(not_roots)} không phải là đảng bộ cấp trên trực tiếp cơ sở.")
    term_obj = None
    if term:
        term_obj = Term.objects.current().select_related("org").filter(code=term).first()
        if term_obj is None:
            raise ReportRequestError(f"Không có nhiệm kỳ mang mã {term}.")
        if term_obj.org.code not in roots:
            raise ReportRequestError(f"Nhiệm kỳ {term} thuộc {term_obj.org.code}, không thuộc {', '.join(roots)}.")
        start, end = term_obj.start, term_obj.end
        as_of = as_of or term_obj.end
    if start is None or end is None:
        raise ReportRequestError("Cần nhiệm kỳ, hoặc cả ngày bắt đầu và ngày kết thúc.")
    if end < start:
        raise ReportRequestError("Ngày kết thúc trước ngày bắt đầu.")
    longest = settings.DANGBO_REPORT_MAX_YEARS
    if add_months(start, 12 * longest) <= end:
        raise ReportRequestError(f"Kỳ báo cáo dài quá {longest} năm: hãy chọn một kỳ ngắn hơn "
                                 f"(giới hạn DANGBO_REPORT_MAX_YEARS).")
    as_of = as_of or end
    if as_of > end:
        raise ReportRequestError("Ngày số liệu sau ngày kết thúc kỳ báo cáo.")
    return ReportRequest(roots, start, end, as_of, term_obj, as_recorded)


def build_report(req: ReportRequest, series: bool = True, trace: bool = False) -> M.Report:
    """Every metric for the request, from the current data or as recorded at a moment
    (`series`: also the yearly series the charts draw; `trace`: also the records behind each
    figure, judged in Python over every spell of the period rather than counted by SQL).
    Reads from a read replica when there is one (`core.replicas`)."""
    with reporting():
        return _build_report(req, series, trace)


def _build_report(req: ReportRequest, series: bool, trace: bool) -> M.Report:
    first = min(req.start, req.as_of)
    if trace:
        scope_roots = lineage(req.roots, sources.merges_from_db())
        register = (sources.register_from_db(scope_roots, [req.as_of], None, first, req.end) if req.as_recorded is None
                    else sources.register_as_recorded(req.as_recorded))
        records = sources.records_from_db(req.start, req.end, req.as_of, req.term, req.as_recorded)
        return M.compute(register, records, req.roots, req.start, req.end, req.as_of, series=False, trace=True)
    if req.as_recorded is None:
        scope_roots = lineage(req.roots, sources.merges_from_db())
        records = sources.records_from_db(req.start, req.end, req.as_of, req.term, None, judged_roots=scope_roots,
                                          series=series)
        register = sources.register_from_db(scope_roots, [], sources.named_persons(records), first, req.end,
                                            units=sources.named_units(records))
    else:
        register = sources.register_as_recorded(req.as_recorded)
        records = sources.records_from_db(req.start, req.end, req.as_of, req.term, req.as_recorded)
    return M.compute(register, records, req.roots, req.start, req.end, req.as_of, series)


@transaction.atomic
def issue_report(*, user, req: ReportRequest, fmt: str) -> tuple[M.Report, IssuedReport]:
    """Issue a report: build it, give it the next number of the year in the first root's
    register of documents, and record its inputs, moment, figures and document settings
    (so it prints again as it was), with an audit entry. A download before this is a draft."""
    from dangbo.orgs.letterhead import document_settings

    root = Org.objects.select_for_update().get(code=req.roots[0])  # one number at a time per register
    report = build_report(req, series=fmt != "json")
    year = timezone.localdate().year
    roots = ",".join(req.roots)
    last = IssuedReport.objects.filter(roots=roots, year=year).aggregate(n=Max("number"))["n"] or 0
    issued = IssuedReport.objects.create(
        user=user if getattr(user, "pk", None) else None, roots=roots,
        term=req.term.code if req.term else "", start=req.start, end=req.end, as_of=req.as_of,
        as_recorded=req.as_recorded, format=fmt, values=report.as_json()["chi_so"], year=year, number=last + 1,
        header=document_settings(root))
    record_audit(user=user, action="report.issue", object_type="report", object_id=issued.pk,
                 after={"roots": issued.roots, "term": issued.term, "format": fmt,
                        "so_van_ban": f"{issued.number:02d}-{issued.header['ky_hieu']}"})
    return report, issued


def issued_request(issued: IssuedReport) -> ReportRequest:
    """The request of an issued report, read as the data stood when it was issued."""
    return ReportRequest(issued.roots.split(","), issued.start, issued.end, issued.as_of,
                         Term.objects.filter(code=issued.term).first() if issued.term else None,
                         issued.as_recorded or issued.recorded_at)


def changes_since(issued: IssuedReport) -> dict[str, tuple[object, object]]:
    """What changed between the report as issued and the same report on today's data."""
    req = ReportRequest(issued.roots.split(","), issued.start, issued.end, issued.as_of,
                        Term.objects.filter(code=issued.term).first() if issued.term else None)
    now = build_report(req, series=False).values
    req.as_recorded = issued.recorded_at
    then = build_report(req, series=False).values
    return {k: (then[k], now[k]) for k in now if then[k] != now[k]}
