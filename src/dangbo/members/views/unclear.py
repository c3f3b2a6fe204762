"""The files that need correcting (member-file.md): details stored as free text before they
were coded that match no code — counted "chưa rõ" in the statistics until a clerk picks the
right code on the person's form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.access import SENSITIVE_ROLES, visible_people
from dangbo.domain import member_file as MF

from ..models import Person
from ..selectors import files_to_correct


@login_required
def unclear_files(request):
    """Everyone sees the unclear details of the persons they see; the sensitive ones (an
    ethnic group, a religion) only of the persons they reach through a role that reads them."""
    today = timezone.localdate()
    readable = visible_people(request.user, today, SENSITIVE_ROLES)
    people = files_to_correct(request.user, today).order_by("sort_name", "code")
    page = Paginator(people, 50).get_page(request.GET.get("trang"))
    reads = set(Person.objects.filter(id__in=readable, pk__in=[p.pk for p in page]).values_list("pk", flat=True))
    rows = [(p, [(d.label, getattr(p, d.field)) for d in MF.CODED
                 if (not d.sensitive or p.pk in reads) and MF.needs_correcting(d, getattr(p, d.field))]) for p in page]
    return render(request, "members/unclear.html", {"page": page, "rows": rows, "query": ""})
