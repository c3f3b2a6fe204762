"""Register benchmark (issue: the register): import speed and memory, tree and member list on a past date.

    python3 bench/register.py [--persons 100000] [--events 400000] [--xlsx-rows 20000]

Generates the synthetic CSV folder (dangbo.fixtures.synth), imports it with `dangbo import` on SQLite
and on PostgreSQL (a database `dangbo_bench` is created and dropped), measuring wall time
and the peak resident memory of the import process; then times, in a fresh process, the
tree of a root and the first page (50 rows) of the member list of that root on a past date
(median of 20 runs after one warm-up). Writes bench/results/register.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PG_BASE = os.environ.get("DANGBO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")

QUERY_SCRIPT = r"""
import datetime as dt, json, statistics, time, django
django.setup()
from dangbo.orgs.models import Org
from dangbo.orgs.selectors import tree_on
from dangbo.members.selectors import member_page
day = dt.date(2019, 6, 30)
root = Org.objects.get(code="R000")
def timed(fn):
    fn()
    runs = []
    for _ in range(20):
        t = time.perf_counter(); fn(); runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000, max(runs) * 1000
def count(node):
    return 1 + sum(count(c) for c in node.children)
tree = tree_on(root, day)
page = member_page(root, day)
print(json.dumps({"tree_ms": timed(lambda: tree_on(root, day)), "page_ms": timed(lambda: member_page(root, day)),
                  "tree_units": count(tree), "page_rows": len(page)}))
"""


def run_import(env: dict, path: Path) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of `dangbo import path` in its own process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "dangbo", "import", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read() + proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("import failed:\n" + out[-3000:])
    return wall, usage.ru_maxrss / 1024, out.strip().splitlines()[-1]


def backend_env(kind: str, workdir: Path) -> dict:
    env = dict(os.environ, DANGBO_DATA_DIR=str(workdir / "data"))
    env.pop("DANGBO_DATABASE_URL", None)
    if kind == "postgresql":
        env["DANGBO_DATABASE_URL"] = f"{PG_BASE}/dangbo_bench"
    return env


def pg(sql: str) -> None:
    subprocess.run(["psql", f"{PG_BASE}/postgres", "-qc", sql], check=True, capture_output=True)


def make_xlsx(rows: int, folder: Path, out: Path) -> int:
    """An .xlsx of about `rows` data rows, from a small synthetic folder."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from openpyxl import Workbook

    from dangbo.fixtures.synth import generate

    persons = rows // 5
    generate(folder, persons, rows - persons - persons // 2)
    wb = Workbook(write_only=True)
    total = 0
    import csv
    for f in sorted(folder.glob("*.csv")):
        ws = wb.create_sheet(f.stem)
        with open(f, encoding="utf-8") as fh:
            for i, r in enumerate(csv.reader(fh)):
                ws.append(r)
                total += i > 0
    wb.save(out)
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=400_000)
    ap.add_argument("--xlsx-rows", type=int, default=20_000)
    ap.add_argument("--backends", default="sqlite,postgresql")
    args = ap.parse_args()
    folder = DATA / f"register-{args.persons}-{args.events}"
    if not folder.exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dangbo.fixtures.synth", str(folder), "--persons", str(args.persons),
                        "--events", str(args.events)], check=True)
        print(f"generated {folder} in {time.perf_counter() - t:.1f}s")
    rows = {f.stem: sum(1 for _ in open(f, encoding="utf-8")) - 1 for f in folder.glob("*.csv")}
    results = {"rows": rows, "backends": {}}
    for kind in args.backends.split(","):
        work = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-"))
        env = backend_env(kind, work)
        if kind == "postgresql":
            pg("DROP DATABASE IF EXISTS dangbo_bench WITH (FORCE)")
            pg("CREATE DATABASE dangbo_bench")
        subprocess.run([sys.executable, "-m", "dangbo", "init"], env=env, check=True, capture_output=True)
        wall, rss, line = run_import(env, folder)
        print(f"{kind}: import {wall:.1f}s, peak {rss:.0f} MB — {line}")
        q = subprocess.run([sys.executable, "-c", QUERY_SCRIPT], env=dict(env, DJANGO_SETTINGS_MODULE="dangbo.settings"),
                           check=True, capture_output=True, text=True)
        queries = json.loads(q.stdout.strip().splitlines()[-1])
        print(f"{kind}: {queries}")
        xwork = Path(tempfile.mkdtemp(prefix=f"bench-x-{kind}-"))
        xenv = backend_env(kind, xwork)
        if kind == "postgresql":
            pg("DROP DATABASE IF EXISTS dangbo_bench WITH (FORCE)")
            pg("CREATE DATABASE dangbo_bench")
        xlsx = DATA / f"register-{args.xlsx_rows}.xlsx"
        if not xlsx.exists():
            make_xlsx(args.xlsx_rows, Path(tempfile.mkdtemp()), xlsx)
        subprocess.run([sys.executable, "-m", "dangbo", "init"], env=xenv, check=True, capture_output=True)
        xwall, xrss, xline = run_import(xenv, xlsx)
        print(f"{kind}: xlsx import {xwall:.1f}s, peak {xrss:.0f} MB — {xline}")
        results["backends"][kind] = {"import_s": wall, "import_peak_mb": rss, "summary": line, **queries,
                                     "xlsx_import_s": xwall, "xlsx_peak_mb": xrss, "xlsx_summary": xline}
        if kind == "postgresql":
            pg("DROP DATABASE IF EXISTS dangbo_bench WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(xwork, ignore_errors=True)
    write_report(args, results)


def write_report(args, results) -> None:
    lines = [
        "# Register benchmark",
        "",
        f"Run on {time.strftime('%Y-%m-%d')} — {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Command: `python3 bench/register.py --persons {args.persons} --events {args.events}`.",
        "",
        "Data set (CSV folder from `dangbo.fixtures.synth`): " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in sorted(results["rows"].items())),
        "",
        "| backend | CSV import (target < 60 s) | peak memory (target < 1 GB) | tree of a root on 2019-06-30 (target < 200 ms) | first 50 members of that root on 2019-06-30 (target < 200 ms) | .xlsx of ~20.000 rows (target < 30 s) |",
        "|---|---|---|---|---|---|",
    ]
    for kind, r in results["backends"].items():
        lines.append(f"| {kind} | {r['import_s']:.1f} s | {r['import_peak_mb']:.0f} MB | {r['tree_ms'][0]:.1f} ms (max {r['tree_ms'][1]:.1f}; "
                     f"{r['tree_units']} units) | {r['page_ms'][0]:.1f} ms (max {r['page_ms'][1]:.1f}) | {r['xlsx_import_s']:.1f} s ({r['xlsx_peak_mb']:.0f} MB) |")
    lines += ["", "Import summaries:", ""]
    for kind, r in results["backends"].items():
        lines.append(f"- {kind}: {r['summary']}")
        lines.append(f"- {kind} (.xlsx): {r['xlsx_summary']}")
    (HERE / "results" / "register.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / "results" / "register.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
