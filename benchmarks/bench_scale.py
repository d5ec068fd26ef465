"""How cost grows with the size of a case, and what a second core and a Dask cluster buy.

Part 1 generates synthetic cases of growing size — the default case plus synthetic
actors, periods (a second period sequence), events and full signed relations among
20 actors in every synthetic period — and times, in a fresh process each,
``equipoise case validate``, ``equipoise report`` and the web app's start-up (building
every page's data), printing wall time, CPU time, peak memory and the growth exponent
``log(t2/t1) / log(n2/n1)`` over the number of events. Aim: the 60-actor case reports
in under 30 s.

Part 2 prints the speed-up from 1 to 2 local workers on a games Monte Carlo sweep and
on extraction of a corpus, and the per-task overhead on a local Dask cluster (a
``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, started and
stopped here; skipped without dask.distributed).

Part 3 times the expected-utility model on 1,000 actors x 10 rounds (aim: seconds, under
1 GB), in a fresh process.

Usage::

    python benchmarks/bench_scale.py [--max-size small|medium|large] [--skip-workers] [--eu-actors N]
"""

from __future__ import annotations

import argparse
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

SIZES = {"small": (20, 7, 75), "medium": (60, 20, 2_000), "large": (200, 50, 20_000)}  # actors, periods, events
RELATED = 20  # actors fully related in each synthetic period
CODES = ("010", "020", "036", "042", "043", "051", "057", "061", "111", "112", "130", "172", "173")


def synthetic_case(actors: int, periods: int, events: int, seed: int = 1) -> dict:
    """The default case grown to the given size (deterministic for ``seed``)."""
    from equipoise.case import load_case
    from equipoise.case.tables import case_to_dict
    rng = np.random.default_rng(seed)

    def lean(obj):  # drop empty lists (optional fields left at their default)
        if isinstance(obj, dict):
            return {k: lean(v) for k, v in obj.items() if v != []}
        return [lean(v) for v in obj] if isinstance(obj, list) else obj
    d = lean(case_to_dict(load_case()))
    d["case"]["id"], d["case"]["title"] = "synthetic", f"Synthetic case: {actors} actors, {periods} periods"
    codes = [a["code"] for a in d["actors"]]
    for k in range(actors - len(codes)):
        d["actors"].append({"code": f"SYN{k:03d}", "name": f"Synthetic actor {k}", "kind": "group"})
    codes = [a["code"] for a in d["actors"]]
    for k in range(periods - len(d["periods"])):
        d["periods"].append({"id": f"syn{k:02d}", "name": f"Synthetic period {k}", "start": f"{1960 + k}-01-01",
                             "end": f"{1960 + k}-12-31", "sequence": "synthetic"})
        related = codes[:RELATED]
        for i, a in enumerate(related):
            for b in related[i + 1:]:
                v = float(np.round(rng.uniform(-0.9, 0.9), 2))
                d["relations"].append({"actors": [a, b], "period": f"syn{k:02d}",
                                       "value": {"value": v, "low": round(max(-1.0, v - 0.1), 2),
                                                 "high": round(min(1.0, v + 0.1), 2)},
                                       "kind": "cooperation" if v > 0 else "rivalry"})
    for k in range(events - len(d["events"])):
        src, tgt = rng.choice(len(codes), size=2, replace=False)
        d["events"].append({"id": f"syn_event_{k:05d}", "date": f"{int(rng.integers(1960, 2024))}-"
                            f"{int(rng.integers(1, 13)):02d}", "source": [codes[src]], "target": [codes[tgt]],
                            "code": str(rng.choice(CODES)), "description": f"Synthetic event {k}."})
    return d


def run_measured(args: list[str], cwd: str, stderr: list | None = None) -> tuple[float, float, float, int]:
    """Wall s, CPU s (user + sys) and peak MB of one command in a child process, and its exit status
    (its stderr lines are appended to ``stderr`` when given)."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
        if stderr is not None:
            stderr += lines
        if proc.returncode not in (0, 1):
            print(lines[-1:], file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


WEB_START = """
import sys
from equipoise.executor import LocalExecutor
from equipoise.present.web import create_app
from equipoise.present.web.pages import warm
app = create_app(sys.argv[1], data_dir=sys.argv[2])
workers = int(sys.argv[3])
pool = LocalExecutor(workers, method="spawn") if workers > 1 else None
problems = warm(app, pool)
if pool is not None:
    pool.shutdown()
