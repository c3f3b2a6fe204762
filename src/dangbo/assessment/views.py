"""The yearly assessment: the units a user rates, a unit's grid with the quota shown live
(HTMX re-counts it on every change, nothing written), the calibration table of a root, and
closing a year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.access import may_write, reach, restrict_versions, visible_version
from dangbo.core.forms import problems_of
from dangbo.core.web import flash_refusal
from dangbo.domain import codes as C
from dangbo.domain.dates import FIRST_YEAR, LAST_YEAR
from dangbo.domain.labels import RATING
from dangbo.domain.problems import DomainError, RuleBlocked
from dangbo.orgs.models import OrgVersion

from . import selectors, services
from .forms import GridForm


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@login_required
def rating_home(request):
    """The roots and TCCSĐ in reach on 31 December of the chosen year, each with its grid."""
    year = _year(request.GET.get("nam") or timezone.localdate().year - 1)
    units = restrict_versions(OrgVersion.objects.filter(level__in=[C.ROOT, *C.TCCSD_LEVELS]), request.user,
                              selectors.year_end(year)).select_related("org").order_by("path")
    return render(request, "assessment/home.html", {"year": year, "units": units})


@login_required
def rating_grid(request, year: int, code: str):
    """Rate every subject of a unit for a year. A POST with `xem_truoc` (sent by HTMX on each
    change) only re-counts the quota from the levels being typed."""
    year = _year(year)
    unit = visible_version(request.user, code, selectors.year_end(year))
    if unit.level not in (C.ROOT, *C.TCCSD_LEVELS):
        raise Http404
    r = reach(request.user, selectors.year_end(year))
    rows = selectors.grid(unit, year)
    problems: list = []
    blocked = False
    grid = GridForm(request.POST or None, rows)
    if request.method == "POST":
        problems = problems_of(grid)
        entries = grid.entries()
        if grid.cleaned_data.get("xem_truoc"):
            levels = [entries[x.code][0] if x.code in entries else (x.rating.level if x.rating else None)
                      for x in rows if x.counted]
            return render(request, "assessment/_quota.html", {
                "quota": selectors.grid_quota(year, [lvl for lvl in levels if lvl]), "unit": unit})
        if not may_write(request.user, unit, selectors.year_end(year)):
            raise PermissionDenied
        try:
            if problems:
                raise DomainError.of(problems)
            n = services.save_ratings(user=request.user, year=year, unit=unit, entries=entries,
                                      override_reason=grid.cleaned_data.get("ly_do_vuot") or None)
        except DomainError as exc:
            problems, blocked = exc.messages, isinstance(exc, RuleBlocked)
        else:
            messages.success(request, f"Đã ghi xếp loại của {n} đối tượng.")
            return redirect("rating-grid", year, code)
    typed = grid.data if grid.is_bound else None
    for x in rows:  # a refused form shows what was typed, not what is stored
        stored = x.rating
        x.shown_level = typed.get(f"xl_{x.code}", "") if typed is not None else (stored.level if stored else "")
        x.shown_score = typed.get(f"diem_{x.code}", "") if typed is not None else (
            stored.score if stored and stored.score is not None else "")
        x.shown_note = typed.get(f"gc_{x.code}", "") if typed is not None else (stored.note if stored else "")
    counted = [x.shown_level for x in rows if x.counted and x.shown_level]
    ctx = {"year": year, "unit": unit, "rows": rows, "levels": RATING.items(), "can_write": r.can_write,
           "cells": list(dict.fromkeys(x.where for x in rows if x.kind == "dang_vien")),
           "quota": selectors.grid_quota(year, counted), "closed": selectors.is_closed(unit.root_id, year),
           "problems": problems, "blocked": blocked, "form": grid.data}
    return render(request, "assessment/grid.html", ctx, status=400 if problems else 200)


def _root(request, year: int, code: str) -> OrgVersion:
    unit = visible_version(request.user, code, selectors.year_end(year))
    if unit.level != C.ROOT:
        raise Http404
    return unit


@login_required
def calibration(request, year: int, code: str):
    """A root's TCCSĐ side by side: their members' levels and each one's quota, for the board
    to see which units rate more generously than the others before closing the year."""
    year = _year(year)
    root = _root(request, year, code)
    rows, root_quota = selectors.calibration(root, year)
    return render(request, "assessment/calibration.html", {
        "year": year, "root": root, "rows": rows, "root_quota": root_quota, "levels": RATING.items(),
        "closed": selectors.is_closed(root.org_id, year), "can_write": reach(request.user, selectors.year_end(year)).can_write})


@login_required
def close_year(request, year: int, code: str):
    """Close a root's year: later ratings of that year need an override with a reason."""
    year = _year(year)
    root = _root(request, year, code)
    if request.method != "POST":
        return redirect("rating-calibration", year, code)
    if not may_write(request.user, root, selectors.year_end(year)):
        raise PermissionDenied
    try:
        services.close_year(user=request.user, root=root, year=year)
    except DomainError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, f"Đã khóa đánh giá năm {year}.")
    return redirect("rating-calibration", year, code)
