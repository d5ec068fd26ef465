"""Bargaining models: the published EU emission case (Scholz et al. 2011, Table 2) and invariants."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.analysis.bargaining import (Blend, Compromise, ExpectedUtility, NashBargaining, WeightedMedian,
                                           compromise_positions, forecast, make_input, nash_positions,
                                           simulate_expected_utility, weighted_median_positions)
from equipoise.analysis.bargaining.inputs import sample_inputs
from equipoise.errors import ModelInputError

REF = Path(__file__).parent / "reference"


def _read(name: str) -> list[dict]:
    with open(REF / name, encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


EMISSION = _read("emission_case.csv")
TABLE2 = _read("scholz2011_table2.csv")
TOL = 0.1  # the width of Table 2's last printed digit: wide enough for rounding, narrow enough to catch
# round 2 (9.61 here against the table's 9.9; documented in simulate_expected_utility's Notes)
KNOWN = {("median", 2)}  # strict xfail: if a fix makes it match, the test says so


def emission_input():
    return make_input([r["actor"] for r in EMISSION], [float(r["position"]) for r in EMISSION],
                      [float(r["salience"]) for r in EMISSION], [float(r["capability"]) for r in EMISSION],
                      name="emission")


class CheckEmission:
    """Compare the EU model's per-round weighted median and mean with Table 2."""

    probability = "all-pairs"

    @pytest.fixture(scope="class")
    def history(self):
        inp = emission_input()
        return simulate_expected_utility(inp.position[None], inp.salience[None], inp.capability[None], rounds=8,
                                         probability=self.probability)

    def test_start(self, history):
        assert history.median[0, 0] == pytest.approx(float(TABLE2[0]["median"]), abs=0.005)
        assert history.mean[0, 0] == pytest.approx(float(TABLE2[0]["mean"]), abs=0.005)


class TestEmissionTable2(CheckEmission):
    @pytest.mark.parametrize("what, row", [
        pytest.param(w, r, id=f"{w}-round{r['round']}",
                     marks=[pytest.mark.xfail(strict=True, reason="documented round-2 discrepancy")]
                     if (w, int(r["round"])) in KNOWN else [])
        for w in ("median", "mean") for r in TABLE2[1:]])
    def test_rounds(self, history, what, row):
        assert getattr(history, what)[0, int(row["round"])] == pytest.approx(float(row[what]), abs=TOL)

    def test_round2_gap_is_the_documented_one(self, history):
        assert history.median[0, 2] == pytest.approx(9.611, abs=0.001)


class TestEmissionDyadRule(CheckEmission):
    """The paper's literal per-dyad denominator does not reproduce Table 2 (the known trap)."""

    probability = "dyad"

    def test_does_not_match(self, history):
        ref = np.array([float(r["median"]) for r in TABLE2])
        assert np.abs(history.median[0] - ref).max() > TOL


def test_least_move_rule_does_not_match_table2():
    inp = emission_input()
    h = simulate_expected_utility(inp.position[None], inp.salience[None], inp.capability[None], rounds=8,
                                  offers="least-move")
    ref = np.array([float(r["median"]) for r in TABLE2])
    assert np.abs(h.median[0] - ref).max() > TOL


def test_draws_are_vectorised_exactly():
    """Running draws together gives the same rounds as running each alone."""
    inp = emission_input()
    rng = np.random.default_rng(3)
    x = inp.position + rng.uniform(-1, 1, (5, inp.n))
    together = simulate_expected_utility(x, np.tile(inp.salience, (5, 1)), np.tile(inp.capability, (5, 1)), rounds=8)
    for d in range(5):
        alone = simulate_expected_utility(x[d:d + 1], inp.salience[None], inp.capability[None], rounds=8)
        np.testing.assert_allclose(together.positions[d], alone.positions[0], atol=1e-12)


def test_emission_forecast_json_is_deterministic():
    inp = make_input([r["actor"] for r in EMISSION], [float(r["position"]) for r in EMISSION],
                     [float(r["salience"]) for r in EMISSION], [float(r["capability"]) for r in EMISSION],
                     position_range=[(float(r["position"]) - 1, float(r["position"]) + 1) for r in EMISSION])
    a = forecast(inp, "expected-utility", draws=200, seed=5).to_dict()
    b = forecast(inp, "expected-utility", draws=200, seed=5).to_dict()
    c = forecast(inp, "expected-utility", draws=200, seed=6).to_dict()
    assert json.dumps(a) == json.dumps(b)
    assert a["distribution"] != c["distribution"]
    assert a["seed"] == 5 and len(a["history"]["median"]) == 9 and len(a["history"]["positions"][0]) == 10
    assert a["distribution"]["low"] <= a["distribution"]["median"] <= a["distribution"]["high"]


def test_compromise_and_median_known_values():
    inp = emission_input()
    assert float(compromise_positions(inp.position, inp.salience, inp.capability)) == pytest.approx(500.3 / 67.7)
    assert float(weighted_median_positions(inp.position, inp.salience * inp.capability)) == 7.0


def test_nash_two_actors():
    x, s = np.array([[0.0, 100.0]]), np.array([[50.0, 50.0]])
    # symmetric: the midpoint, for either utility
    for u in ("linear", "quadratic"):
        assert nash_positions(x, s, np.array([[1.0, 1.0]]), utility=u)[0] == pytest.approx(50, abs=1e-6)
    # linear utilities, disagreement at the far end: maximise w1 log(100 - x) + w2 log(x) -> x = 100 w2
    assert nash_positions(x, s, np.array([[1.0, 3.0]]), utility="linear")[0] == pytest.approx(75, abs=1e-6)


