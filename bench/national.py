"""National-scale benchmark (issue: national scale), on PostgreSQL.

    python3 bench/national.py [--members 1000000] [--pg postgres://postgres@127.0.0.1:5432]

1. Generates (once, kept in bench/data/) a synthetic register of N members with `dangbo.fixtures.synth
   --ratings`: roots of ~3,300 members with grassroots committees and cells, opening balances,
   ten years of events, the yearly rating of every member and unit.
2. Imports it into a fresh database with `dangbo import` (wall time, rows per second, peak
   memory of the process).
3. Measures, each beside its floor — the time PostgreSQL itself needs for `SELECT count(*)`
   over the largest table the operation reads:
   - the national term report (every root, the 2015-10-01 – 2020-06-30 term), median of 3;
   - a province-size subtree: the roots that together hold ~150,000 members;
   - the member search (a folded name fragment, diacritic-insensitive), p95 of 40;
   - the member list of a cell, p95 of 40.
Writes bench/results/national-N.md (and the import log national-N-import.log).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES = "\n## Notes\n"  # a results file's hand-written part, kept when the run is repeated
ROOT = HERE.parent

MEASURE = r"""
import datetime as dt, json, random, statistics, sys, time, django
django.setup()
from django.db import connection
from django.test import Client
from django.contrib.auth import get_user_model
from dangbo.reports.services import build_report, make_request
from dangbo.orgs.models import OrgVersion
from dangbo.members.models import MemberSpell, Person

def floor(table):
    times = []
    for _ in range(3):
        with connection.cursor() as cur:
            t = time.perf_counter(); cur.execute(f"SELECT count(*) FROM {table}"); n = cur.fetchone()[0]
            times.append(time.perf_counter() - t)
    return statistics.median(times), n

