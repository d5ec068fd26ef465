"""Honest probabilities: joint draws for claims, point estimates inside their intervals, no crash at the edge."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.analysis.bargaining import forecast, make_input
from equipoise.analysis.claims import evaluate_check, evaluate_claim
from equipoise.case import load_case
from equipoise.case.models import Case, Check, Claim

TOY = Path(__file__).resolve().parents[2] / "cases" / "toy.yaml"


def test_claim_probability_from_joint_draws():
    """'AAA-BBB early > 0.6' and '< 0.6' read the same relation (triangular 0.4/0.6/0.8): each holds in about
    half the draws, so a product says about 1/4; they never hold together, so the joint probability is 0."""
    toy = load_case(TOY)
    a = Check(kind="relation_compare", dyad=("AAA", "BBB"), period="early", op=">", value=0.6)
    b = Check(kind="relation_compare", dyad=("AAA", "BBB"), period="early", op="<", value=0.6)
    pa = evaluate_check(toy, a, draws=400, seed=1).probability
    pb = evaluate_check(toy, b, draws=400, seed=1).probability
    assert 0.35 < pa < 0.65 and 0.35 < pb < 0.65
    r = evaluate_claim(toy, Claim(id="both", text="Both at once.", source="memo2004", checks=[a, b]), draws=400, seed=1)
    assert r.probability == 0.0 and r.verdict == "contradicted"


def _hedging_case():
    rel = lambda a, b, v: {"actors": [a, b], "period": "p", "value": {"value": v, "range": [v - 0.2, v + 0.2]}}  # noqa: E731
    return Case.model_validate({
        "case": {"id": "h", "title": "h"}, "actors": [{"code": c, "name": c} for c in ("AAA", "PPP", "QQQ")],
        "periods": [{"id": "p", "name": "P", "start": "2000", "end": "2004"}],
        "relations": [rel("AAA", "PPP", 0.5), rel("AAA", "QQQ", 0.5), rel("PPP", "QQQ", 0.0)]})


def test_hedging_point_inside_its_interval_and_check_runs():
    """Equal ties to both patrons: the index is exactly 1, which random draws almost never reach; the interval
    must still hold it (before: 5-95% of draws ended below 1 and the claim check crashed with 'mode > right')."""
    from equipoise.analysis.structure.hedging import hedging_index
    case = _hedging_case()
    row = hedging_index(case, "AAA", ("PPP", "QQQ"), "p", draws=500, seed=1).periods[0]
    assert row.index == 1.0 and row.low <= row.index <= row.high
    r = evaluate_check(case, Check(kind="hedging", actor="AAA", patrons=("PPP", "QQQ"), period="p", range=(0.5, 1.0)),
                       draws=50, seed=1)
    assert r.probability is not None


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 100), st.integers(10, 90), st.integers(1, 50)), min_size=2, max_size=6),
       st.sampled_from(["compromise", "median", "expected-utility"]))
def test_forecast_point_inside_its_interval(rows, model):
    inp = make_input([f"A{k}" for k in range(len(rows))], [r[0] for r in rows], [r[1] for r in rows],
                     [r[2] for r in rows], position_range=[(max(0, r[0] - 20), min(100, r[0] + 20)) for r in rows])
    f = forecast(inp, model, draws=60, seed=2)
    lo, hi = f.interval
    assert lo <= f.forecast <= hi


def _tool():
    import importlib.util
    path = Path(__file__).resolve().parents[3] / "tools" / "build_indicators.py"
    spec = importlib.util.spec_from_file_location("build_indicators", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rounding_bounds_by_hand():
    """'ninefold' of a stated 34.4: 34.35/9.5 to 34.45/8.5; '-56%' of a stated 34: 33.5/0.445 to 34.5/0.435."""
    rb = _tool().rounding_bounds
    assert rb("34.4 / 9", 3.8) == pytest.approx((34.35 / 9.5, 34.45 / 8.5))
    assert rb("34 / (1 - 0.56)", 77.3) == pytest.approx((33.5 / 0.445, 34.5 / 0.435))
    assert rb("71.77 + 13.0", 84.77) == pytest.approx((84.715, 84.825))
