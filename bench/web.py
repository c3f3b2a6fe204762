"""Web load benchmark (issue: the web application).

    python3 bench/web.py [--clients 20] [--seconds 30] [--big]

1. A fresh data directory with the demo bloc (`dangbo demo`, SQLite, the shipped default) and
   a board officer; `dangbo serve` as shipped (gunicorn), on loopback.
2. `--clients` signed-in clients (one requests.Session each, in threads) request the pages
   of the application in turn for `--seconds`; every response must be 200. Latency per page:
   median, 95th percentile, maximum. Targets: p95 < 150 ms for every page but the report
   pages, member search < 100 ms.
3. `--big`: the same for member search over the 100,000-person data set of
   bench/register.py (target p95 < 300 ms), on SQLite and on PostgreSQL.
Writes bench/results/web.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
PASSWORD = "Mat-khau-bench-2026"
PG = os.environ.get("DANGBO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")

# (name, path): the pages a clerk uses all day; the report page has its own target.
DEMO_PAGES = [
    ("Tổng quan", "/"),
    ("Cây tổ chức", "/to-chuc/"),
    ("Cây tổ chức ngày 31/12/2018", "/to-chuc/?ngay=2018-12-31"),
    ("Trang đảng bộ cơ sở", "/to-chuc/{dbcs}/"),
    ("Trang chi bộ", "/to-chuc/{cell}/"),
    ("Danh sách đảng viên", "/dang-vien/"),
    ("Danh sách đảng viên, trang 20", "/dang-vien/?trang=20"),
    ("Lọc: nữ, dự bị", "/dang-vien/?gioi_tinh=nu&trang_thai=du_bi"),
    ("Tìm đảng viên", "/dang-vien/?q={search}"),
    ("Trang đảng viên", "/dang-vien/{person}/"),
    ("Quần chúng ưu tú", "/quan-chung/"),
    ("Nhập dữ liệu", "/nhap-du-lieu/"),
    ("Biểu mẫu biến động", "/dang-vien/bien-dong/?ma_nguoi={person}"),
    ("API: đơn vị", "/api/units"),
    ("API: tìm đảng viên", "/api/members?q={search}"),
]


def run(cmd, env, **kw):
    env = {"DJANGO_SETTINGS_MODULE": "dangbo.settings", **env}
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, **kw)


def dangbo(env, *args):
    return run([sys.executable, "-m", "dangbo", *args], env)


def start_server(env, port: int) -> subprocess.Popen:
    # The load clients sign in with a password only: the TOTP step is a sign-in cost, not a page's.
    env = {**env, "DANGBO_REQUIRE_2FA": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "dangbo", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                return proc
        except requests.ConnectionError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("dangbo serve did not start")


def sign_in(base: str, username: str) -> requests.Session:
    s = requests.Session()
    page = s.get(base + "/dang-nhap/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    r = s.post(base + "/dang-nhap/", data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
               headers={"Referer": base + "/dang-nhap/"})
    assert "dang-nhap" not in r.url, "sign-in failed"
    return s


def load(base: str, username: str, pages, clients: int, seconds: float, api_key: str | None = None,
         think: tuple[float, float] = (0.5, 1.5)):
    """Latencies (ms) per page name, and the non-200 answers seen. Each client pauses a random
    `think` time (seconds) between requests, as a clerk does between clicks; (0, 0) is a stress run."""
    times: dict[str, list[float]] = defaultdict(list)
    bad: list[str] = []
    lock = threading.Lock()
    sessions = [sign_in(base, username) for _ in range(clients)]  # sign in first: hashing is slow on purpose
    deadline = time.monotonic() + seconds

    def client(i: int):
        s = sessions[i]
        rng = random.Random(i)
        while time.monotonic() < deadline:
            order = list(pages)
            rng.shuffle(order)
            for name, path in order:
                headers = {"Authorization": f"Bearer {api_key}"} if path.startswith("/api/") else {}
                t = time.perf_counter()
                r = s.get(base + path, headers=headers)
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    times[name].append(ms)
                    if r.status_code != 200:
                        bad.append(f"{r.status_code} {path}")
                if think[1]:
                    time.sleep(rng.uniform(*think))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, bad


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20, method="inclusive")[-1] if len(xs) > 1 else xs[0]


def table(times, target_ms, search_target_ms=None) -> tuple[list[str], bool]:
    lines = ["| Trang | Số lượt | Trung vị (ms) | p95 (ms) | Lớn nhất (ms) | Mục tiêu p95 |", "|---|---:|---:|---:|---:|---|"]
    ok = True
    for name, xs in times.items():
        target = search_target_ms if search_target_ms and "Tìm" in name or "tìm" in name else target_ms
        good = p95(xs) < target
        ok &= good
        lines.append(f"| {name} | {len(xs)} | {statistics.median(xs):.1f} | {p95(xs):.1f} | {max(xs):.1f} | "
                     f"< {target} ms {'✓' if good else '✗'} |")
    return lines, ok


def demo_samples(env) -> dict[str, str]:
    code = """
