"""Web app speed on the default case: start-up, every page's render time, requests/s on loopback.

The server (uvicorn, one worker, results computed at start-up) runs in a child
process; this process is the client (httpx). The load test is bounded: a fixed
number of requests from a fixed number of client threads per page.

Usage::

    python benchmarks/bench_web.py [--requests 400] [--threads 8]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import httpx

PAGES = ["/", "/timeline", "/evidence", "/relations", "/forecasts", "/games", "/scenarios", "/claims",
         "/timeline?actor=PRK", "/api/case", "/api/events"]
SERVER = """
import sys, uvicorn
from equipoise.present.web import create_app
app = create_app(data_dir=sys.argv[1], warm=True)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(url: str, n: int, threads: int) -> tuple[float, float]:
    """``n`` GETs of ``url`` from ``threads`` client threads; returns (requests/s, median latency in ms)."""
    lat: list[float] = []
    lock = threading.Lock()
    per = [n // threads + (i < n % threads) for i in range(threads)]

    def worker(k: int) -> None:
        with httpx.Client(timeout=30) as c:
            for _ in range(k):
                t = time.perf_counter()
                r = c.get(url)
                dt = time.perf_counter() - t
                r.raise_for_status()
                with lock:
                    lat.append(dt)
    start = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(k,)) for k in per]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - start
    return n / wall, 1000 * statistics.median(lat)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=400, help="requests per page in the load test")
    ap.add_argument("--threads", type=int, default=8, help="client threads")
    args = ap.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", SERVER, data, str(port)])
        try:
            while True:
                try:
                    httpx.get(base + "/api/case", timeout=1)
                    break
                except httpx.TransportError:
                    if proc.poll() is not None or time.perf_counter() - t0 > 300:
                        raise SystemExit("server did not start")
                    time.sleep(0.1)
            print(f"start-up (load case, compute every page, bind): {time.perf_counter() - t0:.1f} s")
            print("page render times (server + loopback, after start-up; first / median of 5):")
            with httpx.Client(timeout=60) as c:
                for path in PAGES:
                    times = []
                    for _ in range(6):
                        t = time.perf_counter()
                        r = c.get(base + path)
                        times.append(time.perf_counter() - t)
                        r.raise_for_status()
                    print(f"  {path:24s} {1000 * times[0]:7.1f} ms / {1000 * statistics.median(times[1:]):7.1f} ms"
                          f"  ({len(r.content) / 1024:.0f} KiB)")
            print(f"load test: {args.requests} requests per page from {args.threads} client threads (one server worker):")
            for path in ("/", "/timeline"):
                rps, med = load(base + path, args.requests, args.threads)
                print(f"  {path:12s} {rps:7.1f} requests/s, median latency {med:.1f} ms")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
