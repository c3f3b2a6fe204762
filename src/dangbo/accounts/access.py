"""Row-level access, in the query layer: every read of units and members goes through here.

A user sees the subtrees (or single units) of their active grants, as the tree stood on the
day being looked at; an administrator sees everything. Each role counts only on its own
grant's subtree: a secretary of one unit who also reads another (leadership) writes only in
the first (`reach(user, day, WRITERS)`).

The rule for every write (pages, API, imports): the writer must reach the subject today
and on the record's date, through a grant of a role that writes; a person who was never a
member is reached through the cell following their candidate file, and a person attached
to no unit only by a whole root's officer. An unknown code and an unreachable one both
answer 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

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
        """Does any of the user's grants carry a role that writes? (Which units it writes on
        is `reach(user, day, WRITERS)`.)"""
        return self.everything or bool(self.roles & WRITERS)

    @property
    def whole_root(self) -> bool:
        """Does it reach a whole root (a bloc) or everything? A root's path is `/<id>/`."""
        return self.everything or any(p.count("/") == 2 for p in self.prefixes)

    def covers(self, path: str) -> bool:
        """Is the unit at `path` (as the tree stood on the reach's day) inside the reach?"""
        return self.everything or path in self.exact or any(path.startswith(p) for p in self.prefixes)

    @property
    def sees_inspections(self) -> bool:
        """Inspection, supervision and discipline records are confidential: the inspection
        roles (and administrators) see them; everyone else sees only the report's totals."""
        return ADMIN in self.roles or INSPECTOR in self.roles