def median_of(fn, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return statistics.median(times)

out = {}
tables = {t: floor(t) for t in ("assessment_rating", "members_memberevent", "members_memberspell", "members_person")}
out["tables"] = {t: {"rows": n, "count_s": s} for t, (s, n) in tables.items()}
start, end = dt.date(2015, 10, 1), dt.date(2020, 6, 30)
national = make_request(roots=None, all_roots=True, start=start, end=end)
out["national_s"] = median_of(lambda: build_report(national, series=False))
roots = list(OrgVersion.objects.filter(level="dang_bo_cap_tren", valid_to__isnull=True).order_by("org__code").values_list("org__code", flat=True))
per_root = MemberSpell.objects.filter(valid_to__isnull=True).count() / max(1, len(roots))
k = max(1, round(150000 / per_root))
province = make_request(roots=roots[:k], start=start, end=end)
out["province_roots"], out["province_members"] = k, round(k * per_root)
out["province_s"] = median_of(lambda: build_report(province, series=False))
User = get_user_model()
admin = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", "b@b.vn", "Mat-khau-dai-2026")
client = Client(); client.force_login(admin)
rng = random.Random(7)
names = list(Person.objects.order_by("?").values_list("search_name", flat=True)[:40])
def p95(urls):
    client.get(urls[0], SERVER_NAME="localhost")  # a running server is warm: the first request of a process is not timed
    times = []
    for u in urls:
        t = time.perf_counter(); r = client.get(u, SERVER_NAME="localhost"); times.append(time.perf_counter() - t)
        assert r.status_code == 200, (u, r.status_code)
    return statistics.quantiles(times, n=20)[18], statistics.median(times)
frags = [" ".join(n.split()[-2:]) for n in names]
out["search_p95_s"], out["search_median_s"] = p95([f"/dang-vien/?q={f}" for f in frags])
cells = list(OrgVersion.objects.filter(level__in=("chi_bo", "chi_bo_co_so"), valid_to__isnull=True).order_by("?").values_list("org__code", flat=True)[:40])
out["cell_p95_s"], out["cell_median_s"] = p95([f"/dang-vien/?don_vi={c}" for c in cells])
print(json.dumps(out))
"""


def run(cmd, env, **kw):
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, **kw)


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (an import forks worker processes)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return out


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared between a parent and its forked workers counted
    once, split between them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(cmd, env, log: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run `cmd`; return it, its wall time and the peak memory of its whole process tree
    (the sum of PSS, sampled every second: reading `smaps_rollup` of processes of a GB or
    more costs CPU, which a 5.3M run felt at 0.2 s), in MB. Its stderr (the import's stages) is written
    to `log` as it comes, so a long run can be followed."""
    import threading

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: dict = {"stderr": []}

    def follow() -> None:
        with log.open("w", encoding="utf-8") as fh:
            for line in proc.stderr:
                out["stderr"].append(line)
                fh.write(line)
                fh.flush()

    readers = [threading.Thread(target=follow), threading.Thread(target=lambda: out.update(stdout=proc.stdout.read()))]
    for r in readers:
        r.start()
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))
        time.sleep(1)
    for r in readers:
        r.join()
    seconds = time.perf_counter() - started
    stderr = "".join(out["stderr"])
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, out.get("stdout"), stderr)
    return subprocess.CompletedProcess(cmd, proc.returncode, out["stdout"], stderr), seconds, peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=1_000_000)
    ap.add_argument("--pg", default=os.environ.get("DANGBO_BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    ap.add_argument("--db", default="dangbo_national", help="the database to (re)create and measure")
    ap.add_argument("--measure-only", action="store_true", help="measure the database as it is (no generation, no import)")
    args = ap.parse_args()
    n = args.members
    data = HERE / "data" / f"national-{n}"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="dangbo.settings", DANGBO_REQUIRE_2FA="0",
               DANGBO_DATA_DIR=str(HERE / "data" / "work"), PYTHONPATH=str(ROOT / "src"))
    gen_s = None
    if not (data / "danh_gia.csv").exists():
        t = time.perf_counter()
        run([sys.executable, "-m", "dangbo.fixtures.synth", str(data), "--members", str(n), "--ratings"], env)
        gen_s = time.perf_counter() - t
    rows = {p.stem: sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in sorted(data.glob("*.csv"))}
    db = args.db
    if args.measure_only:
        env["DANGBO_DATABASE_URL"] = f"{args.pg}/{db}"
        print(run([sys.executable, "-c", MEASURE], env).stdout.strip().splitlines()[-1])
        return
    run(["psql", f"{args.pg}/postgres", "-qc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], env)
    run(["psql", f"{args.pg}/postgres", "-qc", f"CREATE DATABASE {db}"], env)
    env["DANGBO_DATABASE_URL"] = f"{args.pg}/{db}"
    run([sys.executable, "-m", "dangbo", "init"], env)
    imp, import_s, peak_mb = run_measured([sys.executable, "-m", "dangbo", "import", str(data), "--progress"], env,
                                          HERE / "results" / f"national-{n}-import.log")
    run(["psql", env["DANGBO_DATABASE_URL"], "-qc", "VACUUM ANALYZE"], env)
    # Measured at rest, as a serving database is: the load's and the vacuum's dirty pages
    # written out first (measured while the checkpointer still wrote them, a 5.3M run's search
    # p95 was twice what it was five minutes later).
    run(["psql", env["DANGBO_DATABASE_URL"], "-qc", "CHECKPOINT"], env)
    m = json.loads(run([sys.executable, "-c", MEASURE], env).stdout.strip().splitlines()[-1])
    write(n, rows, gen_s, import_s, peak_mb, imp.stdout.strip(), m, machine_speed())


def machine_speed() -> float:
    """Seconds this machine takes for ten million integer additions in Python, the best of 3:
    machines of one kind differ (and one machine from day to day), so a run says how fast its
    machine was."""
    best = float("inf")
    for _ in range(3):
        t, s = time.perf_counter(), 0
        for i in range(10_000_000):
            s += i
        best = min(best, time.perf_counter() - t)
    return best


def num(x: float) -> str:
    """A whole number with Vietnamese thousands separators (1.800.017)."""
    return f"{x:,.0f}".replace(",", ".")


def write(n, rows, gen_s, import_s, peak_mb, summary, m, speed) -> None:
    total = sum(rows.values())
    t = m["tables"]
    biggest = max(t, key=lambda k: t[k]["rows"])
    floor = t[biggest]["count_s"]
    person_floor, spell_floor = t["members_person"]["count_s"], t["members_memberspell"]["count_s"]
    lines = [
        "# National-scale benchmark", "",
        f"Run on {dt.date.today():%Y-%m-%d} — PostgreSQL, 2 cores. Command: `python3 bench/national.py --members {n}`. "
        f"Machine speed: 10 million integer additions in Python take {speed:.2f} s.", "",
        f"Data set (`dangbo.fixtures.synth --members {n} --ratings`): " + ", ".join(f"{k} {num(v)}" for k, v in rows.items())
        + f" — {num(total)} rows." + (f" Generated in {gen_s:.0f} s." if gen_s else ""), "",
        "| operation | measured | target | floor: `count(*)` of the largest table it reads | ratio to floor |",
        "|---|---|---|---|---|",
        f"| import (`dangbo import`, all or nothing) | {import_s:.0f} s; {num(total / import_s)} rows/s; peak {num(peak_mb)} MB "
        "(PSS of the importing process and its workers) | ≥ 50.000 rows/s; < 2 GB | — | — |",
        f"| national term report (every root, 2015–2020) | {m['national_s']:.2f} s | < 5 s; ≤ 2× floor "
        f"| {floor:.2f} s (`{biggest}`, {num(t[biggest]['rows'])} rows) | {m['national_s'] / floor:.1f}× |",
        f"| province-size subtree ({m['province_roots']} roots, ~{num(m['province_members'])} members) | {m['province_s']:.2f} s "
        f"| < 0,5 s | {floor:.2f} s | {m['province_s'] / floor:.1f}× |",
        f"| member search, p95 of 40 (median) | {m['search_p95_s'] * 1000:.0f} ms ({m['search_median_s'] * 1000:.0f}) | < 200 ms "
        f"| {person_floor * 1000:.0f} ms (`members_person`) | {m['search_p95_s'] / person_floor:.1f}× |",
        f"| member list of a cell, p95 of 40 (median) | {m['cell_p95_s'] * 1000:.0f} ms ({m['cell_median_s'] * 1000:.0f}) | < 50 ms "
        f"| {spell_floor * 1000:.0f} ms (`members_memberspell`) | {m['cell_p95_s'] / spell_floor:.1f}× |",
        "", "Tables: " + ", ".join(f"`{k}` {num(v['rows'])} rows (count(*) {v['count_s'] * 1000:.0f} ms)" for k, v in t.items()) + ".",
        "", f"Import summary: {summary}", "",
        f"Stages of the import (with the time so far): `bench/results/national-{n}-import.log`.", "",
        "Each figure is the median of 3 runs (the report) or the 95th percentile of 40 requests to a warm server (one "
        "untimed request first); each floor is the median of 3 `count(*)` in the same run, after `VACUUM ANALYZE` and a `CHECKPOINT`.", "",
    ]
    out = HERE / "results" / f"national-{n}.md"
    notes = out.read_text(encoding="utf-8").partition(NOTES)[2] if out.exists() else ""
    out.write_text("\n".join(lines) + (NOTES + notes if notes else ""), encoding="utf-8")
    print(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
