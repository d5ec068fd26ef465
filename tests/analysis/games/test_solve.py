"""The solver against games with known equilibria."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from equipoise.analysis.games.nfg import read_nfg
from equipoise.analysis.games.solve import NormalForm, pure_equilibria, solve_normal_form
from equipoise.cli import app
from equipoise.errors import ModelInputError

DATA = Path(__file__).parent / "data"


def test_battle_of_the_sexes():
    """Two pure equilibria and the mixed one at (3/5, 2/5) (Osborne & Rubinstein 1994, sec. 3.2)."""
    res = solve_normal_form(read_nfg(DATA / "battle_of_the_sexes.nfg"))
    assert res.complete
    assert [e.key for e in res.pure] == ["Top/Left", "Bottom/Right"]
    (mixed,) = res.mixed
    assert mixed.probabilities["Player 1"]["Top"] == pytest.approx(3 / 5, abs=1e-9)
    assert mixed.probabilities["Player 2"]["Left"] == pytest.approx(2 / 5, abs=1e-9)
    assert mixed.payoffs["Player 1"] == pytest.approx(6 / 5)


def test_three_player_unique_irrational():
    """Nau, Gomez Canovas & Hansen (2004), IJGT 32(4), sec. 4: unique, completely mixed equilibrium.

    Indifference conditions (our derivation): with r = P(W1), P(Top) = (3-2r)/(4-r),
    P(Left) = (2-r)/(3+r), and 2 r^2 + 23 r - 9 = 0, so r = (sqrt(601) - 23) / 4.
    """
    res = solve_normal_form(read_nfg(DATA / "three_player_unique.nfg"))
    assert res.complete and len(res.equilibria) == 1 and not res.pure
    r = (math.sqrt(601) - 23) / 4
    eq = res.equilibria[0].probabilities
    assert eq["Player 3"]["W1"] == pytest.approx(r, abs=1e-6)
    assert eq["Player 1"]["Top"] == pytest.approx((3 - 2 * r) / (4 - r), abs=1e-6)
    assert eq["Player 2"]["Left"] == pytest.approx((2 - r) / (3 + r), abs=1e-6)


def test_prisoners_dilemma_pure_and_batched():
    pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    assert np.argwhere(pure_equilibria(pd)).tolist() == [[1, 1]]
    batch = np.stack([pd, pd[:, ::-1, ::-1]])
    assert np.argwhere(pure_equilibria(batch, batched=True)).tolist() == [[0, 1, 1], [1, 0, 0]]


def test_single_strategy_player_reduced():
    pay = np.zeros((3, 1, 2, 2))
    pay[1, 0] = [[1, 0], [0, 1]]
    pay[2, 0] = [[1, 0], [0, 1]]
    nf = NormalForm("g", ("A", "B", "C"), (("only",), ("x", "y"), ("x", "y")), pay)
    res = solve_normal_form(nf, qre=False)
    assert "enummixed" in res.method and "fixed" in res.note
    assert sorted(e.key for e in res.equilibria) == ["only/x/x", "only/y/y", "only/{x,y}/{x,y}"]


def test_bad_normal_form():
    with pytest.raises(ModelInputError, match="shape"):
        NormalForm("g", ("A", "B"), (("x",), ("y", "z")), np.zeros((2, 2, 2)))


def test_cli_nfg_json():
    out = CliRunner().invoke(app, ["game", str(DATA / "battle_of_the_sexes.nfg"), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert len(data["equilibria"]) == 3
    mixed = [e for e in data["equilibria"] if not e["pure"]][0]
    assert mixed["strategies"]["Player 1"]["Top"] == pytest.approx(0.6)
    assert set(mixed["payoffs"]) == {"Player 1", "Player 2"}


def test_cli_bad_nfg(tmp_path):
    bad = tmp_path / "bad.nfg"
    bad.write_text("hello")
    out = CliRunner().invoke(app, ["game", str(bad)])
    assert out.exit_code == 1
    assert "not a Gambit strategic-form file" in out.stderr


def test_dominance_solve_known_games():
    from equipoise.analysis.games.solve import dominance_solve
    pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    assert dominance_solve(pd) == (1, 1)
    bos = np.array([[[3, 0], [0, 2]], [[2, 0], [0, 3]]], dtype=float)
    assert dominance_solve(bos) is None
    # Row's B dominates T only once Column's R is gone: two rounds of elimination.
    pay = np.array([[[1, 0, 3], [2, 1, 0]], [[1, 2, 0], [0, 1, 0]]], dtype=float)
    assert dominance_solve(pay) == (1, 1)


@pytest.mark.parametrize("seed", range(30))
def test_dominance_solve_agrees_with_equilibria_and_logit(seed):
    """Where iterated strict dominance leaves one profile it is the only Nash equilibrium, and the
    logit branch traced in full converges to it (the shortcut used for Monte Carlo draws)."""
    from equipoise.analysis.games.solve import _logit, dominance_solve
    rng = np.random.default_rng(seed)
    pay = rng.integers(0, 6, size=(2, 3, 3)).astype(float)
    only = dominance_solve(pay)
    nf = NormalForm("g", ("A", "B"), (("a", "b", "c"), ("x", "y", "z")), pay)
    if only is None:
        return
    res = solve_normal_form(nf, qre=False)
    assert [tuple(np.argwhere(pure_equilibria(pay))[0])] == [only] and len(res.equilibria) == 1
    limit, _ = _logit(nf, ())
    assert limit is not None and limit.key == res.equilibria[0].key


def test_dominance_solve_hits_some_random_games():
    from equipoise.analysis.games.solve import dominance_solve
    hits = sum(dominance_solve(np.random.default_rng(s).integers(0, 6, size=(2, 3, 3)).astype(float)) is not None
               for s in range(30))
    assert 3 <= hits <= 27  # the parametrised test above really exercises both branches


def _amity_game(r, b=0.1, s=0.05, p=0.2):
    """Dittmer's triangle as a game of amity (the form of the default case's ``triangle`` game, written out
    here): a tie is friendly when both offer amity and is worth r + b to each; an unanswered offer costs s;
    the one left out while the other two are friends loses p."""
    import itertools
    players = ("RUS", "CHN", "USA")
    strats = []
    for a in players:
        o = [x for x in players if x != a]
        strats.append(("amity_both", f"amity_{o[0]}", f"amity_{o[1]}", "enmity_both"))

    def offers(a, st):
        o = {x for x in players if x != a}
        return o if st == "amity_both" else set() if st == "enmity_both" else {st[6:]}
    pay = np.zeros((3, 4, 4, 4))
    for idx in itertools.product(range(4), repeat=3):
        off = {a: offers(a, strats[i][idx[i]]) for i, a in enumerate(players)}
        ties = {frozenset((a, c)) for a in players for c in off[a] if a in off[c]}
        for i, a in enumerate(players):
            mine = [t for t in ties if a in t]
            pay[(i, *idx)] = (sum(r[t] + b for t in mine) - s * sum(1 for c in off[a] if a not in off[c])
                              - (p if ties and not mine else 0.0))
    return NormalForm("amity", players, tuple(strats), pay)


def test_logit_bifurcation_falls_back_to_nearest_equilibrium():
    """A triangle symmetric in Russia and the US (RUS-CHN = CHN-USA = -0.2, RUS-USA = -0.8): the logit
    principal branch meets a bifurcation and pygambit returns no limit. The selection is then the
    equilibrium nearest the last point traced, and the result says so."""
    r = {frozenset(("RUS", "CHN")): -0.2, frozenset(("RUS", "USA")): -0.8, frozenset(("CHN", "USA")): -0.2}
    res = solve_normal_form(_amity_game(r))
    eq = res.qre_limit
    assert eq is not None and eq.kind == "logit_nearest"
    assert eq.key in {e.key for e in res.equilibria}
    assert "bifurcation" in res.note
