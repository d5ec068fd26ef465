"""Alignment landscapes (Axelrod & Bennett 1993): a hand-computed example, the potential property,
exhaustive = search, malformed inputs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.analysis.structure import alignment_landscape, case_landscape
from equipoise.analysis.structure.landscape import actor_frustration, configuration_energy, read_landscape_csv
from equipoise.errors import ModelInputError

# Four actors of size 1: AB and CD friendly (+1), AC and BD hostile (-1), AD and BC mildly friendly (+0.5).
# By hand, E = 2 * sum over separated pairs of p (each pair counted twice):
#   ABCD together 0;  any single actor alone +1 (e.g. A|BCD: AB 1 + AC -1 + AD 0.5 = 0.5);
#   AB|CD: AC -1 + AD 0.5 + BC 0.5 + BD -1 = -1 -> -2;  AC|BD: 1 + 0.5 + 0.5 + 1 = 3 -> 6;
#   AD|BC: 1 - 1 - 1 + 1 = 0 -> 0.
# Local minima: AB|CD (-2), ABCD (0) and AD|BC (0): each of their single switches leads to an energy of 1.
# Steepest descent: every single-actor-alone configuration falls to AB|CD (-2 beats 0); AC|BD (6) moves
# first to a single-alone configuration and on to AB|CD. Basins: AB|CD 6/8, ABCD 1/8, AD|BC 1/8.
HAND_SIZES = {"A": 1, "B": 1, "C": 1, "D": 1}
HAND_PROPS = {("A", "B"): 1, ("C", "D"): 1, ("A", "C"): -1, ("B", "D"): -1, ("A", "D"): 0.5, ("B", "C"): 0.5}


def test_hand_computed_four_actor_example():
    r = alignment_landscape(HAND_SIZES, HAND_PROPS)
    assert r.method == "exhaustive" and r.n_configurations == 8
    got = {m.blocs: (m.energy, m.basin, m.is_global) for m in r.minima}
    assert got == {(("A", "B"), ("C", "D")): (-2.0, 6, True),
                   (("A", "B", "C", "D"), ()): (0.0, 1, False),
                   (("A", "D"), ("B", "C")): (0.0, 1, False)}
    energies = {tuple(map(tuple, c["blocs"])): c["energy"] for c in r.to_dict()["configurations"]}
    assert energies[(("A",), ("B", "C", "D"))] == 1.0
    assert energies[(("A", "C"), ("B", "D"))] == 6.0
    assert r.global_energy == -2.0


def _random_instance(n, seed):
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1.0, n)
    p = rng.uniform(-1, 1, (n, n))
    return s, (p + p.T) / 2


@settings(max_examples=60, deadline=None)
@given(n=st.integers(3, 8), seed=st.integers(0, 10**6), who=st.integers(0, 7), data=st.data())
def test_energy_is_a_potential(n, seed, who, data):
    # an actor's switch changes E by 2 * its size * the change in its own frustration
    s, p = _random_instance(n, seed)
    x = np.array(data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    i = who % n
    y = x.copy()
    y[i] = 1 - y[i]
    d_f = actor_frustration(i, y, s, p) - actor_frustration(i, x, s, p)
    d_e = configuration_energy(y, s, p) - configuration_energy(x, s, p)
    assert d_e == pytest.approx(2 * s[i] * d_f, abs=1e-9)
    if d_f < -1e-12:
        assert d_e < 0


@pytest.mark.parametrize("n, seed", [(5, 1), (8, 2), (10, 3), (12, 4)])
def test_exhaustive_and_search_agree(n, seed):
    s, p = _random_instance(n, seed)
    names = [f"X{i:02d}" for i in range(n)]
    ex = alignment_landscape(s, p, actors=names, method="exhaustive")
    se = alignment_landscape(s, p, actors=names, method="search", starts=6000, seed=seed)
    assert se.method == "search+milp"
    assert {m.blocs for m in ex.minima} == {m.blocs for m in se.minima}
    for a in ex.minima:
        b = next(m for m in se.minima if m.blocs == a.blocs)
        assert b.energy == pytest.approx(a.energy, abs=1e-9)
        assert b.basin_share == pytest.approx(a.basin_share, abs=0.04)
    assert se.global_energy == pytest.approx(ex.global_energy, abs=1e-9)


def test_minimum_is_stable_against_every_switch():
    s, p = _random_instance(9, 7)
    r = alignment_landscape(s, p, actors=[f"X{i}" for i in range(9)])
    for m in r.minima:
        x = np.array([0 if a in m.blocs[0] else 1 for a in r.actors])
        e = configuration_energy(x, s, p)
        assert e == pytest.approx(m.energy)
        for i in range(9):
            y = x.copy()
            y[i] = 1 - y[i]
            assert configuration_energy(y, s, p) >= e - 1e-9


def test_malformed_inputs():
    with pytest.raises(ModelInputError, match="at least three actors"):
        alignment_landscape({"A": 1, "B": 1}, {("A", "B"): 1})
    with pytest.raises(ModelInputError, match="not symmetric: A-B is 1 but B-A is 0.5"):
        alignment_landscape([1, 1, 1], [[0, 1, 0], [0.5, 0, 0], [0, 0, 0]], actors=["A", "B", "C"])
    with pytest.raises(ModelInputError, match="non-negative"):
        alignment_landscape([1, -1, 1], np.zeros((3, 3)))
    with pytest.raises(ModelInputError, match="3x3"):
        alignment_landscape([1, 1, 1], np.zeros((3, 2)))


def test_read_landscape_csv():
    sizes = "actor,size\nA,1\nB,2\nC,0.5\n"
    props = ",A,B,C\nA,,0.5,-1\nB,0.5,,0\nC,-1,0,\n"
    s, p = read_landscape_csv(sizes, props)
    assert s == {"A": 1.0, "B": 2.0, "C": 0.5}
    assert p == {("A", "B"): 0.5, ("A", "C"): -1.0, ("B", "C"): 0.0}
    bad = [(sizes, ",A,B,C\nA,,0.5,-1\nB,0.4,,0\nC,-1,0,\n",
            "p.csv:3: B-A: propensities are not symmetric: B-A is 0.4 here but A-B is 0.5 on line 2"),
           (sizes, ",A,B,C\nA,,x,-1\nB,0.5,,0\nC,-1,0,\n", "p.csv:2: A-B: expected a number, got 'x'"),
           ("A,1\nB,big\nC,1\n", props, "s.csv:2: size: expected a number, got 'big'"),
           ("A,1\nB,1\nD,1\n", props, "p.csv:1: actors differ"),
           (sizes, ",A,B,C\nA,,0.5\n", "p.csv:2: expected 4 fields")]
    for s_text, p_text, message in bad:
        with pytest.raises(ModelInputError) as err:
            read_landscape_csv(s_text, p_text, sizes_path="s.csv", propensities_path="p.csv")
        assert str(err.value).startswith(message)


def _cinc(code, points):
    return {"id": f"cinc_{code.lower()}", "name": f"CINC {code}", "unit": "share", "actors": [code],
            "series": "cinc", "points": [{"year": y, "value": v, "source": "cow"} for y, v in points]}


def test_case_landscape(make_case):
    case = make_case([("AA", "BB", "p1", 0.8), ("CC", "DD", "p1", 0.7), ("AA", "CC", "p1", -0.6),
                      ("BB", "DD", "p1", -0.5)],
                     indicators=[_cinc("AA", [(2003, 0.2), (2004, 0.3)]), _cinc("BB", [(2003, 0.1), (2004, 0.1)]),
                                 _cinc("CC", [(2003, 0.2), (2004, 0.2)]), _cinc("DD", [(2003, 0.05)])])
    r = case_landscape(case, "p1")
    assert r.context["year"] == 2003  # the latest year in p1 (2000-2004) with a score for every actor
    assert r.context["missing_relations"] == ["AA-DD", "BB-CC"]
    assert r.minima[0].blocs == (("AA", "BB"), ("CC", "DD")) and r.minima[0].is_global
    assert case_landscape(case, "p1", actors=["AA", "BB", "CC"], year=2004).sizes == (0.3, 0.1, 0.2)
    with pytest.raises(ModelInputError, match="cinc_dd has no value for 2004"):
        case_landscape(case, "p1", year=2004)
    with pytest.raises(ModelInputError, match="at least three actors"):
        case_landscape(case, "p1", actors=["AA", "BB"])
    with pytest.raises(ModelInputError, match="not a period"):
        case_landscape(case, "p7")
