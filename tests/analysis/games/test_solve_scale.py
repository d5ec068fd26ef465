"""Scale safeguards of the game solver: the two-player deadline, and a reused pygambit game."""

from __future__ import annotations

import numpy as np

from equipoise.analysis.games import solve
from equipoise.analysis.games.solve import NormalForm, ReusableGame, select_equilibrium, solve_normal_form


def _random_game(n: int, seed: int) -> NormalForm:
    rng = np.random.default_rng(seed)
    return NormalForm("random", ("row", "col"), (tuple(f"r{i}" for i in range(n)), tuple(f"c{i}" for i in range(n))),
                      rng.random((2, n, n)))


def _is_nash(nf: NormalForm, eq) -> bool:
    probs = [np.array(list(eq.probabilities[p].values())) for p in nf.players]
    row_values = nf.payoffs[0] @ probs[1]
    col_values = probs[0] @ nf.payoffs[1]
    return (row_values.max() <= probs[0] @ row_values + 1e-7) and (col_values.max() <= col_values @ probs[1] + 1e-7)


def test_two_player_enumeration_stops_at_the_deadline_and_says_so():
    # A random 14x14 game takes minutes of vertex enumeration on a laptop.
    nf = _random_game(14, 3)
    res = solve_normal_form(nf, qre=False, time_limit=0.5)
    assert res.complete is False and "lcp" in res.method
    assert "0.5 s limit" in res.note and "not all" in res.note
    assert res.mixed or res.pure
    assert all(_is_nash(nf, e) for e in res.equilibria)


def test_two_player_enumeration_in_a_child_matches_in_process(monkeypatch):
    nf = _random_game(6, 1)
    inline = solve_normal_form(nf, qre=False)
    monkeypatch.setattr(solve, "ENUMMIXED_INLINE_PROFILES", 0)  # force the child process
    child = solve_normal_form(nf, qre=False, time_limit=60)
    assert child.complete and child.to_dict() == inline.to_dict()


def test_reused_game_selects_as_a_fresh_game():
    rng = np.random.default_rng(11)
    strategies = (("a", "b"), ("x", "y", "z"), ("u", "v"))
    reuse = None
    for _ in range(8):
        nf = NormalForm("g", ("A", "B", "C"), strategies, rng.normal(size=(3, 2, 3, 2)))
        reuse = reuse or ReusableGame(nf)
        fresh = select_equilibrium(nf, [])
        reused = select_equilibrium(nf, lambda: [], reuse=reuse)
        assert (fresh is None) == (reused is None)
        if fresh is not None:
            assert fresh.to_dict() == reused.to_dict()
