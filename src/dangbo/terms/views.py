"""A term's congress targets and how far each stands today: the "X/N targets met" line of the
term report, watched while the term runs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from dangbo.core.web import tops
from dangbo.reports.formatting import value
from dangbo.reports.labels import LABELS
from dangbo.reports.services import build_report, make_request

from .models import Term


@login_required
def term_progress(request):
    """The targets of a term of one of the user's roots, judged on today's data (or the
    term's last day once it has ended)."""
    today = timezone.localdate()
    _, units = tops(request.user, today)
    roots = [u.org.code for u in units if u.level == "dang_bo_cap_tren"]
    if not roots:
        raise Http404  # targets belong to a whole root: bloc-level roles only
    terms = list(Term.objects.current().filter(org__code__in=roots).select_related("org").order_by("-start"))
    chosen = next((t for t in terms if t.code == request.GET.get("nhiem_ky")), terms[0] if terms else None)
    if request.GET.get("nhiem_ky") and (chosen is None or chosen.code != request.GET["nhiem_ky"]):
        raise Http404
    ctx = {"terms": terms, "term": chosen, "rows": [], "today": today}
    if chosen is not None:
        as_of = max(min(today, chosen.end), chosen.start)
        report = build_report(make_request(roots=[chosen.org.code], term=chosen.code, as_of=as_of), series=False)
        rows = [(t, LABELS.get(t.metric, ""), value(t.metric, v) if t.metric else "", ok) for t, v, ok in report.targets]
        ctx.update(rows=rows, as_of=as_of, met=report.values["chi_tieu.dat"], total=report.values["chi_tieu.tong"],
                   running=chosen.start <= today <= chosen.end,
                   query=f"goc={chosen.org.code}&nhiem_ky={chosen.code}&ngay_so_lieu={as_of:%Y-%m-%d}")
    return render(request, "terms/progress.html", ctx)
