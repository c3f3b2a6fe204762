"""Single writes at scale (issue 22), on PostgreSQL: what a clerk's one write costs in a
register of N members, beside the floor of one INSERT of an event row with its commit.

    python3 bench/writes.py [--members 10000,200000] [--runs 20] [--pg postgres://postgres@127.0.0.1:5432]

For each N: generates (once, kept in bench/data/) a synthetic register with
`python -m dangbo.fixtures.synth OUT --members N`, imports it into a fresh database, and
times, each run in a transaction that is rolled back (so every run meets the same register):
an admission, an internal transfer, a transfer out, a recognition, a unit's rename, a cell
moved to another committee, two cells merged, a unit's monthly workbook of 300 rows (members
of one province's cells) and 300 rows about members spread over the whole land. Median and
p95 of `--runs` each. Writes bench/results/writes.md.
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
ROOT = HERE.parent
NOTES = "\n## Notes\n"  # a results file's hand-written part

MEASURE = r"""
import datetime as dt, json, statistics, sys, tempfile, time, django
django.setup()
from pathlib import Path
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from dangbo.core.temporal import on
from dangbo.domain import codes as C
from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import write_csv_folder
from dangbo.members.models import MemberSpell, Person
from dangbo.members import services as members
from dangbo.orgs.models import OrgVersion
from dangbo.orgs import services as orgs

RUNS = int(sys.argv[1])
TODAY = dt.date.today()
out = {}

def timed(fn):
    times = []
    for i in range(RUNS):
        with transaction.atomic():
            t = time.perf_counter()
            fn(i)
            times.append(time.perf_counter() - t)
            transaction.set_rollback(True)
    times.sort()
    return {"median_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[max(0, int(round(0.95 * len(times))) - 1)]}

members_now = list(MemberSpell.objects.filter(on(TODAY), exempt=False).select_related("person", "cell").order_by("person_id")[:2000])
cells = list(OrgVersion.objects.filter(on(TODAY), level__in=C.CELL_LEVELS).select_related("org").order_by("path"))
def root(v):
    return v.path.strip("/").split("/")[0]  # a path is the ids from the root: /root/.../unit/

by_root = {}
for v in cells:
    by_root.setdefault(root(v), []).append(v)
root_of = {v.org_id: k for k, vs in by_root.items() for v in vs}
cell_list = [v for v in cells if v.level == C.CB]
committees = list(OrgVersion.objects.filter(on(TODAY), level=C.DBCS).select_related("org").order_by("path"))

def other_cell(spell):
    same = by_root.get(root_of.get(spell.cell_id), [])
    return next(v.org for v in same if v.org_id != spell.cell_id)

def transfer_inside(i):
    s = members_now[i]
    members.record_member_event(user=None, kind="chuyen_noi_bo", person=s.person, date=TODAY, cell=other_cell(s),
                                override_reason="bench")

def transfer_out(i):
    s = members_now[100 + i]
    members.record_member_event(user=None, kind="chuyen_di", person=s.person, date=TODAY, override_reason="bench")

outsiders = list(Person.objects.filter(~Exists(MemberSpell.objects.filter(person_id=OuterRef("pk")))).order_by("id")[:100])
if len(outsiders) < RUNS:  # the synthetic register lists members only: new persons, made once
    made = []
    for k in range(RUNS):
        made.append(members.create_person(user=None, code=f"BENCH{k:04d}", full_name="Nguyễn Văn Thử",
                                          birth_date=dt.date(1995, 1, 1), sex="nam"))
    outsiders = made

def admit(i):
    members.record_member_event(user=None, kind="ket_nap", person=outsiders[i], date=TODAY,
                                cell=members_now[i].cell, override_reason="bench")

probation = list(MemberSpell.objects.filter(on(TODAY), status="du_bi").select_related("person").order_by("person_id")[:RUNS])
if len(probation) < RUNS:  # none on probation today: members admitted 13 months ago, made once
    for k in range(RUNS):
        person = members.create_person(user=None, code=f"BENCHP{k:04d}", full_name="Trần Thị Thử",
                                       birth_date=dt.date(1995, 1, 1), sex="nu")
        members.record_member_event(user=None, kind="ket_nap", person=person, date=TODAY - dt.timedelta(days=400),
                                    cell=members_now[k].cell, override_reason="bench")
    probation = list(MemberSpell.objects.filter(on(TODAY), status="du_bi").select_related("person").order_by("person_id")[:RUNS])

def recognise(i):
    s = probation[i % len(probation)]
    members.record_member_event(user=None, kind="chuyen_chinh_thuc", person=s.person, date=TODAY, override_reason="bench")

def rename(i):
    v = cells[i]
    orgs.record_org_event(user=None, kind="doi_ten", org=v.org.code, date=TODAY, name=v.name + " (mới)")

def move_cell(i):
    v = cell_list[i]
    target = next(c for c in committees if c.org_id != v.parent_id and root(c) == root(v))
    orgs.record_org_event(user=None, kind="chuyen_cap_tren", org=v.org.code, date=TODAY, parent=target.org.code)

def merge(i):
    a = cell_list[2 * i]
    b = next(v for v in cell_list if v.parent_id == a.parent_id and v.org_id != a.org_id)
    orgs.record_org_event(user=None, kind="sap_nhap", org=a.org.code, date=TODAY, target=b.org.code)

folder = Path(tempfile.mkdtemp())
def workbook(i):
    rows = [{"ngay": TODAY, "loai": "mien_sinh_hoat", "ma_nguoi": s.person.code}
            for s in members_now[300 * (i % 5):300 * (i % 5) + 300]]
    path = write_csv_folder({"bien_dong_dang_vien": rows}, folder / f"m{i}")
    result = import_workbook(path)
    assert result.status == "applied", [str(p) for p in result.errors][:3]

roots = sorted(by_root)
def unit_rows(i):
    # 300 members of one root's cells, in the tree's order: a unit's monthly workbook.
    cells_here = [v.org_id for v in by_root[roots[i % len(roots)]]]
    order = {c: k for k, c in enumerate(cells_here)}
    spells = MemberSpell.objects.filter(on(TODAY), exempt=False, cell_id__in=cells_here).select_related("person")
    return sorted(spells, key=lambda s: (order[s.cell_id], s.person_id))[:300]

unit_members = [unit_rows(i) for i in range(5)]
def unit_workbook(i):
    rows = [{"ngay": TODAY, "loai": "mien_sinh_hoat", "ma_nguoi": s.person.code} for s in unit_members[i % 5]]
    path = write_csv_folder({"bien_dong_dang_vien": rows}, folder / f"u{i}")
    result = import_workbook(path)
    assert result.status == "applied", [str(p) for p in result.errors][:3]

for name, fn in (("admission", admit), ("internal transfer", transfer_inside), ("transfer out", transfer_out),
                 ("recognition", recognise), ("unit rename", rename), ("cell moved", move_cell),
                 ("two cells merged", merge), ("a unit's monthly workbook (300 rows, one root's cells)", unit_workbook),
                 ("300 rows spread over the land", workbook)):
    try:
        out[name] = timed(fn)
    except Exception as exc:  # noqa: BLE001 - reported in the results, not hidden
        out[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}

with connection.cursor() as cur:
    cur.execute("CREATE TEMP TABLE bench_floor (LIKE members_memberevent INCLUDING DEFAULTS)")
    cur.execute("SELECT * FROM members_memberevent LIMIT 1")
    row = cur.fetchone()
    marks = ", ".join(["%s"] * len(row))
times = []
for _ in range(RUNS):
    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"INSERT INTO bench_floor VALUES ({marks})", row)
    times.append(time.perf_counter() - t)
