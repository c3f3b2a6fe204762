"""The files that need correcting (member-file.md): details stored as free text before they
were coded that match no code — counted "chưa rõ" in the statistics until a clerk picks the
right code on the person's form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.access import SENSITIVE_ROLES, visible_people
from dangbo.domain import file_codes as FC
from dangbo.domain import member_file as MF

from ..models import Person


def _unclear(detail: MF.Detail) -> Q:
    known = FC.gdpt_values() if detail.kind == "gdpt" else FC.codes(detail.kind)
    return ~Q(**{detail.field: ""}) & ~Q(**{f"{detail.field}__in": known})


@login_required
def unclear_files(request):
    """Everyone sees the unclear details of the persons they see; the sensitive ones (an
    ethnic group, a religion) only of the persons they reach through a role that reads them."""
    today = timezone.localdate()
    open_q, sensitive_q = Q(), Q()
    for d in MF.CODED:
        if d.sensitive:
            sensitive_q |= _unclear(d)
        else:
            open_q |= _unclear(d)
    readable = visible_people(request.user, today, SENSITIVE_ROLES)
    people = (Person.objects.filter(open_q | (sensitive_q & Q(id__in=readable)), id__in=visible_people(request.user, today))
              .order_by("sort_name", "code"))
    page = Paginator(people, 50).get_page(request.GET.get("trang"))
    reads = set(Person.objects.filter(id__in=readable, pk__in=[p.pk for p in page]).values_list("pk", flat=True))
    rows = [(p, [(d.label, getattr(p, d.field)) for d in MF.CODED
                 if (not d.sensitive or p.pk in reads) and MF.needs_correcting(d, getattr(p, d.field))]) for p in page]
    return render(request, "members/unclear.html", {"page": page, "rows": rows, "query": ""})
