"""Benchmark the games: ``python benchmarks/bench_games.py``.

Prints, for the default case, the time to solve every game in every period at
the central values (pure, mixed and logit QRE), then with 20 and 200 seeded
Monte Carlo draws (the report uses 20; the CLI's default is 200), and the rate
of selections per second over the draws — with the dominance shortcut and with
the logit branch traced for every draw, so the shortcut's gain is measured, not
assumed. Wall and CPU seconds are the best of three runs.
"""

from __future__ import annotations

import time

import numpy as np

from equipoise.analysis.games import case as games_case
from equipoise.analysis.games.case import case_payoffs, resolve_parameters, solve_case_games
from equipoise.analysis.games.solve import NormalForm, _logit, dominance_solve, select_equilibrium
from equipoise.case import load_case
from equipoise.seeding import rng_from
from timing import best_of


def draws_per_game(case, draws: int = 100) -> list[tuple[str, list[NormalForm]]]:
    out = []
    for g in case.games:
        for p in case.periods:
            params = resolve_parameters(case, g, p.id)
            env = games_case._draw(params, draws, rng_from(1))
            pay = case_payoffs(case, g, env)
            players = tuple(pl.actor for pl in g.players)
            strategies = tuple(tuple(pl.strategies) for pl in g.players)
            out.append((f"{g.id}/{p.id}", [NormalForm(g.id, players, strategies, pay[d]) for d in range(draws)]))
    return out


def main() -> None:
    case = load_case()
    n_results = len(solve_case_games(case, draws=0).results)
    print(f"default case: {len(case.games)} games, {n_results} game-periods")
    for draws in (0, 20, 200):
        wall, cpu = best_of(lambda: solve_case_games(case, draws=draws, seed=1), repeat=1 if draws == 200 else 3)
        print(f"  solve every game and period, {draws:>3} draws: {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    games = draws_per_game(case)
    total = sum(len(nfs) for _, nfs in games)
    for label, pick in (("dominance shortcut, then logit", lambda nf: select_equilibrium(nf)),
                        ("logit traced for every draw", lambda nf: _logit(nf, ())[0])):
        t = time.perf_counter()
        for _, nfs in games:
            for nf in nfs:
                pick(nf)
        sec = time.perf_counter() - t
        print(f"  {label:<32}: {total} selections in {sec:5.2f} s = {total / sec:7.1f} per s")
    solvable = sum(dominance_solve(nf.payoffs) is not None
                   for _, nfs in games for nf in nfs)
    print(f"  draws solved by iterated strict dominance: {solvable}/{total} ({solvable / total:.0%})")
    print(f"  numpy {np.__version__}")


if __name__ == "__main__":
    main()
