"""The statistics page (member-file.md): every key for a unit in the user's reach on a date,
a table per group with a row per unit under it, each figure a link to the members it counts;
and its Word / PDF / Excel. The members behind a figure of ethnicity or religion are listed
only to the roles that may read those details (Decree 13/2023/NĐ-CP); the figures themselves
are for everyone who sees the unit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from dangbo.accounts.access import SENSITIVE_ROLES, tops, visible_version
from dangbo.core.temporal import on
from dangbo.core.web import CONTENT_TYPES, day_of, document_response
from dangbo.domain import basic_stats as S
from dangbo.domain.text import format_number
from dangbo.members.models import Person
from dangbo.orgs.models import OrgVersion

from .documents import tables, write
from .selectors import Asked, Scope, count, for_unit, members_counted, row_units

# Who belongs to an ethnic group or a religion is sensitive; how many is not.
SENSITIVE_GROUPS = ("dan_toc.", "ton_giao.")


def _asked(request) -> tuple[Asked, list, str | None]:
    """The unit (`don_vi`, default the user's first top unit) and day (`ngay`) asked for."""
    day, problem = day_of(request)
    _, units = tops(request.user, timezone.localdate())
    if not units:
        raise Http404
    code = request.GET.get("don_vi") or units[0].org.code
    version = visible_version(request.user, code, day)  # 404 outside the reach, or a unit not there that day
    # the top units and those directly under them (a root's TCCSĐ), and the unit asked for
    choices = [*units, *OrgVersion.objects.filter(on(day), parent_id__in=[u.org_id for u in units])
               .select_related("org").order_by("org__code")]
    if version.org_id not in {u.org_id for u in choices}:
        choices.append(version)
    return for_unit(version, day), choices, problem


def _reads_sensitive(request, code: str, day) -> bool:
    """Does the user reach the whole unit through a role that reads sensitive details (a
    leader who is also a cell's secretary lists ethnicity in that cell only)?"""
    try:
        visible_version(request.user, code, day, SENSITIVE_ROLES)
    except Http404:
        return False
    return True


def _query(asked: Asked) -> dict[str, str]:
    """The page's own query: its unit and day (the figures' links add to it)."""
    return {"don_vi": asked.codes[0], "ngay": f"{asked.scope.day:%d/%m/%Y}"}


def _may_list(key: str, sensitive: bool) -> bool:
    return sensitive or not key.startswith(SENSITIVE_GROUPS)


@login_required
def stats_page(request):
    asked, units, problem = _asked(request)
    stats = count(asked.scope)
    day = asked.scope.day
    base = _query(asked)
    sensitive = _reads_sensitive(request, asked.codes[0], day)
    listed = {k: _may_list(k, sensitive) for k in S.KEYS}
    units_of_rows = row_units(stats, day)
    codes = {uid: code for uid, code, _ in units_of_rows}
    ids = [uid for uid, _, _ in units_of_rows] + [None]  # each table's rows, then its total

    def link(key: str, unit: str | None) -> str:
        return reverse("stats-members") + "?" + urlencode({**base, "chi_so": key, **({"hang": unit} if unit else {})})

    groups = []
    for (name, headers, rows), (_, _, keys) in zip(tables(asked, stats, units_of_rows), S.GROUPS[1:], strict=True):
        cells = []
        for uid, row in zip(ids, rows, strict=True):
            unit = codes.get(uid) if uid is not None else None
            figures = [(text, link(k, unit) if listed[k] and text != "0" else None)
                       for k, text in zip((S.TOTAL, *keys), row[2:], strict=True)]
            cells.append((row[0], row[1], unit, figures))
        groups.append((name, headers, cells))
    total = stats.total[S.TOTAL]
    overview = [(title, [(S.LABELS[k], format_number(stats.total[k]), _share(stats.total[k], total),
                          link(k, None) if listed[k] and stats.total[k] else None) for k in keys])
                for _, title, keys in S.GROUPS[1:]]
    return render(request, "stats/page.html", {
        "asked": asked, "day": day, "problem": problem, "units": units, "groups": groups, "total": format_number(total),
        "overview": overview, "query": urlencode(base), "unclear": sum(stats.total[k] for k in S.KEYS if k.endswith("chua_ro")),
        "sees_sensitive": sensitive})


@login_required
def stats_members(request):
    """The members counted by one figure (a unit's row, or the whole scope), 50 to a page."""
    key = request.GET.get("chi_so", "")
    if key not in S.KEYS:
        raise Http404
    asked, _, _ = _asked(request)
    day = asked.scope.day
    unit = request.GET.get("hang")
    if not _may_list(key, _reads_sensitive(request, unit or asked.codes[0], day)):
        raise PermissionDenied  # the figure is on the page; who it counts is sensitive
    scope = asked.scope
    if unit:
        version = visible_version(request.user, unit, day)
        if not version.path.startswith(scope.prefix or "/") or (scope.root_ids is not None
                                                                and version.root_id not in scope.root_ids):
            raise Http404
        scope = Scope(day, None, version.path, scope.depth)
    ids = members_counted(scope, key)
    people = Person.objects.filter(pk__in=ids).order_by("sort_name", "code")
    page = Paginator(people, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "stats/members.html", {
        "asked": asked, "day": day, "key": key, "label": S.LABELS[key], "group": _group_of(key), "page": page,
        "unit": unit, "query": query.urlencode(), "back": urlencode(_query(asked))})


def _share(n: int, total: int) -> str:
    """A share of the total in per cent, Vietnamese notation (52,6)."""
    return f"{100 * n / total:.1f}".replace(".", ",") if total else "—"


def _group_of(key: str) -> str:
    return next(title for _, title, keys in S.GROUPS if key in keys)


@login_required
def stats_download(request, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    asked, _, _ = _asked(request)
    stats = count(asked.scope)
    return document_response(lambda path: write(asked, stats, fmt, path),
                             f"thong-ke-{asked.codes[0]}-{asked.scope.day.isoformat()}.{fmt}")
