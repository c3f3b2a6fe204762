"""The basic statistics at national scale (issue 23), on PostgreSQL.

    python3 bench/stats.py [--members 1000000] [--pg postgres://postgres@127.0.0.1:5432] [--measure-only]

1. Generates (once, kept in bench/data/) the synthetic register of `bench/national.py`
   (`dangbo.fixtures.synth`: coded details spread over its members) and imports it into a
   fresh database `dangbo_stats_N`.
2. Measures, median of 5 in one process, beside their floor measured in the same run:
   - `dangbo stats --all` on the last day of the register and on a day five years back:
     counted from the members with every root's row (the documents), and the totals alone
     from the kept tally (the JSON), checked equal to the count from the members;
   - the kept tally built from every member, and read again after 100, 1,000 and 10,000
     persons were written;
   - one root (`--bloc`, its TCCSĐ as rows);
   - the floors: PostgreSQL's `count(*)` over the members' spells (the whole table), the
     count of the spells open on the day (what the statistics count), and that count joined
     with the persons and the cells' versions, as the statistics must read them.
   And once, the wall time of the command itself (`dangbo stats --all`, a new process).
Writes bench/results/stats.md and stats.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from national import machine_speed, num, run, run_measured  # noqa: E402

MEASURE = r"""
import datetime as dt, json, statistics, time, django
django.setup()
from django.db import connection
from dangbo.orgs.models import OrgVersion
from dangbo.stats import tally
from dangbo.stats.selectors import count, for_roots

def median_of(fn, runs=5):
    fn()  # warm: the table's pages in the cache, as on a serving database
    times = []
    for _ in range(runs):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return statistics.median(times)

