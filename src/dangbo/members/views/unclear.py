"""The files that need correcting (member-file.md): details stored as free text before they
were coded that match no code — counted "chưa rõ" in the statistics until a clerk picks the
right code on the person's form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.access import sees_sensitive_anywhere, visible_people
from dangbo.domain import file_codes as FC
from dangbo.domain import member_file as MF

from ..models import Person


def _unclear(detail: MF.Detail) -> Q:
    known = FC.gdpt_values() if detail.kind == "gdpt" else FC.codes(detail.kind)
    return ~Q(**{detail.field: ""}) & ~Q(**{f"{detail.field}__in": known})


@login_required
def unclear_files(request):
    today = timezone.localdate()
    details = [d for d in MF.CODED if not d.sensitive or sees_sensitive_anywhere(request.user, today)]
    q = Q()
    for d in details:
        q |= _unclear(d)
    people = (Person.objects.filter(q, id__in=visible_people(request.user, today)).order_by("sort_name", "code")
              if details else Person.objects.none())
    page = Paginator(people, 50).get_page(request.GET.get("trang"))
    rows = [(p, [(d.label, getattr(p, d.field)) for d in details if MF.needs_correcting(d, getattr(p, d.field))])
            for p in page]
    return render(request, "members/unclear.html", {"page": page, "rows": rows, "query": ""})