def active_grants(user, day: dt.date):
    return Grant.objects.filter(user=user, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def reach(user, day: dt.date, roles: frozenset[str] | None = None) -> Reach:
    """The user's reach on `day` (nothing for an anonymous or grant-less user); with `roles`,
    only through the grants of those roles (WRITERS: where the user may write).

    Remembered on the user object, which lives for one request: a page asks several times
    (the menu, the scope of each query) and the grants do not change meanwhile."""
    memo = getattr(user, "_reach_memo", None)
    if memo is None:
        memo = {}
        try:
            user._reach_memo = memo
        except AttributeError:  # an object that takes no attributes: do not remember
            pass
    if (day, roles) not in memo:
        memo[day, roles] = _reach(user, day, roles)
    return memo[day, roles]


def tops(user, day: dt.date) -> tuple[Reach, list[OrgVersion]]:
    """The highest units the user reaches on `day` (the roots for a bloc-wide reach)."""
    r = reach(user, day)
    qs = OrgVersion.objects.filter(on(day)).select_related("org")
    if r.everything:
        return r, list(qs.filter(level="dang_bo_cap_tren").order_by("name"))
    paths = set(r.prefixes) | set(r.exact)
    found = list(qs.filter(path__in=paths).order_by("path"))
    # a grant inside another grant's subtree adds nothing new at the top
    return r, [v for v in found if not any(v.path != p and v.path.startswith(p) for p in r.prefixes)]


def require_writer(user, day: dt.date) -> Reach:
    """The user's reach on `day` when a role of theirs writes at all (403 for a read-only one)."""
    r = reach(user, day)
    if not r.can_write:
        raise PermissionDenied
    return r


def write_reach(user, day: dt.date) -> Reach:
    """Where the user may write on `day`: the subtrees of their grants of a writing role."""
    return reach(user, day, WRITERS)


def _reach(user, day: dt.date, only: frozenset[str] | None) -> Reach:
    if not getattr(user, "is_authenticated", False):
        return Reach(False)
    if user.is_superuser:
        return Reach(True, roles=frozenset({ADMIN}))
    grants = [g for g in active_grants(user, day).select_related("org") if only is None or g.role in only]
    roles = frozenset(g.role for g in grants)
    if any(g.role == ADMIN and g.org_id is None for g in grants):
        return Reach(True, roles=roles)
    versions = {v.org_id: v.path for v in OrgVersion.objects.filter(on(day), org_id__in=[g.org_id for g in grants if g.org_id])}
    prefixes = tuple(versions[g.org_id] for g in grants if g.org_id in versions and g.include_subunits)
    exact = tuple(versions[g.org_id] for g in grants if g.org_id in versions and not g.include_subunits)
    return Reach(False, prefixes, exact, roles)


def restrict_versions(qs: QuerySet, user, day: dt.date, roles: frozenset[str] | None = None) -> QuerySet:
    """Unit versions on `day` that the user may see (through the grants of `roles`)."""
    return qs.filter(on(day)).filter(reach(user, day, roles).org_q())


def visible_version(user, code: str, day: dt.date, roles: frozenset[str] | None = None) -> OrgVersion:
    """The unit's version on `day` if the user may see it; 404 otherwise (never say it exists)."""
    v = restrict_versions(OrgVersion.objects.select_related("org", "parent"), user, day, roles).filter(org__code=code).first()
    if v is None:
        raise Http404
    return v


def visible_cells(user, day: dt.date, roles: frozenset[str] | None = None):
    """Ids of the cells the user may see on `day` (a subquery)."""
    return restrict_versions(OrgVersion.objects.filter(level__in=("chi_bo", "chi_bo_co_so")), user, day, roles).values("org_id")


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


def history_horizon(user, person, seen_on: dt.date, today: dt.date | None = None) -> dt.date | None:
    """The last day of `person`'s history the user may read, who sees them on `seen_on`:
    None (all of it) when the user sees them today; else the last day they were in a cell
    the user reaches (a secretary opening a former member on a past date sees who was in the
    unit then, not what happened to them after they left)."""
    from dangbo.members.models import MemberSpell

    today = today or timezone.localdate()
    try:
        visible_spell(user, person, today)
        return None
    except Http404:
        pass
    last = seen_on
    for spell in MemberSpell.objects.filter(person=person, valid_to__gt=seen_on).only("cell_id", "valid_to"):
        assert spell.valid_to is not None
        end, cell_id = spell.valid_to - dt.timedelta(days=1), spell.cell_id
        if end > last and restrict_versions(OrgVersion.objects.filter(org_id=cell_id), user, end).exists():
            last = end
    return last


CREATING_UNIT = ("khoi_tao", "thanh_lap", "tiep_nhan")


def check_org_event(user, *, kind: str, code: str, parent: str, target: str, day: dt.date) -> None:
    """May `user` record this unit event? The unit must be in the write reach the day before
    the event and today (`may_write`) (a new unit: its parent on the day; a new root: a system-wide reach),
    and so must the unit it moves or merges into. Raises Http404 (never say what exists
    outside the reach), PermissionDenied for a unit seen only through a read-only role."""
    if kind in CREATING_UNIT:
        if parent:
            writable_version(user, parent, day)
        elif not write_reach(user, day).everything:
            raise Http404
        return
    writable_version(user, code, day - dt.timedelta(days=1))
    for other in (parent, target):
        if other:
            writable_version(user, other, day)


def _unit_exists(code: str, day: dt.date) -> bool:
    return OrgVersion.objects.filter(on(day), org__code=code).exists()


def subject_reached(user, person, day: dt.date, *, arriving: bool = False, roles: frozenset[str] | None = WRITERS) -> bool:
    """May `user` write about `person` as of `day`? A member (or former member): the cell of
    their spell on that day (or their last one before it) in the write reach as the tree stood
    then. Not a member by that day: the cell following their candidate file; attached to no
    unit at all: only a whole root's officer, or (`arriving`: a transfer in from outside)
    a writer of the cell they arrive in, checked by the caller. `roles`: the grants that count
    (the writers; the inspection roles for inspection records)."""
    from dangbo.members.models import Candidate, MemberSpell

    w = reach(user, day, roles)
    if w.everything:
        return True
    spell = MemberSpell.objects.filter(person=person, valid_from__lte=day).order_by("-valid_from").first()
    if spell is not None:
        seen_on = day if spell.valid_to is None or spell.valid_to > day else spell.valid_to - dt.timedelta(days=1)
        return restrict_versions(OrgVersion.objects.filter(org_id=spell.cell_id), user, seen_on, roles).exists()
    files = Candidate.objects.current().filter(person=person)
    if files.exists():
        cells = files.values("cell_id")
        return restrict_versions(OrgVersion.objects.filter(org_id__in=cells), user, day, roles).exists()
    if MemberSpell.objects.filter(person=person).exists():
        return False  # a member only later, and followed by no cell on this day
    return w.whole_root or arriving


def reaches_now_and_then(user, person, day: dt.date, *, arriving: bool = False,
                         roles: frozenset[str] | None = WRITERS) -> bool:
    """The rule of every write about a person: `subject_reached` today and on the record's day."""
    return all(subject_reached(user, person, when, arriving=arriving, roles=roles)
               for when in dict.fromkeys((timezone.localdate(), day)))


ARRIVING = frozenset({"chuyen_den"})


def check_member_event(user, *, person, cell_code: str | None, day: dt.date, kind: str = ""):
    """May `user` record an event of `person` (into `cell_code`) dated `day`? Returns the
    cell's Org. The person must be reached today and on `day` (`subject_reached`), the cell
    named must be in the write reach on the day. Raises Http404 otherwise (a read-only role
    on a cell it sees: PermissionDenied)."""
    if not reaches_now_and_then(user, person, day, arriving=kind in ARRIVING and bool(cell_code)):
        raise Http404
    return writable_version(user, cell_code, day).org if cell_code else None


def check_person_edit(user, person, day: dt.date) -> None:
    """May `user` change this person's details? Only a person they may write about today
    (`subject_reached`). Raises Http404 otherwise."""
    if not subject_reached(user, person, day):
        raise Http404


def visible_people(user, day: dt.date, roles: frozenset[str] | None = None):
    """Ids of the persons the user may see on `day` (through the grants of `roles`): members
    of the cells in reach, the candidates those cells follow, and for a whole root's officer
    the people attached to no unit (a subquery)."""
    from dangbo.members.models import Candidate, MemberSpell, Person

    r = reach(user, day, roles)
    if r.everything:
        return Person.objects.values("id")
    cells = visible_cells(user, day, roles)
    q = (Q(id__in=MemberSpell.objects.filter(on(day), cell_id__in=cells).values("person_id"))
         | Q(id__in=Candidate.objects.current().filter(cell_id__in=cells).values("person_id")))
    if r.whole_root:
        # A whole root's officer also reaches the people attached to no unit yet (never a
        # member nor followed as a candidate): a bloc class enrols them before any cell does.
        q |= ~Q(id__in=MemberSpell.objects.values("person_id")) & ~Q(id__in=Candidate.objects.values("person_id"))
    return Person.objects.filter(q).values("id")


def visible_person(user, code: str, day: dt.date, roles: frozenset[str] | None = None):
    """The person with `code` if the user may see them on `day` (404 otherwise)."""
    from dangbo.members.models import Person

    person = Person.objects.filter(code=code, id__in=visible_people(user, day, roles)).first()
    if person is None:
        raise Http404
    return person


def writable_version(user, code: str, day: dt.date) -> OrgVersion:
    """The unit's version on `day` for a user who may also record on it: through a grant of
    a writing role on it (403 when seen only through a read-only role, 404 outside the reach)."""
    version = visible_version(user, code, day)
    if not may_write(user, version, day):
        raise PermissionDenied
    return version


def may_write(user, version: OrgVersion, day: dt.date) -> bool:
    """May the user record on this unit (its version on `day`), dated `day`? It must be in
    the write reach as the tree stood that day and, if the unit still exists, today: a unit
    that has since moved out of a secretary's subtree is no longer theirs to write about."""
    if not write_reach(user, day).covers(version.path):
        return False
    today = timezone.localdate()
    if today == day or version.valid_to is None:
        return True
    now = OrgVersion.objects.filter(on(today), org_id=version.org_id).values_list("path", flat=True).first()
    return now is None or write_reach(user, today).covers(now)


INSPECTORS = frozenset({ADMIN, INSPECTOR})


def inspection_reach(user, day: dt.date) -> Reach:
    """The reach of a user allowed to see and record inspections and disciplines, through
    their inspection grants only (403 for anyone else)."""
    if not reach(user, day).sees_inspections:
        raise PermissionDenied
    return reach(user, day, INSPECTORS)


UNIT_SUBJECTS, PERSON_SUBJECTS = ("to_chuc", "tap_the"), ("dang_vien", "ca_nhan")


def check_subject(user, kind: str, code: str, day: dt.date, roles: frozenset[str] | None = WRITERS) -> None:
    """The subject of an inspection, discipline or award — a unit (to_chuc, tap_the) or a
    person (dang_vien, ca_nhan) — must be in the reach of the user's grants of `roles` (the
    writers; INSPECTORS for inspection records) today and on `day` (Http404 otherwise). An
    unknown kind is left to the service, which refuses it by name."""
    from dangbo.members.models import Person

    if kind in UNIT_SUBJECTS:
        for when in dict.fromkeys((timezone.localdate(), day)):
            if when != day and not _unit_exists(code, when):
                continue  # a unit that has ended since: judged on the record's day alone
            visible_version(user, code, when, roles)
    elif kind in PERSON_SUBJECTS:
        person = Person.objects.filter(code=code).first()
        if person is None or not reaches_now_and_then(user, person, day, roles=roles):
            raise Http404


# Sensitive personal data (Decree 13/2023/NĐ-CP; member-file.md): ethnicity, religion, family
# and the like are shown to the Organization Board, the administrators and the secretary of
# the member's own unit — the roles that write the member's file — and not to leadership or
# inspection, who see the statistics only.
SENSITIVE_ROLES = WRITERS


def sees_sensitive(user, person, day: dt.date) -> bool:
    """May the user read this person's sensitive details, as the person stands on `day`?"""
    from dangbo.members.models import Person

    r = reach(user, day, SENSITIVE_ROLES)
    if r.everything:
        return True
    if not r.roles:
        return False
    return Person.objects.filter(pk=person.pk, id__in=visible_people(user, day, SENSITIVE_ROLES)).exists()
