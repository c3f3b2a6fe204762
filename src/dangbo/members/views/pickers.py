"""The person picker of the forms: the people in the user's write reach whose code or a word
of whose name begins with what was typed (issue 20, item 4)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.access import INSPECTORS, visible_people
from dangbo.accounts.choices import WRITERS
from dangbo.domain.text import fold

from ..models import Person

SHOWN = 15


def typed(request) -> str:
    """What was typed: the one value the input sends under its own name."""
    return next((v.strip() for k, v in request.GET.items() if k != "vai_tro" and v.strip()), "")[:100]


def picker_roles(request) -> frozenset[str]:
    """The grants a picker searches through: the inspection roles' for an inspection form."""
    return INSPECTORS if request.GET.get("vai_tro") == "kiem_tra" else WRITERS


@login_required
def pick_person(request):
    today, q = timezone.localdate(), typed(request)
    people = Person.objects.none()
    if q:
        people = (Person.objects.filter(id__in=visible_people(request.user, today, picker_roles(request)))
                  .filter(Q(code__istartswith=q) | Q(name_keys__key__startswith=fold(q)))
                  .distinct().order_by("sort_name", "id")[:SHOWN])
    return render(request, "members/_pick_person.html", {"people": people})