def scalar(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()[0]

out = {}
with connection.cursor() as cur:
    cur.execute("SELECT max(valid_from) FROM members_memberspell")
    last = cur.fetchone()[0]
days = {"last": last, "five_years_back": last.replace(year=last.year - 5)}
out["spells"] = scalar("SELECT count(*) FROM members_memberspell")
out["floor_count_s"] = median_of(lambda: scalar("SELECT count(*) FROM members_memberspell"))
for name, day in days.items():
    on_day = "SELECT count(*) FROM members_memberspell WHERE valid_from <= %s AND (valid_to IS NULL OR valid_to > %s)"
    out[f"{name}_day"] = day.isoformat()
    out[f"{name}_members"] = scalar(on_day, [day, day])
    out[f"{name}_floor_on_day_s"] = median_of(lambda: scalar(on_day, [day, day]))
    joined = ("SELECT count(*) FROM members_memberspell s JOIN members_person p ON p.id = s.person_id "
              "JOIN orgs_orgversion v ON v.org_id = s.cell_id AND v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s) "
              "WHERE s.valid_from <= %s AND (s.valid_to IS NULL OR s.valid_to > %s)")
    out[f"{name}_floor_joined_s"] = median_of(lambda: scalar(joined, [day, day, day, day]))
    stats = count(for_roots(None, day).scope)
    assert stats.total["dang_vien.tong"] == out[f"{name}_members"], (stats.total["dang_vien.tong"], out[f"{name}_members"])
    out[f"{name}_all_s"] = median_of(lambda: count(for_roots(None, day).scope))
# the kept tally (stats.tally): built from every member once, then read on each day
with connection.cursor() as cur:
    cur.execute("UPDATE stats_tallystate SET built = false")
t = time.perf_counter(); out["tally_built_persons"] = tally.refresh(); out["tally_build_s"] = time.perf_counter() - t
out["tally_rows"] = scalar("SELECT count(*) FROM stats_tallystep")
for name, day in days.items():
    assert tally.totals(day) == count(for_roots(None, day).scope, rows=False).total, name
    out[f"{name}_tally_s"] = median_of(lambda: tally.totals(day))
# what a read costs after writes: persons noted by the triggers, counted again by the next read
for n in (100, 1000, 10000):
    with connection.cursor() as cur:
        cur.execute("INSERT INTO stats_pending (person_id) SELECT id FROM members_person ORDER BY random() LIMIT %s", [n])
    t = time.perf_counter(); tally.refresh(); out[f"catch_up_{n}_s"] = time.perf_counter() - t
root = OrgVersion.objects.filter(level="dang_bo_cap_tren", valid_to__isnull=True).order_by("org__code").values_list("org__code", flat=True).first()
out["root"] = root
out["root_members"] = count(for_roots([root], last).scope).total["dang_vien.tong"]
out["root_s"] = median_of(lambda: count(for_roots([root], last).scope))
print(json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=1_000_000)
    ap.add_argument("--pg", default=os.environ.get("DANGBO_BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    ap.add_argument("--measure-only", action="store_true", help="measure the database as it is")
    args = ap.parse_args()
    n = args.members
    data = HERE / "data" / f"national-{n}"
    db = f"dangbo_stats_{n}"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="dangbo.settings", DANGBO_REQUIRE_2FA="0",
               DANGBO_DATA_DIR=str(HERE / "data" / "work"), PYTHONPATH=str(ROOT / "src"),
               DANGBO_DATABASE_URL=f"{args.pg}/{db}")
    if not args.measure_only:
        if not (data / "danh_gia.csv").exists():
            run([sys.executable, "-m", "dangbo.fixtures.synth", str(data), "--members", str(n), "--ratings"], env)
        run(["psql", f"{args.pg}/postgres", "-qc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], env)
        run(["psql", f"{args.pg}/postgres", "-qc", f"CREATE DATABASE {db}"], env)
        run([sys.executable, "-m", "dangbo", "init"], env)
        run_measured([sys.executable, "-m", "dangbo", "import", str(data), "--progress"], env,
                     HERE / "results" / f"stats-{n}-import.log")
        run(["psql", env["DANGBO_DATABASE_URL"], "-qc", "VACUUM ANALYZE"], env)
        run(["psql", env["DANGBO_DATABASE_URL"], "-qc", "CHECKPOINT"], env)
    m = json.loads(run([sys.executable, "-c", MEASURE], env).stdout.strip().splitlines()[-1])
    t = time.perf_counter()
    run([sys.executable, "-m", "dangbo", "stats", "--all", "--as-of", m["last_day"]], env)
    m["command_s"] = time.perf_counter() - t
    m["members_arg"], m["speed_s"] = n, machine_speed()
    write(m)


def write(m: dict) -> None:
    (HERE / "results" / "stats.json").write_text(json.dumps(m, indent=2) + "\n")
    floor = m["floor_count_s"]
    rows = [
        ("floor: `count(*)` over the members' spells", m["floor_count_s"], f"{num(m['spells'])} spells"),
        (f"floor: spells open on {m['last_day']}", m["last_floor_on_day_s"], f"{num(m['last_members'])} members"),
        ("floor: the same joined with their persons and cells' versions", m["last_floor_joined_s"],
         f"{num(m['last_members'])} members"),
        (f"`stats --all`, {m['last_day']}, counted from the members, every root's row (the documents)", m["last_all_s"],
         f"{num(m['last_members'])} members"),
        (f"**`stats --all`, {m['last_day']}, the totals from the kept tally (the JSON)**", m["last_tally_s"],
         f"{num(m['tally_rows'])} tally rows"),
        (f"floor: spells open on {m['five_years_back_day']}", m["five_years_back_floor_on_day_s"],
         f"{num(m['five_years_back_members'])} members"),
        (f"`stats --all`, {m['five_years_back_day']}, every root's row", m["five_years_back_all_s"],
         f"{num(m['five_years_back_members'])} members"),
        (f"**`stats --all`, {m['five_years_back_day']}, the totals from the kept tally**", m["five_years_back_tally_s"],
         f"{num(m['tally_rows'])} tally rows"),
        (f"`stats --bloc {m['root']}` (one root, its TCCSĐ as rows)", m["root_s"], f"{num(m['root_members'])} members"),
        ("`dangbo stats --all` as a command (new process, once; the tally built)", m["command_s"], ""),
        ("the tally read after 100 persons were written (they are counted again first)", m["catch_up_100_s"], ""),
        ("… after 1,000 persons", m["catch_up_1000_s"], ""),
        ("… after 10,000 persons", m["catch_up_10000_s"], ""),
        ("building the tally from every member (once, after a first load)", m["tally_build_s"],
         f"{num(m['tally_built_persons'])} persons"),
    ]
    lines = ["# The basic statistics at national scale", "",
             "`python3 bench/stats.py --members N` (PostgreSQL 15, the synthetic register of `bench/national.py`; "
             "medians of 5 in one process after a warm-up).",
             f"Host speed: {m['speed_s']:.2f} s for ten million additions in Python.", "",
             f"Register of {num(m['members_arg'])} members.", "",
             "| measure | seconds | ÷ `count(*)` floor | counted |", "|---|---|---|---|"]
    lines += [f"| {name} | {s:.3f} | {s / floor:.1f}× | {what} |" for name, s, what in rows]
    out = HERE / "results" / "stats.md"
    old = out.read_text() if out.exists() else ""
    notes = old[old.index("\n## Notes\n"):] if "\n## Notes\n" in old else ""
    out.write_text("\n".join(lines) + "\n" + notes)


if __name__ == "__main__":
    main()
