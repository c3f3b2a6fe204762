"""Row-level access, in the query layer: every read of units and members goes through here.

A user sees the subtrees (or single units) of their active grants, as the tree stood on the
day being looked at; an administrator sees everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dangbo.core.temporal import on
from dangbo.orgs.models import OrgVersion

from .choices import ADMIN, INSPECTOR, WRITERS
from .models import Grant


@dataclass(frozen=True)
class Reach:
    """What one user reaches on one day: everything, or these paths (prefix or exact)."""

    everything: bool
    prefixes: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()

    def org_q(self, prefix: str = "") -> Q:
        """A filter on OrgVersion rows (or through `prefix`, e.g. "cell_versions__")."""
        if self.everything:
            return Q()
        q = Q(pk__in=[])
        for p in self.prefixes:
            q |= Q(**{f"{prefix}path__startswith": p})
        for p in self.exact:
            q |= Q(**{f"{prefix}path": p})
        return q

    @property
    def can_write(self) -> bool:
        return self.everything or bool(self.roles & WRITERS)

    @property
    def sees_inspections(self) -> bool:
        """Inspection, supervision and discipline records are confidential: the inspection
        roles (and administrators) see them; everyone else sees only the report's totals."""
        return ADMIN in self.roles or INSPECTOR in self.roles


