"""Whether the stored projections are what a replay of every stored event from scratch gives:
the check that a narrow write (`narrow.py`) rewrote everything it changed and nothing else."""

from __future__ import annotations

from dangbo.members.models import MemberSpell
from dangbo.orgs.models import Org, OrgVersion, RootMerge
from dangbo.rules.selectors import rulebook

from . import replay_all


def drift() -> dict[str, tuple[set, set]]:
    """What differs between the stored projections and a full replay, by kind: (rows only
    stored, rows only replayed); empty when they agree."""
    result = replay_all(rulebook())
    codes = dict(Org.objects.values_list("id", "code"))  # a stored path is ids from the root
    want: dict[str, set] = {
        "spells": {(s.person, s.valid_from, s.valid_to, s.cell, s.status, s.exempt, s.party_age_from, s.card_no or "")
                   for spells in result.spells.values() for s in spells},
        "versions": {(v.code, v.valid_from, v.valid_to, v.name, v.level, v.org_type or "", v.parent, "/".join(v.path))
                     for vs in result.versions.values() for v in vs},
        "merges": set(result.merges),
    }
    got: dict[str, set] = {
        "spells": set(MemberSpell.objects.values_list("person__code", "valid_from", "valid_to", "cell__code", "status",
                                                      "exempt", "party_age_from", "card_no")),
        "versions": {(*row[:7], "/".join(codes[int(i)] for i in row[7].strip("/").split("/")))
                     for row in OrgVersion.objects.values_list("org__code", "valid_from", "valid_to", "name", "level",
                                                               "org_type", "parent__code", "path")},
        "merges": set(RootMerge.objects.values_list("merged__code", "into__code", "date")),
    }
    return {k: (got[k] - want[k], want[k] - got[k]) for k in want if got[k] != want[k]}

