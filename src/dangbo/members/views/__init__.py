"""The member register: a filtered list and each member's page (scoped to the user's grants)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from dangbo.accounts.access import (
    check_person_edit,
    history_horizon,
    sees_sensitive,
    visible_cells,
    visible_spell,
    visible_version,
)
from dangbo.core.temporal import on
from dangbo.core.web import day_of, page_with_capped_count, page_with_count, partial
from dangbo.domain import member_file as MF
from dangbo.domain.dates import add_months, months_between
from dangbo.orgs.models import OrgVersion

from ..file import changes_by_year, details_on
from ..forms import MemberFilter
from ..models import MemberSpell, Person
from ..selectors import searched


@login_required
def member_list(request):
    day, problem = day_of(request)
    form = MemberFilter(request.GET or None)
    spells = MemberSpell.objects.filter(on(day), cell_id__in=visible_cells(request.user, day))
    if form.is_valid():
        f = form.cleaned_data
        if f["don_vi"]:
            unit = visible_version(request.user, f["don_vi"], day)
            spells = spells.filter(cell_id__in=OrgVersion.objects.filter(on(day), path__startswith=unit.path).values("org_id"))
        if f["trang_thai"]:
            spells = spells.filter(status=f["trang_thai"])
        if f["gioi_tinh"]:
            spells = spells.filter(person__sex=f["gioi_tinh"])
        if f["mien"]:
            spells = spells.filter(exempt=f["mien"] == "1")
        if f["tuoi_tu"] is not None:
            spells = spells.filter(person__birth_date__lte=add_months(day, -12 * f["tuoi_tu"]))
        if f["tuoi_den"] is not None:
            spells = spells.filter(person__birth_date__gt=add_months(day, -12 * (f["tuoi_den"] + 1)))
        if f["tuoi_dang_tu"] is not None:
            spells = spells.filter(party_age_from__lte=add_months(day, -12 * f["tuoi_dang_tu"]))
    searching = form.is_valid() and form.cleaned_data["q"]
    if searching:
        # Read off the name keys in their order, counted up to a cap: a common name's words
        # match tens of thousands of the national register's members.
        page = page_with_capped_count(searched(spells, form.cleaned_data["q"]).select_related("person", "cell"), request.GET.get("trang"))
    else:
        page = page_with_count(spells.select_related("person", "cell").order_by("person__sort_name", "person_id"), request.GET.get("trang"))
    names = dict(OrgVersion.objects.filter(on(day), org_id__in=[s.cell_id for s in page]).values_list("org_id", "name"))
    query = request.GET.copy()
    query.pop("trang", None)
    ctx = {"day": day, "problem": problem, "form": form, "page": page, "names": names, "query": query.urlencode()}
    return render(request, "members/_table.html" if partial(request) else "members/list.html", ctx)


@login_required
def member_detail(request, code: str):
    day, problem = day_of(request)
    person = get_object_or_404(Person, code=code)
    spell, seen_on = visible_spell(request.user, person, day)
    cell = OrgVersion.objects.filter(on(seen_on), org_id=spell.cell_id).first()
    is_member = seen_on == day
    until = history_horizon(request.user, person, seen_on)
    events = person.events.select_related("cell", "voided_by").order_by("date", "id")
    classes = person.enrolments.current().select_related("training_class").order_by("training_class__start")
    ratings = person.ratings.current().order_by("year")
    awards = person.awards.current().order_by("date")
    if until is not None:  # a former member: their history up to the day they left the user's units
        events, awards = events.filter(date__lte=until), awards.filter(date__lte=until)
        classes, ratings = classes.filter(training_class__start__lte=until), ratings.filter(year__lte=until.year)
    # each cell by its name (the latest it had), not its code
    cell_names = dict(OrgVersion.objects.filter(org_id__in={e.cell_id for e in events if e.cell_id})
                      .order_by("valid_from").values_list("org_id", "name"))
    sensitive = sees_sensitive(request.user, person, seen_on)
    details = details_on(person, day)
    file_rows = [(d.label, MF.shown(d, details[d.field]) if sensitive or not d.sensitive else None,
                  MF.needs_correcting(d, str(details[d.field] or "")) if sensitive or not d.sensitive else False)
                 for d in MF.ALL if d.column not in ("ho_ten", "ngay_sinh", "gioi_tinh")]
    changes = changes_by_year(person) if until is None else {}
    change_rows = {year: [(c, MF.BY_COLUMN[c.column], MF.shown(MF.BY_COLUMN[c.column], c.before),
                           MF.shown(MF.BY_COLUMN[c.column], c.after)) for c in cs
                          if sensitive or not MF.BY_COLUMN[c.column].sensitive] for year, cs in changes.items()}
    try:
        check_person_edit(request.user, person, timezone.localdate())
        can_write = until is None
    except Http404:
        can_write = False
    lines = {"work": person.work_history.select_related("voided_by").order_by("from_month", "id"),
             "family": person.family.select_related("voided_by").order_by("id") if sensitive else None,
             "photo": person.photos.exists()}
    return render(request, "members/detail.html", {
        "file_rows": file_rows, "lines": lines, "can_write": can_write, "sensitive": sensitive, "change_rows": {y: rows for y, rows in change_rows.items() if rows},
        "day": day, "problem": problem, "p": person, "spell": spell, "cell": cell, "is_member": is_member,
        "age": months_between(person.birth_date, day) // 12,
        "party_age_text": "{} năm {} tháng".format(*divmod(months_between(spell.party_age_from, seen_on), 12)),
        "events": events, "classes": classes, "ratings": ratings, "awards": awards, "until": until,
        "cell_names": cell_names,
    })


@login_required
def by_id(request, person_id: int):
    """A link by id (from an alert): only to a member the user may see."""
    day, _ = day_of(request)
    person = get_object_or_404(Person, pk=person_id)
    visible_spell(request.user, person, day)
    return redirect("member-detail", person.code)
