"""Candidates (quần chúng ưu tú): from the awareness class to admission, with the file's
checklist, the 60-month certificate validity, the age limits and the 12-month file limit."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from dangbo.accounts.access import reach, reaches_now_and_then, visible_cells
from dangbo.core.temporal import on
from dangbo.core.web import act, day_of
from dangbo.domain.dates import add_months, full_years
from dangbo.orgs.models import OrgVersion
from dangbo.rules.selectors import rulebook
from dangbo.training.models import Enrolment

from .. import services
from ..choices import ADMISSION_DOCUMENTS
from ..forms import DocumentsForm
from ..models import Candidate, MemberSpell


@dataclass
class Pipeline:
    """Where one candidate stands on a day, with what the rules say."""

    candidate: Candidate
    cell_name: str
    age: int
    age_ok: bool
    certificate: dt.date | None
    certificate_until: dt.date | None
    file_deadline: dt.date | None
    file_overdue: bool
    documents: int


def pipelines(user, day: dt.date) -> list[Pipeline]:
    rules = rulebook()
    # A candidate leaves the pipeline once admitted (a membership begun since the file opened).
    admitted = Exists(MemberSpell.objects.filter(person_id=OuterRef("person_id"), valid_from__gte=OuterRef("file_opened"),
                                                 valid_from__lte=day))
    rows = (Candidate.objects.current().filter(cell_id__in=visible_cells(user, day), file_opened__lte=day)
            .exclude(admitted).select_related("person").order_by("person__sort_name", "file_opened"))
    rows = list(rows)
    names = dict(OrgVersion.objects.filter(on(day), org_id__in=[c.cell_id for c in rows]).values_list("org_id", "name"))
    certs: dict[int, dt.date] = {}
    for pid, cert, end, start, result in Enrolment.objects.current().filter(
            person_id__in=[c.person_id for c in rows], training_class__kind="nhan_thuc").values_list(
            "person_id", "certificate_date", "training_class__end", "training_class__start", "result"):
        date = cert or end or start
        if result != "khong_hoan_thanh" and date <= day:
            certs[pid] = max(certs.get(pid, date), date)
    lo, hi = rules.value("admission_age_min", day), rules.value("admission_age_max", day)
    valid_months, file_months = rules.value("awareness_certificate_months", day), rules.value("admission_file_months", day)
    out = []
    for c in rows:
        age = full_years(c.person.birth_date, day)
        cert = certs.get(c.person_id)
        # A rule with no value on the day (before the regulation) sets no limit.
        deadline = add_months(c.file_opened, file_months) if file_months is not None else None
        age_ok = (lo is None or lo <= age) and (hi is None or age <= hi)
        out.append(Pipeline(c, names.get(c.cell_id, ""), age, age_ok, cert,
                            add_months(cert, valid_months) if cert and valid_months is not None else None, deadline,
                            deadline is not None and day > deadline, len(c.documents)))
    return out


@login_required
def candidate_list(request):
    day, problem = day_of(request)
    return render(request, "members/candidates.html", {"day": day, "problem": problem, "rows": pipelines(request.user, day),
                                                       "total_documents": len(ADMISSION_DOCUMENTS)})


@login_required
def candidate_detail(request, pk: int):
    day, _ = day_of(request)
    candidate = get_object_or_404(Candidate.objects.current().select_related("person"), pk=pk)
    if not OrgVersion.objects.filter(on(day), org_id=candidate.cell_id).filter(reach(request.user, day).org_q()).exists():
        raise Http404
    if request.method == "POST":
        if not reaches_now_and_then(request.user, candidate.person, day):
            raise PermissionDenied
        act(request, DocumentsForm(request.POST),
            lambda f: services.set_candidate_documents(user=request.user, candidate=candidate, documents=f["giay_to"]),
            "Đã cập nhật hồ sơ kết nạp.")
        return redirect("candidate-detail", pk=pk)
    row = next((p for p in pipelines(request.user, day) if p.candidate.pk == pk), None)
    cell = OrgVersion.objects.filter(on(day), org_id=candidate.cell_id).select_related("org").first()
    return render(request, "members/candidate.html", {"c": candidate, "row": row, "cell": cell, "day": day,
                                                      "documents": [(code, name, code in candidate.documents)
                                                                    for code, name in ADMISSION_DOCUMENTS]})
