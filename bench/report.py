"""Report benchmark (issue: the term report).

    python3 bench/report.py [--backends sqlite,postgresql]

1. The demo bloc: `dangbo demo`, then the whole command `dangbo report --bloc KCQDN --term
   2015-2020` (JSON), median of 5 runs (target < 1 s).
2. The 100,000-person data set of bench/register.py (imported first): `dangbo report --all`
   over a 5-year term and over the 10 years of the data set, with the number of SQL queries
   the build made (target < 3 s; the query count does not depend on events per member).
Writes bench/results/report.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG_BASE = os.environ.get("DANGBO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATA = HERE / "data" / "register-100000-420000"

COUNT_QUERIES = r"""
import datetime as dt, django
django.setup()
from django.db import connection
from django.test.utils import CaptureQueriesContext
from dangbo.reports.services import build_report, make_request
req = make_request(roots=None, all_roots=True, start=dt.date(2015, 10, 1), end=dt.date(2020, 6, 30))
with CaptureQueriesContext(connection) as q:
    build_report(req)
print(len(q.captured_queries))
"""


def env_for(kind: str, work: Path, db: str) -> dict:
    env = dict(os.environ, DANGBO_DATA_DIR=str(work), DJANGO_SETTINGS_MODULE="dangbo.settings")
    env.pop("DANGBO_DATABASE_URL", None)
    if kind == "postgresql":
        subprocess.run(["psql", f"{PG_BASE}/postgres", "-qc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], check=True, capture_output=True)
        subprocess.run(["psql", f"{PG_BASE}/postgres", "-qc", f"CREATE DATABASE {db}"], check=True, capture_output=True)
        env["DANGBO_DATABASE_URL"] = f"{PG_BASE}/{db}"
    return env


def timed(env: dict, args: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dangbo", *args], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not DATA.exists():
        subprocess.run([sys.executable, "-m", "dangbo.fixtures.synth", str(DATA), "--persons", "100000", "--events", "420000"], check=True)
    results = {}
    for kind in args.backends.split(","):
        r = results[kind] = {}
        env = env_for(kind, Path(tempfile.mkdtemp()), "dangbo_bench_demo")
        subprocess.run([sys.executable, "-m", "dangbo", "demo"], env=env, check=True, capture_output=True)
        r["demo"] = timed(env, ["report", "--bloc", "KCQDN", "--term", "2015-2020"], args.runs)
        out = subprocess.run([sys.executable, "-m", "dangbo", "report", "--bloc", "KCQDN", "--term", "2015-2020"], env=env,
                             check=True, capture_output=True, text=True).stdout
        r["demo_tong"] = json.loads(out)["chi_so"]["dang_vien.tong"]
        env = env_for(kind, Path(tempfile.mkdtemp()), "dangbo_bench_100k")
        subprocess.run([sys.executable, "-m", "dangbo", "import", str(DATA)], env=env, check=True, capture_output=True)
        r["term"] = timed(env, ["report", "--all", "--from", "2015-10-01", "--to", "2020-06-30"], args.runs)
        r["decade"] = timed(env, ["report", "--all", "--from", "2015-01-01", "--to", "2024-12-31"], args.runs)
        q = subprocess.run([sys.executable, "-c", COUNT_QUERIES], env=env, check=True, capture_output=True, text=True)
        r["queries"] = int(q.stdout.strip().splitlines()[-1])
        print(kind, r)
    lines = ["# Report benchmark", "",
             f"Run on {time.strftime('%Y-%m-%d')}, 2 cores. Whole `dangbo report` commands (process start included), "
             f"median of {args.runs} runs (max in brackets). Command: `python3 bench/report.py`.", "",
             "| backend | demo bloc, term 2015-2020 (target < 1 s) | 100.000 persons, `--all`, 5-year term (target < 3 s) | 100.000 persons, `--all`, 10 years | SQL queries of one build |",
             "|---|---|---|---|---|"]
    for kind, r in results.items():
        lines.append(f"| {kind} | {r['demo'][0]:.2f} s ({r['demo'][1]:.2f}) | {r['term'][0]:.2f} s ({r['term'][1]:.2f}) | "
                     f"{r['decade'][0]:.2f} s ({r['decade'][1]:.2f}) | {r['queries']} |")
    lines += ["", "The number of queries is fixed (one per record kind and assessment year, plus the lineage and the "
              "projections) and what is loaded does not grow with the number of events per member: member events and "
              "member ratings are judged in scope by the database (joins on the spell and the unit version of the "
              "day), and only the memberships of the as-of date and of the persons the other records name are read. "
              "The in-memory replay path (`--as-recorded`) judges the same rules in Python; the demo test checks that "
              "both give the same report."]
    (HERE / "results" / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
