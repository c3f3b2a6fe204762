"""What a group of persons costs the replay, both ways, on a register already imported.

    DANGBO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/dangbo_national \\
        python3 bench/member_replay.py [--persons 53000] [--groups 3]

The importer checks the persons a group at a time. Before, each group was replayed with
every unit event again (`Replay(units + group)`); now the units are replayed once with
`record_units=True` and each group against that (`MemberReplay`). For a few groups of the
stored register (persons by id, the size of an import group), this times both and checks
they give the same spells and problems. Writes bench/results/member-replay-<persons in
register>.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")


def num(x: int) -> str:
    """A whole number with Vietnamese thousands separators (1.000.000)."""
    return f"{x:,}".replace(",", ".")


def main() -> None:
    import django

    django.setup()
    from dangbo import projections
    from dangbo.domain import replay as R
    from dangbo.domain.rulebook import RuleBook
    from dangbo.members.models import Person
    from dangbo.orgs.models import Org

    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=53_000, help="persons in a group (an import group of the 1M run holds ~53,000)")
    ap.add_argument("--groups", type=int, default=3)
    args = ap.parse_args()
    rules = RuleBook.defaults()
    orgs = dict(Org.objects.values_list("id", "code"))
    t = time.perf_counter()
    org_events = projections.load_org_events(orgs)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    tree = R.Replay(org_events, [], [], R.Context(rules), record_units=True).run()
    tree_s = time.perf_counter() - t
    ids = sorted(Person.objects.values_list("id", flat=True))
    step = max(1, len(ids) // args.groups)
    rows = []
    for g in range(args.groups):
        only = ids[g * step:g * step + args.persons]
        persons = dict(Person.objects.filter(id__in=only).values_list("id", "code"))
        events = projections.load_member_events(orgs, persons, only)
        expulsions = projections.load_expulsions(persons, only)
        ctx = projections.load_context(rules, persons, only)
        t = time.perf_counter()
        whole = R.Replay(org_events, events, expulsions, ctx).run()
        whole_s = time.perf_counter() - t
        t = time.perf_counter()
        split = R.MemberReplay(tree, events, expulsions, ctx).run()
        split_s = time.perf_counter() - t
        assert whole.spells == split.spells, "the split replay's spells differ"
        assert sorted(map(repr, (p for p in whole.problems if p.ref[0] != "db:bien_dong_to_chuc"))) == \
            sorted(map(repr, (p for p in split.problems if p.ref[0] != "db:bien_dong_to_chuc")))
        rows.append((len(only), len(events), whole_s, split_s))
        print(rows[-1], flush=True)
    n = len(ids)
    lines = [
        "# A group of persons in the replay, both ways", "",
        f"Run on {dt.date.today():%Y-%m-%d}, PostgreSQL, 2 cores: `python3 bench/member_replay.py --persons {args.persons} "
        f"--groups {args.groups}` on a register of {num(n)} persons and {num(len(org_events))} unit events. Loading the unit "
        f"events took {load_s:.1f} s; the unit replay, recorded once for every group, {tree_s:.1f} s.", "",
        "| group | persons | member events | with every unit event again | against the recorded units | saved per group |",
        "|---|---|---|---|---|---|",
    ]
    for i, (p, e, a, b) in enumerate(rows, 1):
        lines.append(f"| {i} | {num(p)} | {num(e)} | {a:.2f} s | {b:.2f} s | {a - b:.2f} s |")
    lines += ["", "Both ways give the same spells and the same member problems (checked on every group).", ""]
    out = HERE / "results" / f"member-replay-{n}.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
