"""Training classes: the list of classes in reach with a form to plan one, and a class's page
to enrol learners and record their results and certificates."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from dangbo.accounts.choices import WRITERS
from dangbo.accounts.scope import (
    reach,
    restrict_versions,
    visible_cells,
    visible_people,
    writable_version,
)
from dangbo.core.web import form_day, render_form
from dangbo.domain.labels import CLASS_KIND, CLASS_RESULT
from dangbo.domain.problems import DomainError
from dangbo.members.models import Candidate, MemberSpell, Person
from dangbo.orgs.models import OrgVersion

from . import services
from .models import Enrolment, TrainingClass
from .selectors import classes_in_reach


@login_required
def class_list(request):
    """Every class in reach, newest first, and (for those who record) a form to plan one."""
    today = timezone.localdate()
    problems: list[str] = []
    r = reach(request.user, today)
    if request.method == "POST":
        if not r.can_write:
            raise Http404
        start = form_day(request, "tu_ngay", "Từ ngày", problems)
        end = form_day(request, "den_ngay", "Đến ngày", problems, required=False)
        if start and not problems:
            org = writable_version(request.user, request.POST.get("ma_to_chuc", ""), start).org
            try:
                cls = services.plan_class(user=request.user, code=request.POST.get("ma", ""), name=request.POST.get("ten", ""),
                                          kind=request.POST.get("loai", ""), start=start, end=end, org=org)
            except DomainError as exc:
                problems = exc.messages
            else:
                messages.success(request, f"Đã mở lớp {cls.name}.")
                return redirect("class-detail", cls.code)
    kind = request.GET.get("loai", "")
    learners = (Enrolment.objects.current().filter(training_class=OuterRef("pk")).order_by()
                .values("training_class").annotate(n=Count("id")).values("n"))
    classes = classes_in_reach(request.user, today).select_related("org").annotate(
        learners=Coalesce(Subquery(learners), 0)).order_by("-start", "code")
    if kind in CLASS_KIND:
        classes = classes.filter(kind=kind)
    units = restrict_versions(OrgVersion.objects.select_related("org"), request.user, today).order_by("path")
    return render_form(request, "training/list.html", {
        "classes": classes[:200], "kinds": CLASS_KIND.items(), "kind": kind, "units": units, "can_write": r.can_write,
        "form": request.POST}, problems)


CODES = re.compile(r"[\s,;]+")


@login_required
def class_detail(request, code: str):
    """A class: its learners in reach with their results; enrol more; record results."""
    cls = TrainingClass.objects.current().select_related("org").filter(code=code).first()
    today = timezone.localdate()
    if cls is None or not classes_in_reach(request.user, today).filter(pk=cls.pk).exists():
        raise Http404
    r = reach(request.user, today)
    problems: list[str] = []
    seen = visible_people(request.user, today)
    if request.method == "POST":
        seen = visible_people(request.user, today, WRITERS)  # records only of the people they write about
        if not r.can_write:
            raise Http404
        try:
            if request.POST.get("buoc") == "ghi_danh":
                typed = [c for c in CODES.split(request.POST.get("ma_nguoi", "")) if c]
                wanted = list(dict.fromkeys(request.POST.getlist("chon") + typed))
                found = {p.code: p for p in Person.objects.filter(code__in=wanted, id__in=seen)}
                missing = [c for c in wanted if c not in found]
                if missing:
                    raise DomainError.of([f"Không có người mang mã {c} trong phạm vi của bạn." for c in missing])
                services.enrol(user=request.user, training_class=cls, people=[found[c] for c in wanted])
                messages.success(request, f"Đã ghi danh {len(wanted)} học viên.")
            else:
                results = {}
                for e in cls.enrolments.current().filter(person_id__in=seen).select_related("person"):
                    cert = form_day(request, f"cc_{e.person.code}", f"Ngày cấp chứng chỉ của {e.person.full_name}", problems,
                                    required=False)
                    results[e.person.code] = (request.POST.get(f"kq_{e.person.code}", ""), cert)
                if problems:
                    raise DomainError.of(problems)
                n = services.record_results(user=request.user, training_class=cls, results=results)
                messages.success(request, f"Đã ghi kết quả của {n} học viên.")
        except DomainError as exc:
            problems = exc.messages
        else:
            return redirect("class-detail", cls.code)
    learners = list(cls.enrolments.current().filter(person_id__in=seen).select_related("person").order_by("person__sort_name"))
    posted = request.method == "POST" and request.POST.get("buoc") != "ghi_danh"
    for e in learners:  # a refused form shows what was typed, not what is stored
        e.shown_result = request.POST.get(f"kq_{e.person.code}", e.result) if posted else e.result
        e.shown_cert = request.POST.get(f"cc_{e.person.code}", "") if posted else (
            f"{e.certificate_date:%d/%m/%Y}" if e.certificate_date else "")
    hidden = cls.enrolments.current().exclude(person_id__in=seen).count()
    # The candidates the user's cells follow, not in this class yet: ticked rather than typed.
    followed = (Candidate.objects.current().filter(cell_id__in=visible_cells(request.user, today))
                .exclude(person_id__in=cls.enrolments.current().values("person_id"))
                .exclude(person_id__in=MemberSpell.objects.filter(valid_from__lte=today).values("person_id"))
                .select_related("person").order_by("person__sort_name")[:200]) if r.can_write else []
    return render_form(request, "training/detail.html", {
        "cls": cls, "learners": learners, "hidden": hidden, "results": CLASS_RESULT.items(), "can_write": r.can_write,
        "followed": followed, "form": request.POST}, problems)
