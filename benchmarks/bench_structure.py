"""Benchmark the structure analyses: exact frustration index and alignment landscapes.

Run: ``python benchmarks/bench_structure.py [--quick]``. Prints one line per timing;
fixed inputs and seeds. The growth search for the largest graph solved within 60 s
stops once its total time passes ``--budget`` seconds (default 240).
"""

from __future__ import annotations

import argparse
import platform
import time

import networkx as nx
import numpy as np

from equipoise.analysis.structure import alignment_landscape, frustration_index


def random_signed(n: int, m: int, seed: int) -> nx.Graph:
    """G(n, m) with each edge's sign +1 or -1 with probability 1/2."""
    rng = np.random.default_rng(seed)
    g = nx.gnm_random_graph(n, m, seed=int(rng.integers(2**31)))
    for u, v in g.edges:
        g.edges[u, v]["weight"] = 1 if rng.random() < 0.5 else -1
    return g


def random_landscape(n: int, seed: int):
    rng = np.random.default_rng(seed)
    p = rng.uniform(-1, 1, (n, n))
    return rng.uniform(0.1, 1.0, n), (p + p.T) / 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one seed, no growth search")
    ap.add_argument("--budget", type=float, default=240.0, help="seconds for the growth search")
    args = ap.parse_args()
    print(f"# python {platform.python_version()}, {platform.machine()}, numpy {np.__version__}")

    seeds = (0,) if args.quick else (0, 1, 2, 3, 4)
    times = []
    for s in seeds:
        r = frustration_index(random_signed(60, 300, s), method="milp", time_limit=60)
        times.append(r.seconds)
        print(f"frustration 60 nodes 300 edges seed {s}: {r.frustration:g} {r.method} "
              f"optimal={r.optimal} {r.seconds:.2f} s")
    print(f"frustration 60/300: median {np.median(times):.2f} s, max {max(times):.2f} s (target < 10 s)")

    for n in (16, 20):
        r = frustration_index(random_signed(n, 5 * n, 0), method="exhaustive")
        print(f"exhaustive {n} nodes {5 * n} edges: {r.frustration:g} in {r.seconds:.2f} s")

    if not args.quick:
        spent, largest = 0.0, None
        for n in (70, 80, 90, 100, 120, 140, 160, 200):
            r = frustration_index(random_signed(n, 5 * n, 0), method="milp", time_limit=60)
            spent += r.seconds
            print(f"growth {n} nodes {5 * n} edges: {r.frustration:g} optimal={r.optimal} {r.seconds:.2f} s "
                  f"(bound {r.lower_bound:g})")
            if r.optimal and r.seconds <= 60:
                largest = n
            else:
                break
            if spent > args.budget:
                print(f"growth search stopped: {spent:.0f} s spent")
                break
        print(f"largest random signed graph (m = 5n) solved to proven optimality within 60 s: "
              f"{largest} nodes, {5 * largest if largest else 0} edges")

    for n in ((12, 18) if args.quick else (12, 18, 22)):
        s, p = random_landscape(n, 0)
        t = time.perf_counter()
        r = alignment_landscape(s, p, actors=[f"X{i:02d}" for i in range(n)], method="exhaustive")
        print(f"landscape exhaustive {n} actors ({r.n_configurations} configurations): "
              f"{len(r.minima)} minima in {time.perf_counter() - t:.2f} s")
    s, p = random_landscape(30, 0)
    t = time.perf_counter()
    r = alignment_landscape(s, p, actors=[f"X{i:02d}" for i in range(30)], method="search", starts=2000, seed=0)
    print(f"landscape search 30 actors, 2000 starts: {len(r.minima)} minima found, global proven by "
          f"{r.method}, {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
