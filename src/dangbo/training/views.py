"""Training classes: the list of classes in reach with a form to plan one, and a class's page
to enrol learners and record their results and certificates."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from dangbo.accounts.access import (
    reach,
    restrict_versions,
    visible_cells,
    visible_people,
    writable_version,
)
from dangbo.accounts.choices import WRITERS
from dangbo.core.forms import problems_of
from dangbo.core.web import render_form
from dangbo.domain.labels import CLASS_KIND, CLASS_RESULT
from dangbo.domain.problems import DomainError
from dangbo.members.models import Candidate, MemberSpell
from dangbo.orgs.models import OrgVersion

from . import services
from .forms import ClassPlanForm, EnrolForm, ResultsForm, StepForm
from .models import Enrolment, TrainingClass
from .selectors import classes_in_reach, learners_named


@login_required
def class_list(request):
    """Every class in reach, newest first, and (for those who record) a form to plan one."""
    today = timezone.localdate()
    problems: list[str] = []
    r = reach(request.user, today)
    form = ClassPlanForm(request.POST or None)
    if request.method == "POST":
        if not r.can_write:
            raise Http404
        problems = problems_of(form)
        if not problems:
            f = form.cleaned_data
            org = writable_version(request.user, f["ma_to_chuc"], f["tu_ngay"]).org
            try:
                cls = services.plan_class(user=request.user, code=f["ma"], name=f["ten"], kind=f["loai"], start=f["tu_ngay"],
                                          end=f["den_ngay"], org=org)
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
        "form": form.data}, problems)


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
    step = StepForm(request.POST or None)
    enrolling = step.is_valid() and step.cleaned_data["buoc"] == "ghi_danh"
    results = None
    enrol = EnrolForm(request.POST if enrolling else None)
    if request.method == "POST":
        seen = visible_people(request.user, today, WRITERS)  # records only of the people they write about
        if not r.can_write:
            raise Http404
        try:
            if enrolling:
                if not enrol.is_valid():
                    raise DomainError.of(problems_of(enrol))
                wanted = enrol.codes()
                found, missing = learners_named(request.user, today, wanted)
                if missing:
                    raise DomainError.of([f"Không có người mang mã {c} trong phạm vi của bạn." for c in missing],
                                         code="unknown_person")
                services.enrol(user=request.user, training_class=cls, people=[found[c] for c in wanted])
                messages.success(request, f"Đã ghi danh {len(wanted)} học viên.")
            else:
                results = ResultsForm(request.POST, list(cls.enrolments.current().filter(person_id__in=seen).select_related("person")))
                if not results.is_valid():
                    raise DomainError.of(problems_of(results))
                n = services.record_results(user=request.user, training_class=cls, results=results.results())
                messages.success(request, f"Đã ghi kết quả của {n} học viên.")
        except DomainError as exc:
            problems = exc.messages
        else:
            return redirect("class-detail", cls.code)
    learners = list(cls.enrolments.current().filter(person_id__in=seen).select_related("person").order_by("person__sort_name"))
    typed = results.data if results is not None else None
    for e in learners:  # a refused form shows what was typed, not what is stored
        e.shown_result = typed.get(f"kq_{e.person.code}", e.result) if typed is not None else e.result
        e.shown_cert = typed.get(f"cc_{e.person.code}", "") if typed is not None else (
            f"{e.certificate_date:%d/%m/%Y}" if e.certificate_date else "")
    hidden = cls.enrolments.current().exclude(person_id__in=seen).count()
    # The candidates the user's cells follow, not in this class yet: ticked rather than typed.
    followed = (Candidate.objects.current().filter(cell_id__in=visible_cells(request.user, today))
                .exclude(person_id__in=cls.enrolments.current().values("person_id"))
                .exclude(person_id__in=MemberSpell.objects.filter(valid_from__lte=today).values("person_id"))
                .select_related("person").order_by("person__sort_name")[:200]) if r.can_write else []
    return render_form(request, "training/detail.html", {
        "cls": cls, "learners": learners, "hidden": hidden, "results": CLASS_RESULT.items(), "can_write": r.can_write,
        "followed": followed, "form": enrol.data}, problems)