def test_nash_reference_disagreement_keeps_status_quo_between_actors():
    x, s, c = np.array([[20.0, 80.0]]), np.array([[50.0, 50.0]]), np.array([[1.0, 1.0]])
    assert nash_positions(x, s, c, disagreement="reference", reference=50.0)[0] == pytest.approx(50)
    # status quo at 0: outcomes both prefer to 0 lie in [0, 40] within [20, 80]
    out = nash_positions(x, s, c, disagreement="reference", reference=0.0, utility="linear")[0]
    assert 20 <= out <= 40


def test_blend_is_weighted_average():
    inp = emission_input()
    args = (inp.position[None], inp.salience[None], inp.capability[None], inp)
    b = Blend((Compromise(), WeightedMedian()), (1.0, 3.0)).run(*args)[0][0]
    assert b == pytest.approx((Compromise().run(*args)[0][0] + 3 * 7.0) / 4)


positions = st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=8)


@settings(max_examples=40, deadline=None)
@given(positions, st.data())
def test_forecasts_stay_within_positions(xs, data):
    n = len(xs)
    sal = data.draw(st.lists(st.floats(1, 100), min_size=n, max_size=n))
    cap = data.draw(st.lists(st.floats(0.1, 10), min_size=n, max_size=n))
    inp = make_input([f"A{i}" for i in range(n)], xs, sal, cap)
    lo, hi = min(xs) - 1e-9, max(xs) + 1e-9
    for spec in (Compromise(), WeightedMedian(), NashBargaining(), NashBargaining(utility="linear"),
                 ExpectedUtility(rounds=4)):
        f = forecast(inp, spec).forecast
        assert lo <= f <= hi, spec


@settings(max_examples=25, deadline=None)
@given(positions, st.randoms(use_true_random=False))
def test_relabelling_actors_keeps_forecasts(xs, rnd):
    n = len(xs)
    sal = [10.0 + 10 * (i % 9) for i in range(n)]
    cap = [1.0 + i for i in range(n)]
    perm = list(range(n))
    rnd.shuffle(perm)
    a = make_input([f"A{i}" for i in range(n)], xs, sal, cap)
    b = make_input([f"A{i}" for i in perm], [xs[i] for i in perm], [sal[i] for i in perm], [cap[i] for i in perm])
    for m in ("compromise", "median", "nash"):
        assert forecast(a, m).forecast == pytest.approx(forecast(b, m).forecast, abs=1e-6)


def test_triangular_draws_stay_in_range():
    inp = make_input(["A", "B"], [30, 60], [50, 50], [1, 1], position_range=[(20, 50), (60, 60)])
    x, s, c = sample_inputs(inp, 2000, np.random.default_rng(1))
    assert x[:, 0].min() >= 20 and x[:, 0].max() <= 50 and np.all(x[:, 1] == 60)
    assert abs(np.mean(x[:, 0]) - (20 + 30 + 50) / 3) < 0.5  # triangular mean


def test_bad_model_options():
    inp = emission_input()
    with pytest.raises(ModelInputError, match="probability must be one of"):
        forecast(inp, ExpectedUtility(probability="pairs"))
    with pytest.raises(ModelInputError, match="unknown model 'bdm'"):
        forecast(inp, "bdm")
    with pytest.raises(ModelInputError, match="needs a reference point"):
        forecast(inp, NashBargaining(disagreement="reference"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 100), st.integers(1, 50)), min_size=2, max_size=7))
def test_expected_utility_mirrors(rows):
    """On a mirrored scale (x -> lo + hi - x) the expected-utility model gives the mirrored forecast,
    round by round (issue 14: the authors' offer rule depended on the scale's direction)."""
    x = np.array([[float(r[0]) * 5 for r in rows]])
    s = np.array([[float(r[1]) for r in rows]])
    c = np.array([[float(r[2]) for r in rows]])
    lo, hi = x.min(), x.max()
    a = simulate_expected_utility(x, s, c, rounds=6)
    b = simulate_expected_utility(lo + hi - x, s, c, rounds=6)
    np.testing.assert_allclose(a.positions, lo + hi - b.positions, atol=1e-6)
    np.testing.assert_allclose(a.median, lo + hi - b.median, atol=1e-6)


def test_emission_case_mirrors():
    inp = emission_input()
    lo, hi = inp.position.min(), inp.position.max()
    a = forecast(inp, "expected-utility").forecast
    b = forecast(make_input(list(inp.actors), lo + hi - inp.position, inp.salience, inp.capability),
                 "expected-utility").forecast
    assert a == pytest.approx(lo + hi - b, abs=1e-9)


def test_stopping_rule_is_stated():
    params = forecast(emission_input(), "expected-utility").params
    assert params["stopping"] == "fixed-rounds" and params["rounds"] == 8


def test_weighted_median_tie_rules():
    """Weights 1 and 1: an exact split. 'lower' takes 0, 'midpoint' 50 (and mirrors)."""
    x, w = np.array([0.0, 100.0]), np.array([1.0, 1.0])
    assert float(weighted_median_positions(x, w)) == 0.0
    assert float(weighted_median_positions(x, w, tie="midpoint")) == 50.0
    assert float(weighted_median_positions(np.array([0.0, 40.0, 100.0]), np.array([1.0, 1.0, 2.0]),
                                           tie="midpoint")) == 70.0
