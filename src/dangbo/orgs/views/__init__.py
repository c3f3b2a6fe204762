"""The organization tree on any date, and each unit's page (scoped to the user's grants)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from dangbo.accounts.access import tops, visible_version
from dangbo.assessment.models import Rating
from dangbo.awards.selectors import history_of_unit
from dangbo.core.temporal import on
from dangbo.core.web import day_of, partial
from dangbo.domain import labels
from dangbo.members.models import MemberSpell
from dangbo.members.selectors import members_on

from ..models import Org, OrgVersion
from ..selectors import org_timeline, tree_on


@login_required
def tree(request):
    """The tree of every unit the user reaches, as it stood on the chosen day."""
    day, problem = day_of(request)
    _, units = tops(request.user, day)
    trees = [t for t in (tree_on(u.org_id, day) for u in units) if t is not None]
    counts = dict(MemberSpell.objects.filter(on(day)).values_list("cell_id").annotate(n=Count("id")))
    ctx = {"day": day, "problem": problem, "trees": trees, "counts": counts, "level_labels": labels.LEVEL}
    template = "orgs/_tree.html" if partial(request) else "orgs/tree.html"
    return render(request, template, ctx)


@login_required
def detail(request, code: str):
    """One unit on the chosen day: its place, sub-units, members and the timeline of its events."""
    day, problem = day_of(request)
    version = visible_version(request.user, code, day)
    children = OrgVersion.objects.filter(on(day), parent_id=version.org_id).select_related("org").order_by("name")
    members = list(members_on(version.org_id, day).order_by("person__sort_name")[:50])
    total = members_on(version.org_id, day).count()
    chain = list(OrgVersion.objects.filter(on(day), org_id__in=[int(i) for i in version.path.strip("/").split("/")[:-1]])
                 .select_related("org").order_by("depth"))
    return render(request, "orgs/detail.html", {
        "day": day, "problem": problem, "v": version, "children": children, "members": members, "total": total,
        "chain": chain, "events": org_timeline(version.org_id).select_related("parent", "target", "voided_by"),
        "level": labels.LEVEL.get(version.level), "org_type": labels.ORG_TYPE.get(version.org_type, ""),
        "awards": history_of_unit(version.org_id),
        "ratings": Rating.objects.current().filter(org_id=version.org_id).order_by("year")})


@login_required
def by_id(request, org_id: int):
    """A link by id (from an alert): only to a unit the user may see."""
    day, _ = day_of(request)
    org = get_object_or_404(Org, pk=org_id)
    visible_version(request.user, org.code, day)
    return redirect("org-detail", org.code)