def active_grants(user, day: dt.date):
    return Grant.objects.filter(user=user, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def reach(user, day: dt.date) -> Reach:
    """The user's reach on `day` (nothing for an anonymous or grant-less user).

    Remembered on the user object, which lives for one request: a page asks several times
    (the menu, the scope of each query) and the grants do not change meanwhile."""
    memo = getattr(user, "_reach_memo", None)
    if memo is None:
        memo = {}
        try:
            user._reach_memo = memo
        except AttributeError:  # an object that takes no attributes: do not remember
            pass
    if day not in memo:
        memo[day] = _reach(user, day)
    return memo[day]


def _reach(user, day: dt.date) -> Reach:
    if not getattr(user, "is_authenticated", False):
        return Reach(False)
    if user.is_superuser:
        return Reach(True, roles=frozenset({ADMIN}))
    grants = list(active_grants(user, day).select_related("org"))
    roles = frozenset(g.role for g in grants)
    if any(g.role == ADMIN and g.org_id is None for g in grants):
        return Reach(True, roles=roles)
    versions = {v.org_id: v.path for v in OrgVersion.objects.filter(on(day), org_id__in=[g.org_id for g in grants if g.org_id])}
    prefixes = tuple(versions[g.org_id] for g in grants if g.org_id in versions and g.include_subunits)
    exact = tuple(versions[g.org_id] for g in grants if g.org_id in versions and not g.include_subunits)
    return Reach(False, prefixes, exact, roles)


def restrict_versions(qs: QuerySet, user, day: dt.date) -> QuerySet:
    """Unit versions on `day` that the user may see."""
    return qs.filter(on(day)).filter(reach(user, day).org_q())


def visible_version(user, code: str, day: dt.date) -> OrgVersion:
    """The unit's version on `day` if the user may see it; 404 otherwise (never say it exists)."""
    v = restrict_versions(OrgVersion.objects.select_related("org", "parent"), user, day).filter(org__code=code).first()
    if v is None:
        raise Http404
    return v


def visible_cells(user, day: dt.date):
    """Ids of the cells the user may see on `day` (a subquery)."""
    return restrict_versions(OrgVersion.objects.filter(level__in=("chi_bo", "chi_bo_co_so")), user, day).values("org_id")


def visible_spell(user, person, day: dt.date):
    """The person's spell on `day`, or their last one, if the user may see its cell then.

    Returns (spell, the day it is seen on); Http404 when the person was never a member or
    their cell is outside the user's reach."""
    from dangbo.members.models import MemberSpell

    spell = MemberSpell.objects.filter(on(day), person=person).first()
    if spell is None:
        spell = MemberSpell.objects.filter(person=person, valid_from__lte=day).order_by("-valid_from").first()
    if spell is None:
        raise Http404
    seen_on = day if spell.valid_to is None or spell.valid_to > day else spell.valid_to - dt.timedelta(days=1)
    if not restrict_versions(OrgVersion.objects.filter(org_id=spell.cell_id), user, seen_on).exists():
        raise Http404
    return spell, seen_on


CREATING_UNIT = ("khoi_tao", "thanh_lap", "tiep_nhan")


def check_org_event(user, *, kind: str, code: str, parent: str, target: str, day: dt.date) -> None:
    """May `user` record this unit event? The unit must be in reach the day before (a new unit:
    its parent; a new root: a system-wide reach), and so must the unit it moves or merges into.
    Raises Http404 (never say what exists outside the reach)."""
    r = reach(user, day)
    if kind in CREATING_UNIT:
        if parent:
            visible_version(user, parent, day)
        elif not r.everything:
            raise Http404
        return
    visible_version(user, code, day - dt.timedelta(days=1))
    for other in (parent, target):
        if other:
            visible_version(user, other, day)


def check_member_event(user, *, person, cell_code: str | None, day: dt.date):
    """May `user` record an event of `person` (into `cell_code`)? Returns the cell's Org.

    A person who has been a member must be in reach (as the members pages see them); the
    cell named must be in reach on the day. Raises Http404 otherwise."""
    from dangbo.members.models import MemberSpell

    if MemberSpell.objects.filter(person=person).exists():
        visible_spell(user, person, day)
    return visible_version(user, cell_code, day).org if cell_code else None


def check_person_edit(user, person, day: dt.date) -> None:
    """May `user` change this person's details? A member (or former member) as the members
    pages see them; a candidate through the cell following them; anyone else only with a
    whole-root reach. Raises Http404 otherwise."""
    from dangbo.members.models import Candidate, MemberSpell

    r = reach(user, day)
    if MemberSpell.objects.filter(person=person).exists():
        visible_spell(user, person, day)
    elif r.everything or any(p.count("/") == 2 for p in r.prefixes):
        return
    else:
        cells = Candidate.objects.current().filter(person=person).values("cell_id")
        if not restrict_versions(OrgVersion.objects.filter(org_id__in=cells), user, day).exists():
            raise Http404


def visible_people(user, day: dt.date):
    """Ids of the persons the user may see on `day`: members of the cells in reach, the
    candidates those cells follow, and for a whole root's officer the people attached to no
    unit (a subquery)."""
    from dangbo.members.models import Candidate, MemberSpell, Person

    r = reach(user, day)
    if r.everything:
        return Person.objects.values("id")
    cells = visible_cells(user, day)
    q = (Q(id__in=MemberSpell.objects.filter(on(day), cell_id__in=cells).values("person_id"))
         | Q(id__in=Candidate.objects.current().filter(cell_id__in=cells).values("person_id")))
    if any(p.count("/") == 2 for p in r.prefixes):
        # A whole root's officer also reaches the people attached to no unit yet (never a
        # member nor followed as a candidate): a bloc class enrols them before any cell does.
        q |= ~Q(id__in=MemberSpell.objects.values("person_id")) & ~Q(id__in=Candidate.objects.values("person_id"))
    return Person.objects.filter(q).values("id")


def visible_person(user, code: str, day: dt.date):
    """The person with `code` if the user may see them on `day` (404 otherwise)."""
    from dangbo.members.models import Person

    person = Person.objects.filter(code=code, id__in=visible_people(user, day)).first()
    if person is None:
        raise Http404
    return person


def writable_version(user, code: str, day: dt.date) -> OrgVersion:
    """The unit's version on `day` for a user who may also record on it (403 for a read-only
    role, 404 outside the reach)."""
    version = visible_version(user, code, day)
    if not reach(user, day).can_write:
        raise PermissionDenied
    return version


def inspection_reach(user, day: dt.date) -> Reach:
    """The reach of a user allowed to see and record inspections and disciplines (403 for anyone else)."""
    r = reach(user, day)
    if not r.sees_inspections:
        raise PermissionDenied
    return r


UNIT_SUBJECTS, PERSON_SUBJECTS = ("to_chuc", "tap_the"), ("dang_vien", "ca_nhan")


def check_subject(user, kind: str, code: str, day: dt.date) -> None:
    """The subject of an inspection, discipline or award — a unit (to_chuc, tap_the) or a
    person (dang_vien, ca_nhan) — must be in the user's reach on `day` (Http404 otherwise).
    An unknown kind is left to the service, which refuses it by name."""
    if kind in UNIT_SUBJECTS:
        visible_version(user, code, day)
    elif kind in PERSON_SUBJECTS:
        visible_person(user, code, day)
