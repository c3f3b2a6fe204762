"""The unit picker of the forms: the units in the user's write reach today whose code or name
holds what was typed (issue 20, item 4)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.access import restrict_versions
from dangbo.members.views.pickers import SHOWN, picker_roles, typed

from ..models import OrgVersion


@login_required
def pick_unit(request):
    today, q = timezone.localdate(), typed(request)
    units = OrgVersion.objects.none()
    if q:
        units = (restrict_versions(OrgVersion.objects.select_related("org"), request.user, today, picker_roles(request))
                 .filter(Q(org__code__istartswith=q) | Q(name__icontains=q)).order_by("depth", "name")[:SHOWN])
    return render(request, "orgs/_pick_unit.html", {"units": units})