times.sort()
out["floor: one INSERT of an event row, committed"] = {"median_ms": 1000 * statistics.median(times),
                                                       "p95_ms": 1000 * times[max(0, int(round(0.95 * len(times))) - 1)]}
print("RESULT " + json.dumps(out))
"""


def run(cmd, env, **kw):
    return subprocess.run(cmd, env=env, check=True, **kw)


def copy_floor(data: Path, url: str) -> tuple[float, int]:
    """The import's floor: PostgreSQL's own COPY of the same CSV rows into plain tables of
    text columns, with no index, key or check (seconds, rows); the tables are dropped after."""
    import psycopg

    total, rows = 0.0, 0
    with psycopg.connect(url, autocommit=True) as conn:
        for path in sorted(data.glob("*.csv")):
            with path.open(encoding="utf-8") as f:
                header = f.readline().strip().split(",")
            table = f"floor_{path.stem}"
            conn.execute(f'DROP TABLE IF EXISTS "{table}"')
            conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"{c} text" for c in header)})')
            t = time.perf_counter()
            with conn.cursor() as cur, path.open("rb") as f:
                with cur.copy(f'COPY "{table}" FROM STDIN WITH (FORMAT csv, HEADER true)') as copy:
                    while block := f.read(1 << 20):
                        copy.write(block)
                rows += cur.rowcount
            total += time.perf_counter() - t
            conn.execute(f'DROP TABLE "{table}"')
    return total, rows


def index_floor(url: str) -> float:
    """The database's own cost of indexing what the import stored: REINDEX of every table it
    filled (primary keys, unique and secondary indexes), with the import's own
    `maintenance_work_mem`. With the COPY floor it bounds from below any first load that
    leaves the register as searchable as the import does."""
    import psycopg

    total = 0.0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        tables = [t for (t,) in conn.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
            "AND reltuples > 0 ORDER BY relname")]
        for table in tables:
            t = time.perf_counter()
            conn.execute(f'REINDEX TABLE "{table}"')
            total += time.perf_counter() - t
    return total


def machine_speed() -> float:
    t = time.perf_counter()
    s = 0
    for i in range(10_000_000):
        s += i
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", default="10000,200000")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    ap.add_argument("--import-only", action="store_true",
                    help="time the first load and its floors only; the writes measured before are kept")
    args = ap.parse_args()
    speed = machine_speed()
    results = {}
    for n in (int(x) for x in args.members.split(",")):
        data = HERE / "data" / f"writes-{n}"
        if not data.exists():
            run([sys.executable, "-m", "dangbo.fixtures.synth", str(data), "--members", str(n)], dict(os.environ))
        db = f"dangbo_writes_{n}"
        env = dict(os.environ, DANGBO_DATABASE_URL=f"{args.pg}/{db}", DJANGO_SETTINGS_MODULE="dangbo.settings")
        run(["psql", args.pg + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {db}"], env)
        run(["psql", args.pg + "/postgres", "-qc", f"CREATE DATABASE {db}"], env)
        floor, rows = copy_floor(data, f"{args.pg}/{db}")
        t = time.perf_counter()
        run([sys.executable, "-m", "dangbo", "import", str(data)], env, capture_output=True)
        imported = time.perf_counter() - t
        run(["psql", env["DANGBO_DATABASE_URL"], "-qc", "VACUUM ANALYZE"], env)
        indexed = index_floor(env["DANGBO_DATABASE_URL"])
        results[n] = {"import_s": imported, "copy_s": floor, "index_s": indexed, "rows": rows, "import_speed_s": speed}
        if args.import_only:
            continue
        results[n]["speed_s"] = speed
        done = run([sys.executable, "-c", MEASURE, str(args.runs)], env, capture_output=True, text=True)
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        results[n].update(json.loads(line[7:]))
        print(n, json.dumps(results[n], ensure_ascii=False))
    raw = HERE / "results" / "writes.json"  # every size measured so far: a run of one size adds its column
    kept = {int(k): v for k, v in json.loads(raw.read_text()).items()} if raw.exists() else {}
    for n, r in results.items():
        kept[n] = {**kept.get(n, {}), **r}  # --import-only keeps the writes measured before
    raw.write_text(json.dumps({str(k): kept[k] for k in sorted(kept)}, ensure_ascii=False, indent=1) + "\n")
    write({k: kept[k] for k in sorted(kept)}, args.runs, speed, sorted(results), args.import_only)


def write(results: dict, runs: int, speed: float, ran: list[int], import_only: bool = False) -> None:
    sizes = list(results)
    names = [k for k in results[sizes[0]] if k not in ("import_s", "copy_s", "index_s", "rows", "speed_s", "import_speed_s")]
    speeds = "; ".join(f"{results[n].get('speed_s', speed):.2f} s at {n:,}".replace(",", ".") for n in sizes)
    lines = [
        "# Single writes at scale (issue 22)", "",
        f"Run on {dt.date.today()}, PostgreSQL, {os.cpu_count()} cores; host speed (ten million additions in "
        f"Python): {speeds}. Command: `python3 bench/writes.py --members {','.join(map(str, ran))} "
        + ("--import-only` (the first load and its floors; the writes from the earlier runs)" if import_only else f"--runs {runs}`")
        + (" (the other columns: earlier runs, kept in `writes.json`)" if ran != sizes else "") + ". "
        "Each write runs in a transaction rolled back, on the register as imported; median / p95 of "
        f"{runs} runs, in ms.", "",
        "| write | " + " | ".join(f"{n:,} members".replace(",", ".") for n in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for name in names:
        cells = []
        for n in sizes:
            r = results[n][name]
            fmt = ".1f" if r.get("p95_ms", 99) < 10 else ".0f"
            cells.append(r["error"] if "error" in r else f"{r['median_ms']:{fmt}} / {r['p95_ms']:{fmt}}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["| the first load of the register | " + " | ".join(
        f"{results[n]['import_s']:.0f} s = {results[n]['import_s'] / results[n]['copy_s']:.0f}× its floor"
        + (f" (host speed {results[n]['import_speed_s']:.2f} s)" if "import_speed_s" in results[n] else "")
        for n in sizes) + " |",
        "| floor: COPY of the same CSV rows into plain tables | " + " | ".join(
        f"{results[n]['copy_s']:.1f} s ({results[n]['rows']:,} rows)".replace(",", ".") for n in sizes) + " |",
        "| floor: PostgreSQL indexing the stored rows (REINDEX of every table filled) | " + " | ".join(
        f"{results[n]['index_s']:.1f} s = {results[n]['index_s'] / results[n]['copy_s']:.1f}× the COPY"
        if "index_s" in results[n] else "—" for n in sizes) + " |",
        "| the first load against COPY + indexing | " + " | ".join(
        f"{results[n]['import_s'] / (results[n]['copy_s'] + results[n]['index_s']):.1f}×"
        if "index_s" in results[n] else "—" for n in sizes) + " |"]
    path = HERE / "results" / "writes.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    notes = old[old.index(NOTES):] if NOTES in old else ""  # written by hand: kept when the run is repeated
    path.write_text("\n".join(lines) + "\n" + notes, encoding="utf-8")


if __name__ == "__main__":
    main()