"""


def part1(max_size: str) -> None:
    names = list(SIZES)[:list(SIZES).index(max_size) + 1]
    exe = [sys.executable, "-c", "from equipoise.cli import main; main()"]
    rows: dict[str, list] = {}
    print("Part 1: cost by case size (fresh process each; CPU = user + sys of the process and its workers "
          "only when waited for)")
    print(f"{'size':7} {'actors':>6} {'periods':>7} {'events':>6}  {'command':14} {'wall s':>8} {'cpu s':>8} "
          f"{'peak MB':>8} {'exponent':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            actors, periods, events = SIZES[name]
            path = Path(tmp) / f"{name}.yaml"
            path.write_text(yaml.safe_dump(synthetic_case(actors, periods, events), sort_keys=False,
                                           allow_unicode=True), encoding="utf-8")
            runs = {"case validate": exe + ["case", "validate", str(path)],
                    "report": exe + ["report", str(path), "-o", str(Path(tmp) / f"report-{name}"), "--verbose"],
                    "web start": [sys.executable, "-c", WEB_START, str(path), tmp, "1"],
                    "web start x2": [sys.executable, "-c", WEB_START, str(path), tmp, "2"]}
            for label, args in runs.items():
                err: list[str] = []
                wall, cpu, mb, code = run_measured(args, tmp, err)
                prev = rows.get(label)
                expo = ""
                if prev is not None:
                    expo = f"{math.log(max(wall, 1e-3) / max(prev[0], 1e-3)) / math.log(events / prev[1]):.2f}"
                rows[label] = (wall, events)
                flag = "" if code in (0, 1) else f"  (exit {code})"
                print(f"{name:7} {actors:>6} {periods:>7} {events:>6}  {label:14} {wall:8.1f} {cpu:8.1f} {mb:8.0f} "
                      f"{expo:>8}{flag}", flush=True)
                if label == "report":  # `report --verbose`: CPU per section, wherever it ran
                    secs = [ln.split() for ln in err if ln.endswith("s CPU") and not ln.startswith("total")]
                    print(" " * 31 + "sections (CPU s): " + ", ".join(f"{x[0]} {x[1]}" for x in secs[:6])
                          + (", ..." if len(secs) > 6 else ""), flush=True)
    print("exponent: growth of wall time against the number of events between consecutive sizes; "
          "'web start x2' builds the heavy pages in a second process (its CPU is not counted above)")


def _sweep(executor, draws: int) -> float:
    from equipoise.analysis.games.case import solve_case_games
    from equipoise.case import load_case
    case = load_case()
    t = time.perf_counter()
    solve_case_games(case, draws=draws, seed=1, executor=executor)
    return time.perf_counter() - t


def _extract_corpus(executor, texts: list[str]) -> float:
    from equipoise.executor import run_chunked
    t = time.perf_counter()
    run_chunked(executor, _extract_one, texts)
    return time.perf_counter() - t


def _extract_one(text: str):
    from equipoise.evidence.ingest import extract_document
    return extract_document(text, "bench.txt", None)


def _corpus() -> list[str]:
    shared = Path(os.environ.get("EQUIPOISE_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
    files = sorted((shared / "news2025").glob("*.txt"))[:24] if (shared / "news2025").is_dir() else []
    if files:
        return [f.read_text(encoding="utf-8", errors="replace") for f in files]
    return [f"Note {i}. On 3 March 2021 Moscow and Pyongyang signed a trade protocol. Seoul protested to Tokyo "
            f"in April 2022. Beijing hosted talks with Washington on 12 June 2023." * 20 for i in range(24)]


def part2(draws: int) -> None:
    from equipoise.executor import LocalExecutor, SerialExecutor
    print(f"\nPart 2: 1 vs 2 local workers (games Monte Carlo, {draws} draws per game and period; extraction of "
          "24 documents)")
    texts = _corpus()
    serial = SerialExecutor()
    t1s, t1e = _sweep(serial, draws), _extract_corpus(serial, texts)
    with LocalExecutor(2) as pool:
        pool.submit(abs, 1).result()  # start the workers before timing
        t2s, t2e = _sweep(pool, draws), _extract_corpus(pool, texts)
    print(f"  games sweep: 1 worker {t1s:.1f} s, 2 workers {t2s:.1f} s, speed-up {t1s / t2s:.2f}x")
    print(f"  extraction:  1 worker {t1e:.1f} s, 2 workers {t2e:.1f} s, speed-up {t1e / t2e:.2f}x")
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("  Dask: skipped (pip install 'equipoise[dask]')")
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--no-dashboard"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads",
                                           "1", "--no-dashboard"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        from equipoise.executor import DaskExecutor
        for _ in range(60):
            try:
                ex = DaskExecutor(address)
                break
            except Exception:
                time.sleep(1)
        ex.client.wait_for_workers(2, timeout=120)
        n = 200
        list(ex.map(abs, range(10)))  # warm up
        t = time.perf_counter()
        list(ex.map(abs, range(n)))
        per_task = (time.perf_counter() - t) / n
        t = time.perf_counter()
        with LocalExecutor(2) as pool:
            list(pool.map(abs, range(n)))
        local_per_task = (time.perf_counter() - t) / n
        td = _sweep(ex, draws)
        ex.shutdown()
        print(f"  Dask (2 workers on this machine): {per_task * 1e3:.1f} ms per trivial task "
              f"(local processes {local_per_task * 1e3:.1f} ms incl. start-up); games sweep {td:.1f} s")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


EU_RUN = """
import resource, sys, time
import numpy as np
from equipoise.analysis.bargaining import simulate_expected_utility
n = int(sys.argv[1])
rng = np.random.default_rng(0)
x, s, c = rng.uniform(0, 100, (1, n)), rng.uniform(10, 100, (1, n)), rng.uniform(0.1, 1, (1, n))
t = time.perf_counter()
simulate_expected_utility(x, s, c, rounds=10)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def part3(actors: int) -> None:
    print(f"\nPart 3: the expected-utility model, {actors:,} actors x 10 rounds, one draw (aim: seconds, under 1 GB)")
    out = subprocess.run([sys.executable, "-c", EU_RUN, str(actors)], capture_output=True, text=True, check=True,
                         env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})
    seconds, mb = map(float, out.stdout.split())
    print(f"  {seconds:.1f} s wall, peak {mb:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-size", choices=list(SIZES), default="medium",
                    help="largest case to time (large: 200 actors, 50 periods, 20,000 events)")
    ap.add_argument("--skip-workers", action="store_true", help="skip part 2")
    ap.add_argument("--skip-sizes", action="store_true", help="skip part 1")
    ap.add_argument("--draws", type=int, default=200, help="Monte Carlo draws in part 2")
    ap.add_argument("--eu-actors", type=int, default=1000, help="actors of the expected-utility run in part 3 "
                                                                "(0 skips it)")
    args = ap.parse_args()
    if not args.skip_sizes:
        part1(args.max_size)
    if not args.skip_workers:
        part2(args.draws)
    if args.eu_actors:
        part3(args.eu_actors)


if __name__ == "__main__":
    main()
