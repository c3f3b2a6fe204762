"""Rating a year (a unit's grid at once) and closing a year."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from dangbo.audit.services import record_audit
from dangbo.core.services import judge, keep_overrides, named, recorder, refuse, supersede, void
from dangbo.domain import codes as C
from dangbo.domain import records as REC
from dangbo.domain.counting_root import rating_scope
from dangbo.domain.labels import RATING
from dangbo.domain.problems import FORM_REF, DomainError, Problem
from dangbo.members.models import Person
from dangbo.orgs.models import Org, OrgVersion
from dangbo.projections.world import StoredRegister, stored_world

from . import selectors
from .models import ClosedYear, Rating

# (level, score or None, note): the note says why a subject is not rated (khong_xep_loai).
Entry = tuple[str, int | None, str]


@transaction.atomic
def save_ratings(*, user, year: int, unit: OrgVersion, entries: dict[str, Entry],
                 override_reason: str | None = None) -> int:
    """Rate the subjects of `unit`'s grid for `year` (code -> entry; rows left out keep their
    rating). Only changed rows are written; each supersedes the subject's earlier rating.

    Hard errors refuse everything. The quota (per TCCSĐ for members, per root for TCCSĐ),
    the score bands and a closed year block unless `override_reason` is given.
    """
    if year > timezone.localdate().year:
        refuse(f"Năm {year} chưa đến: chỉ xếp loại năm đã qua hoặc năm nay.", "nam", year, code="year_not_begun")
    rows = {r.code: r for r in selectors.grid(unit, year)}
    problems, changed = [], {}
    for code, (level, score, note) in entries.items():
        row = rows.get(code)
        if row is None:
            problems.append(Problem(FORM_REF, "ma", code, f"{code} không thuộc danh sách đánh giá năm {year} của {unit.name}.",
                                    code="not_in_grid"))
            continue
        if level not in RATING:
            problems.append(Problem(FORM_REF, "xep_loai", level, f"Xếp loại của {row.name} không hợp lệ: {level}.",
                                    code="unknown_code"))
        elif level == "khong_xep_loai" and not note.strip():
            problems.append(Problem(FORM_REF, "ghi_chu", None, f"{row.name}: không xếp loại cần ghi lý do (miễn sinh hoạt, "
                                    "đình chỉ, ốm dài ngày, mới vào đảng…).", code="reason_missing"))
        old = row.rating
        if old is None or (old.level, old.score, old.note) != (level, score, note.strip()):
            changed[code] = (row, level, score, note.strip())
    if problems:
        raise DomainError(problems)
    if not changed:
        return 0
    world = stored_world()
    register = world.register
    assert isinstance(register, StoredRegister)
    register.load_subtree(unit.path, selectors.year_end(year))
    found = []
    for code, (row, level, score, _) in changed.items():
        found += named(REC.check_rating(world, FORM_REF, year=year, subject_kind=row.kind, code=code, level=level,
                                        score=score), row.name)
    quota_rows = []  # each counted subject at its new level, or its stored one
    for r in rows.values():
        if r.counted and r.code in changed:
            quota_rows.append((FORM_REF, year, r.kind, r.code, changed[r.code][1], True))
        elif r.counted and r.rating is not None:
            quota_rows.append((FORM_REF, year, r.kind, r.code, r.rating.level, False))
    found += REC.quota_breaches(world, quota_rows)
    breaches = judge(found, override_reason)
    scopes = {code: rating_scope(world.register, row.kind, code, year) for code, (row, *_) in changed.items()}
    org_ids = dict(Org.objects.filter(code__in=[c for c, (r, *_) in changed.items() if r.kind == "to_chuc"]
                                      + [c for pair in scopes.values() for c in pair if c]).values_list("code", "id"))
    person_ids = dict(Person.objects.filter(code__in=[c for c, (r, *_) in changed.items() if r.kind == "dang_vien"])
                      .values_list("code", "id"))
    for code, (row, level, score, note) in changed.items():
        root, group = scopes[code]
        rating = Rating(year=year, subject_kind=row.kind, level=level, score=score, note=note, recorded_by=recorder(user),
                        org_id=org_ids.get(code) if row.kind == "to_chuc" else None,
                        person_id=person_ids.get(code) if row.kind == "dang_vien" else None,
                        scope_root_id=org_ids.get(root), scope_group_id=org_ids.get(group))
        if row.rating is not None:
            # the unique index allows one current rating per subject and year: void first
            supersede(row.rating, None, user=user, reason="Đánh giá lại")
        rating.save()
        if row.rating is not None:
            Rating.objects.filter(pk=row.rating.pk).update(superseded_by=rating)
        if breaches:
            keep_overrides(user=user, breaches=breaches, object_type="rating", object_id=rating.pk, reason=override_reason)
    record_audit(user=user, action="rating.save", object_type="rating", object_id=f"{year}/{unit.org.code}",
                 before={c: r.rating.level for c, (r, *_) in changed.items() if r.rating},
                 after={c: lvl for c, (_, lvl, *_) in changed.items()}, reason=override_reason or "")
    return len(changed)


@transaction.atomic
def close_year(*, user, root: OrgVersion, year: int) -> ClosedYear:
    """The root's board closes `year`: from now on a rating of that year needs an override."""
    if root.level != C.ROOT:
        refuse("Chỉ đảng bộ cấp trên trực tiếp cơ sở mới khóa năm đánh giá.", "ma_to_chuc", root.org.code, code="not_a_root")
    if ClosedYear.objects.filter(root_id=root.org_id, year=year).exists():
        refuse(f"Năm {year} đã được khóa trước đó.", "nam", year, code="already_closed")
    closed = ClosedYear.objects.create(root_id=root.org_id, year=year)
    record_audit(user=user, action="rating.close_year", object_type="org", object_id=root.org.code, after={"nam": year})
    return closed


@transaction.atomic
def void_rating(*, user, rating: Rating, reason: str) -> Rating:
    """A rating entered by mistake (the wrong member, a year not to be rated) is voided: the
    subject is unrated again and the counts of the year follow."""
    rating = Rating.objects.select_for_update(of=("self",)).select_related("org", "person").get(pk=rating.pk)
    void(rating, user=user, reason=reason)
    subject = rating.org or rating.person
    assert subject is not None  # a rating is of a unit or of a member
    record_audit(user=user, action="rating.void", object_type="rating", object_id=f"{rating.year}/{subject.code}",
                 before={subject.code: rating.level}, reason=rating.void_reason)
    return rating
