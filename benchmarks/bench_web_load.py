"""Bounded load test: the web server's memory over 10,000 requests with distinct parameters.

A uvicorn server over the default case runs in a child process on loopback
(127.0.0.1 only); this process sends ``--requests`` GETs of ``/api/triangle``, each
with a different ``threshold`` (every one a new cache key), from a few client
threads, and reads the server's resident memory (``/proc/PID/status``) every
``--every`` requests. Before issue 17 the page cache kept every parameter
combination and a lock per key, so memory grew with the number of requests; now
it holds at most ``CaseView.MAX_CACHED`` results and the curve is flat. Hostile
requests (a foreign Host, a cross-site POST, an out-of-range seed) are mixed in
and must be refused.

The run is bounded by ``--requests`` and by ``--time-limit`` seconds, whichever
comes first; it prints the numbers and exits. Linux only (memory from /proc).

Usage::

    python benchmarks/bench_web_load.py [--requests 10000] [--threads 4] [--time-limit 900]
"""

from __future__ import annotations

import argparse
import itertools
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

SERVER = """
import sys, uvicorn
from equipoise.present.web import create_app
app = create_app(data_dir=sys.argv[1])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""
TRIANGLE = "/api/triangle?a=CHN&b=RUS&c=USA&period={period}&draws=0&threshold={t:.6f}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def triangle_period() -> str:
    """The last main period of the default case with all three CHN-RUS-USA relations."""
    from equipoise.case import load_case
    from equipoise.errors import EquipoiseError
    from equipoise.analysis.structure.triangle import triangle
    case = load_case()
    for p in reversed([p for p in case.periods if p.sequence == "main"]):
        try:
            triangle(case, "CHN", "RUS", "USA", period=p.id, draws=0)
            return p.id
        except EquipoiseError:
            continue
    raise SystemExit("no period with the CHN-RUS-USA triangle")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=10_000, help="requests with distinct parameters (at most 100,000)")
    ap.add_argument("--threads", type=int, default=4, help="client threads (at most 16)")
    ap.add_argument("--every", type=int, default=1000, help="read the server's memory every this many requests")
    ap.add_argument("--time-limit", type=float, default=900.0, help="stop after this many seconds")
    args = ap.parse_args()
    n, threads = min(args.requests, 100_000), max(1, min(args.threads, 16))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        proc = subprocess.Popen([sys.executable, "-c", SERVER, data, str(port)])
        try:
            t0 = time.perf_counter()
            period = triangle_period()
            while True:
                try:
                    httpx.get(base + "/api/case", timeout=5).raise_for_status()
                    break
                except httpx.TransportError:
                    if proc.poll() is not None or time.perf_counter() - t0 > 300:
                        raise SystemExit("server did not start")
                    time.sleep(0.2)
            pid = proc.pid
            with httpx.Client(timeout=60) as c:  # warm: the case's relation cells, the first triangle
                c.get(base + TRIANGLE.format(period=period, t=0.5)).raise_for_status()
            probes = {
                "foreign Host": ("GET", "/api/case", {"Host": "rebind.example"}),
                "cross-site POST": ("POST", "/api/scenarios/run?name=x", {"Origin": "http://evil.example"}),
                "Origin: null POST": ("POST", "/api/scenarios/run?name=x", {"Origin": "null"}),
                "seed=-1": ("GET", "/api/forecast?seed=-1", {}),
                "draws over the cap": ("GET", "/api/game?draws=5000", {}),
                "id >= 2^63": ("GET", f"/api/evidence/documents/{2**63}", {}),
            }
            hostile = {}
            with httpx.Client(timeout=10) as c:
                for label, (method, path, headers) in probes.items():
                    try:
                        hostile[label] = c.request(method, base + path, headers=headers).status_code
                    except httpx.TimeoutException:
                        hostile[label] = "no answer in 10 s"
            print("hostile requests (status):", ", ".join(f"{k} {v}" for k, v in hostile.items()))
            counter = itertools.count()
            lock = threading.Lock()
            samples: list[tuple[int, float, float]] = [(0, 0.0, rss_mib(pid))]
            errors = [0]
            deadline = time.perf_counter() + args.time_limit
            start = time.perf_counter()

            def worker() -> None:
                with httpx.Client(timeout=60) as cl:
                    while time.perf_counter() < deadline:
                        i = next(counter)
                        if i >= n:
                            return
                        r = cl.get(base + TRIANGLE.format(period=period, t=(i + 1) / (n + 2)))
                        with lock:
                            errors[0] += r.status_code != 200
                            done = i + 1
                            if done % args.every == 0:
                                samples.append((done, time.perf_counter() - start, rss_mib(pid)))
            ts = [threading.Thread(target=worker) for _ in range(threads)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
            wall = time.perf_counter() - start
            sent = min(next(counter), n)
            print(f"{sent} requests with distinct thresholds from {threads} client threads in {wall:.1f} s "
                  f"({sent / wall:.0f} requests/s), {errors[0]} not 200")
            print("requests   seconds   server RSS (MiB)")
            for k, s, m in samples:
                print(f"{k:8d} {s:9.1f} {m:12.1f}")
            later = [m for k, _, m in samples if k >= max(sent // 5, 1)]
            if len(later) >= 2:
                print(f"RSS after the first fifth: min {min(later):.1f}, max {max(later):.1f} MiB "
                      f"(growth {max(later) - later[0]:+.1f} MiB over {samples[-1][0] - sent // 5} requests)")
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:  # busy in a worker thread: stop it outright
                proc.kill()
                proc.wait(10)


if __name__ == "__main__":
    main()
