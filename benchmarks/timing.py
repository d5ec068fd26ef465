"""Shared timing helper for the benchmark scripts (run them as ``python3 benchmarks/bench_*.py``)."""

from __future__ import annotations

import time


def best_of(fn, repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and CPU seconds of ``repeat`` runs (CPU time is robust to a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)
