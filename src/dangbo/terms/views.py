"""A term's congress targets and how far each stands today: the "X/N targets met" line of the
term report, watched while the term runs."""


from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.access import reach, tops
from dangbo.core.web import act
from dangbo.reports.formatting import value
from dangbo.reports.labels import LABELS, METRIC_CHOICES
from dangbo.reports.services import build_report, make_request

from . import services
from .forms import JudgementForm, TargetForm, TermForm
from .models import Target, Term
from .selectors import term_for_writer, writable_root


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
    ctx = {"terms": terms, "term": chosen, "rows": [], "today": today, "can_write": reach(request.user, today).can_write,
           "roots": [u for u in units if u.level == "dang_bo_cap_tren"],
           "metrics": METRIC_CHOICES}
    if chosen is not None:
        as_of = max(min(today, chosen.end), chosen.start)
        report = build_report(make_request(roots=[chosen.org.code], term=chosen.code, as_of=as_of), series=False)
        stored = {t.number: t for t in chosen.targets.current()}
        rows = [(t, LABELS.get(t.metric, ""), value(t.metric, v) if t.metric else "", ok, stored.get(t.number))
                for t, v, ok in report.targets]
        ctx.update(rows=rows, as_of=as_of, met=report.values["chi_tieu.dat"], total=report.values["chi_tieu.tong"],
                   running=chosen.start <= today <= chosen.end,
                   query=f"goc={chosen.org.code}&nhiem_ky={chosen.code}&ngay_so_lieu={as_of:%Y-%m-%d}")
    return render(request, "terms/progress.html", ctx)


def _back(term_code: str = ""):
    return redirect(f"/nhiem-ky/?nhiem_ky={term_code}" if term_code else "/nhiem-ky/")


@login_required
def new_term(request):
    """Create a term of a root the user records on (POST from the progress page)."""
    if request.method != "POST":
        return _back()
    form = TermForm(request.POST)

    def create(f):
        org = writable_root(request.user, f["ma_to_chuc"], f["den_ngay"]).org
        services.create_term(user=request.user, code=f["ma"].strip(), org=org, start=f["tu_ngay"], end=f["den_ngay"])
    if not act(request, form, create, lambda f: f"Đã tạo nhiệm kỳ {f['ma'].strip()}."):
        return _back()
    return _back(form.cleaned_data["ma"].strip())


@login_required
def add_target(request, code: str):
    """Add a target to a term: linked to a report metric with a threshold, or judged by hand."""
    term = term_for_writer(request.user, code)
    if request.method == "POST":
        def add(f):
            metric = f["chi_so"]
            services.add_target(user=request.user, term=term, number=f["stt"], text=f["noi_dung"], metric=metric,
                                comparator=f["so_sanh"] if metric else "", threshold=f["gia_tri"],
                                met=None if metric else f["dat"])
        act(request, TargetForm(request.POST), add, lambda f: f"Đã thêm chỉ tiêu số {f['stt']}.")
    return _back(term.code)


@login_required
def judge_target(request, pk: int):
    """The board's judgement of a target judged by hand, with its grounds."""
    target = Target.objects.current().select_related("term").filter(pk=pk).first()
    if target is None:
        raise Http404
    term_for_writer(request.user, target.term.code)
    if request.method == "POST":
        act(request, JudgementForm(request.POST),
            lambda f: services.judge_target(user=request.user, target=target, met=f["dat"], reason=f["ly_do"]),
            f"Đã ghi đánh giá chỉ tiêu số {target.number}.")
    return _back(target.term.code)
