"""How much to trust the default case's conclusions: ``python benchmarks/bench_validation.py [--draws N]``.

Prints (never asserts) the default case's own scorecard — claim verdicts, game
expectations met, in-sample bargaining errors (``equipoise evaluate case``) — the
rolling-origin backtest of every model beside its baselines (``equipoise
backtest``), the veto-player model's reproduction of recorded Security Council votes
(``equipoise evaluate unsc``), the robust/fragile counts (``equipoise sensitivity``)
and the time each takes. Seeded: the same numbers every run.
"""

from __future__ import annotations

import argparse
import time

from equipoise.analysis.validation import backtest
from equipoise.analysis.validation.evaluate import evaluate_case
from equipoise.analysis.validation.sensitivity import sensitivity
from equipoise.analysis.validation.skill import model_lineup
from equipoise.analysis.validation.unsc import unsc_reproduction
from equipoise.case import load_case


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    case = load_case()
    for name, fn in (("evaluate case", lambda: evaluate_case(case, draws=args.draws, seed=args.seed)["headline"]),
                     ("backtest", lambda: backtest(case, draws=args.draws, seed=args.seed).summary()),
                     ("model line-up", lambda: model_lineup(case, seed=args.seed).summary()),
                     ("unsc", lambda: unsc_reproduction(case).summary()),
                     ("sensitivity", lambda: sensitivity(case, seed=args.seed).summary())):
        t = time.perf_counter()
        text = fn()
        print(f"== {name} ({time.perf_counter() - t:.1f} s)\n{text}\n")


if __name__ == "__main__":
    main()
