"""Reads of the organization tree on any date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dangbo.core.temporal import on

from .models import Org, OrgEvent, OrgVersion, RootMerge


@dataclass
class TreeNode:
    """One unit in the tree of a date, with its children."""

    org_id: int
    code: str
    name: str
    level: str
    org_type: str
    children: list[TreeNode] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        from dangbo.domain.labels import LEVEL

        return str(LEVEL.get(self.level, self.level))


def version_on(org: Org | int, day: dt.date) -> OrgVersion | None:
    org_id = org.pk if isinstance(org, Org) else org
    return OrgVersion.objects.filter(on(day), org_id=org_id).first()


def nearest_version(org: Org | int, day: dt.date) -> OrgVersion | None:
    """The unit's version on `day`, or for a day it did not stand its last version begun by
    then, else its first (a paper or a row names a unit as it was nearest that day)."""
    org_id = org.pk if isinstance(org, Org) else org
    return (OrgVersion.objects.filter(org_id=org_id, valid_from__lte=day).order_by("-valid_from").first()
            or OrgVersion.objects.filter(org_id=org_id).order_by("valid_from").first())


def subtree_versions(org: Org | int, day: dt.date):
    """Versions of the unit and everything below it, as they stood on `day` (empty if absent)."""
    v = version_on(org, day)
    if v is None:
        return OrgVersion.objects.none()
    return OrgVersion.objects.filter(on(day), path__startswith=v.path)


def tree_on(org: Org | int, day: dt.date) -> TreeNode | None:
    """The unit and its subtree on `day`, children sorted by name (one query)."""
    rows = list(subtree_versions(org, day).select_related("org").order_by("depth", "name"))
    if not rows:
        return None
    nodes = {v.org_id: TreeNode(v.org_id, v.org.code, v.name, v.level, v.org_type) for v in rows}
    top = nodes[rows[0].org_id]
    for v in rows[1:]:
        nodes[v.parent_id].children.append(nodes[v.org_id])
    return top


def lineage(root: Org | int) -> set[int]:
    """The root and every root that merged into it, directly or through another root."""
    from dangbo.domain.metrics import lineage as walk

    root_id = root.pk if isinstance(root, Org) else root
    return walk([root_id], list(RootMerge.objects.values_list("merged_id", "into_id", "date")))


def org_timeline(org: Org | int):
    """The unit's events, oldest first (voided ones included, marked)."""
    org_id = org.pk if isinstance(org, Org) else org
    return OrgEvent.objects.filter(org_id=org_id).order_by("date", "id")


def event_for_writer(user, event_id: int):
    """The unit event `event_id` if `user` may write about its unit on the event's date (or the
    day before, for an event that ends it) and today; Http404 outside the reach (an unknown id
    alike), PermissionDenied through a read-only role."""
    import datetime as dt

    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from dangbo.accounts.access import writable_version

    from .models import OrgEvent

    event = OrgEvent.objects.select_related("org").filter(pk=event_id).first() if 0 < event_id < 2**63 else None
    if event is None:
        raise Http404
    refused: Exception = Http404()
    for day in (event.date, event.date - dt.timedelta(days=1)):
        try:
            writable_version(user, event.org.code, day)
            return event
        except (Http404, PermissionDenied) as exc:
            refused = exc if isinstance(exc, PermissionDenied) else refused
    raise refused
