"""Benchmark the bargaining models: ``python benchmarks/bench_bargaining.py``.

Prints the expected-utility model's time for 100 actors x 10 rounds (target
< 0.5 s), 10,000 Monte Carlo draws of the 10-actor EU emission case x 8 rounds
(target < 5 s), and actors-per-second at 10, 50, 100 and 200 actors. Inputs
are fixed and seeded; numpy is limited to one thread (set before import).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


import numpy as np  # noqa: E402

from equipoise.analysis.bargaining import make_input, simulate_expected_utility  # noqa: E402
from equipoise.analysis.bargaining.models import ExpectedUtility, forecast  # noqa: E402
from timing import best_of  # noqa: E402

EMISSION = (("NL", 0.08, 4, 80), ("BE", 0.08, 7, 40), ("LU", 0.03, 4, 20), ("DE", 0.16, 4, 80),
            ("FR", 0.16, 10, 60), ("IT", 0.16, 10, 60), ("UK", 0.16, 10, 90), ("IE", 0.05, 7, 10),
            ("DK", 0.05, 4, 100), ("EL", 0.08, 7, 70))


def random_actors(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 100, (1, n)), rng.uniform(10, 100, (1, n)), rng.uniform(0.1, 1, (1, n))


def main() -> None:
    x, s, c = random_actors(100)
    t100, c100 = best_of(lambda: simulate_expected_utility(x, s, c, rounds=10))
    print(f"expected-utility, 100 actors x 10 rounds: {t100:.3f} s wall, {c100:.3f} s CPU (target < 0.5 s)")

    inp = make_input([a for a, *_ in EMISSION], [p for _, _, p, _ in EMISSION], [v for *_, v in EMISSION],
                     [cap for _, cap, _, _ in EMISSION],
                     position_range=[(p - 1, p + 1) for _, _, p, _ in EMISSION],
                     salience_range=[(max(v - 10, 0), min(v + 10, 100)) for *_, v in EMISSION])
    tmc, cmc = best_of(lambda: forecast(inp, ExpectedUtility(rounds=8), draws=10_000, seed=1), repeat=2)
    print(f"expected-utility, 10,000 draws of the 10-actor emission case x 8 rounds (forecast() with sampling): "
          f"{tmc:.3f} s wall, {cmc:.3f} s CPU (target < 5 s)")

    print("actors-per-second (expected-utility, 10 rounds, one issue):")
    for n in (10, 50, 100, 200):
        x, s, c = random_actors(n, seed=n)
        t, cpu = best_of(lambda: simulate_expected_utility(x, s, c, rounds=10))
        print(f"  {n:4d} actors: {t:.4f} s wall ({n / t:,.0f} actors/s), {cpu:.4f} s CPU ({n / cpu:,.0f} actors/s)")


if __name__ == "__main__":
    main()