import django; django.setup()
from dangbo.orgs.models import OrgVersion
from dangbo.members.models import MemberSpell
from django.db.models import Q
cell = OrgVersion.objects.filter(valid_to__isnull=True, level='chi_bo').order_by('org__code').first()
dbcs = OrgVersion.objects.filter(valid_to__isnull=True, level='dang_bo_co_so').order_by('org__code').first()
spell = MemberSpell.objects.filter(valid_to__isnull=True).select_related('person').order_by('person__code')[100]
print(cell.org.code, dbcs.org.code, spell.person.code)
"""
    cell, dbcs, person = run([sys.executable, "-c", code], env).stdout.split()
    return {"cell": cell, "dbcs": dbcs, "person": person, "search": "nguyen van"}


def demo_run(clients: int, seconds: float, port: int) -> tuple[list[str], bool]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DANGBO_DATA_DIR": tmp}
        env.pop("DANGBO_DATABASE_URL", None)
        dangbo(env, "demo")
        dangbo(env, "createuser", "bench", "--password", PASSWORD, "--role", "ban_to_chuc", "--scope", "KCQDN")
        key = dangbo(env, "token", "bench").stdout.strip().split()[-1]
        samples = demo_samples(env)
        pages = [(n, p.format(**samples)) for n, p in DEMO_PAGES]
        server = start_server(env, port)
        try:
            base = f"http://127.0.0.1:{port}"
            load(base, "bench", pages[:3], 2, 2, key)  # warm the workers
            times, bad = load(base, "bench", pages, clients, seconds, key)
            stress, stress_bad = load(base, "bench", pages, clients, min(seconds, 15), key, think=(0, 0))
        finally:
            server.terminate()
            server.wait()
    assert not bad and not stress_bad, (bad + stress_bad)[:5]
    lines, ok = table(times, 150, 100)
    total = sum(len(x) for x in times.values())
    head = [f"Bộ dữ liệu demo (KCQDN, 3.281 đảng viên), SQLite, `dangbo serve` như khi phát hành "
            f"(gunicorn, {os.environ.get('DANGBO_WORKERS', '3')} tiến trình); {clients} người dùng đồng thời đã đăng nhập, "
            f"mỗi người nghỉ 0,5–1,5 s giữa hai lượt bấm; {seconds:.0f} s, {total} lượt ({total / seconds:.0f} lượt/s), "
            "mọi câu trả lời 200.", ""]
    every = [ms for xs in stress.values() for ms in xs]
    n = len(every)
    tail = ["", f"Thử tải không nghỉ (để biết giới hạn, không phải mục tiêu): {clients} người dùng bấm liên tục, "
            f"{n} lượt trong {min(seconds, 15):.0f} s = {n / min(seconds, 15):.0f} lượt/s; trung vị {statistics.median(every):.0f} ms, "
            f"p95 {p95(every):.0f} ms (độ trễ = số người dùng / thông lượng của 2 lõi, chia với chính trình tạo tải)."]
    return head + lines + tail, ok


def big_run(clients: int, seconds: float, port: int) -> tuple[list[str], bool]:
    data = HERE / "data" / "register-100000-420000"
    if not data.exists():
        run([sys.executable, "-m", "dangbo.fixtures.synth", str(data), "--persons", "100000", "--events", "420000"], dict(os.environ))
    out, ok_all = [], True
    for backend in ("sqlite", "postgresql"):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "DANGBO_DATA_DIR": tmp}
            env.pop("DANGBO_DATABASE_URL", None)
            if backend == "postgresql":
                run(["psql", PG + "/postgres", "-qc", "DROP DATABASE IF EXISTS dangbo_bench_web"], env)
                run(["psql", PG + "/postgres", "-qc", "CREATE DATABASE dangbo_bench_web"], env)
                env["DANGBO_DATABASE_URL"] = PG + "/dangbo_bench_web"
            dangbo(env, "init")
            dangbo(env, "import", str(data))
            root = run([sys.executable, "-c", "import django; django.setup()\nfrom dangbo.orgs.models import OrgVersion\n"
                        "print(OrgVersion.objects.filter(valid_to__isnull=True, depth=0).order_by('org__code').first().org.code)"],
                       env).stdout.strip()
            dangbo(env, "createuser", "bench", "--password", PASSWORD, "--role", "ban_to_chuc", "--scope", root)
            pages = [("Tìm đảng viên: 'nguyen van'", "/dang-vien/?q=nguyen+van"),
                     ("Tìm đảng viên: 'tran thi hoa'", "/dang-vien/?q=tran+thi+hoa"),
                     ("Tìm đảng viên: 'le'", "/dang-vien/?q=le")]
            server = start_server(env, port)
            try:
                base = f"http://127.0.0.1:{port}"
                load(base, "bench", pages, 2, 2)
                times, bad = load(base, "bench", pages, clients, seconds)
            finally:
                server.terminate()
                server.wait()
            assert not bad, bad[:5]
            lines, ok = table(times, 300, 300)
            ok_all &= ok
            out += [f"### {backend}", "", f"100.000 người (bench/register.py: 30 đảng bộ cỡ khối của bài mẫu, ~92.500 đảng viên "
                    f"hiện tại); người dùng là cán bộ Ban Tổ chức của đảng bộ {root} (~3.100 đảng viên), tìm trong phạm vi của mình; "
                    f"{clients} người dùng đồng thời, {seconds:.0f} s.", "",
                    *lines, ""]
    return out, ok_all


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--big", action="store_true", help="also search over the 100,000-person data set")
    a = ap.parse_args()
    lines = ["# Web benchmark", "", f"`python3 bench/web.py{' --big' if a.big else ''}` trên máy này "
             f"({os.cpu_count()} lõi), {time.strftime('%Y-%m-%d')}.", "", "## Các trang, bộ dữ liệu demo", ""]
    demo, ok = demo_run(a.clients, a.seconds, a.port)
    lines += demo + [""]
    if a.big:
        lines += ["## Tìm kiếm trên 100.000 người", ""]
        big, ok_big = big_run(a.clients, a.seconds, a.port)
        lines += big
        ok &= ok_big
    text = "\n".join(lines) + "\n"
    (HERE / "results" / "web.md").write_text(text, encoding="utf-8")
    print(text)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
