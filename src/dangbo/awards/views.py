"""Awards: the awards and proposals in reach, a form to record or propose one, and the
higher body's answer to a proposal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.accounts.access import check_subject, reach, writable_version
from dangbo.accounts.choices import WRITERS
from dangbo.core.web import act, render_form
from dangbo.domain.problems import DomainError, RuleBlocked

from . import selectors, services
from .forms import AwardForm, DecisionForm


def _page(request, form: AwardForm, problems: list[str], blocked: bool = False):
    today = timezone.localdate()
    awards = selectors.awards_in_reach(request.user, today).select_related("subject_org", "subject_person", "granted_by")
    return render_form(request, "awards/list.html", {
        "proposals": awards.filter(status="de_nghi").order_by("-date", "-id"),
        "awards": awards.exclude(status="de_nghi").order_by("-date", "-id")[:200],
        "can_write": reach(request.user, today).can_write, "form": form, "blocked": blocked}, problems)


@login_required
def award_list(request):
    """Awards and proposals in reach, newest first; the form to record one."""
    return _page(request, AwardForm(initial={"trang_thai": "quyet_dinh"}), [])


@login_required
@require_POST
def record_award(request):
    """Record an award or a proposal: the writer must reach its subject (and the granting
    unit) today and on its date; a rule that blocks is set aside only with a reason."""
    if not reach(request.user, timezone.localdate()).can_write:
        raise Http404
    form = AwardForm(request.POST)
    if not form.is_valid():
        return _page(request, form, ["Chưa ghi được: xem các ô ghi lỗi bên dưới."])
    f = form.cleaned_data
    try:
        # any kind but a collective is looked up as a person: an unknown kind finds nobody (404)
        check_subject(request.user, f["doi_tuong"] if f["doi_tuong"] == "tap_the" else "ca_nhan", f["ma_doi_tuong"], f["ngay"])
        granted_by = writable_version(request.user, f["ma_co_quan"], f["ngay"]).org if f["ma_co_quan"] else None
    except Http404:
        return _page(request, form, [f"Không có đối tượng {f['ma_doi_tuong']} hoặc đơn vị {f['ma_co_quan']} "
                                     f"trong phạm vi của bạn vào ngày {f['ngay']:%d/%m/%Y}."])
    try:
        services.record_award(user=request.user, date=f["ngay"], form=f["hinh_thuc"], subject_kind=f["doi_tuong"],
                              subject=f["ma_doi_tuong"], status=f["trang_thai"], granted_by=granted_by,
                              content=f["noi_dung"], decision_no=f["so_quyet_dinh"],
                              override_reason=f["ly_do_vuot"] or None)
    except DomainError as exc:
        return _page(request, form, exc.messages, isinstance(exc, RuleBlocked))
    messages.success(request, "Đã ghi khen thưởng.")
    return redirect("awards")


@login_required
def decide(request, pk: int):
    """Record the higher body's answer to a proposal: granted with its decision, or not."""
    today = timezone.localdate()
    if not reach(request.user, today).can_write:
        raise Http404
    proposal = get_object_or_404(selectors.awards_in_reach(request.user, today, WRITERS), pk=pk, status="de_nghi")
    if request.method == "POST":
        act(request, DecisionForm(request.POST),
            lambda f: services.decide_proposal(user=request.user, proposal=proposal, granted=f["ket_qua"] == "duoc_khen",
                                               date=f["ngay"], decision_no=f["so_quyet_dinh"], reason=f["ly_do"]),
            "Đã ghi kết quả đề nghị khen thưởng.")
    return redirect("awards")
