"""Hedging index of an actor between two patrons."""

from __future__ import annotations

import json

import numpy as np
import pytest

from equipoise.analysis.structure import hedging_index, hedging_ratio
from equipoise.errors import ModelInputError


def test_hedging_ratio_values():
    assert float(hedging_ratio(0.5, 0.5)) == 1.0
    assert float(hedging_ratio(0.6, 0.2)) == pytest.approx(0.5)  # 2 * 0.2 / 0.8
    assert float(hedging_ratio(0.6, -0.4)) == 0.0  # hostility is no tie
    assert np.isnan(hedging_ratio(-0.1, 0.0))
    assert np.allclose(hedging_ratio(np.array([0.2, 0.9]), np.array([0.2, 0.3])), [1.0, 0.5])


def _trade(code, series, points):
    return {"id": f"trade_{code.lower()}_prk_total_{series}", "name": "trade", "unit": "USD million",
            "actors": [code, "PRK"], "series": series,
            "points": [{"year": y, "value": v, "source": "x"} for y, v in points]}


def test_case_hedging(make_case):
    case = make_case([("PRK", "RUS", "p1", 0.6), ("PRK", "CHN", "p1", 0.2, 0.1, 0.3),
                      ("PRK", "RUS", "p2", 0.4), ("PRK", "CHN", "p2", 0.4)],
                     actors=["CHN", "PRK", "RUS"],
                     indicators=[_trade("RUS", "customs", [(2003, 10.0), (2006, 30)]),
                                 _trade("CHN", "customs", [(2003, 90.0)]), _trade("CHN", "other", [(2006, 50)])])
    r = hedging_index(case, "PRK", ("RUS", "CHN"), seed=1)
    p1, p2 = r.periods
    assert p1.index == pytest.approx(0.5) and p1.lean == pytest.approx(0.5)
    assert 0.3 < p1.low < p1.index < p1.high < 0.7
    assert p1.trade_index == pytest.approx(2 * 10 / 100) and p1.trade["series"] == "customs"
    assert p2.index == 1.0 and p2.lean == 0.0
    assert p2.trade_index is None  # 2006 values are of different series: never joined
    one = hedging_index(case, "PRK", ("RUS", "CHN"), "p1", seed=1)
    assert one.periods[0] == p1  # a period's interval does not depend on which periods ran
    assert json.dumps(r.to_dict()) == json.dumps(hedging_index(case, "PRK", ("RUS", "CHN"), seed=1).to_dict())


def test_missing_relation_and_errors(make_case):
    case = make_case([("PRK", "RUS", "p1", 0.6)], actors=["CHN", "PRK", "RUS"])
    r = hedging_index(case, "PRK", ("RUS", "CHN"), "p1")
    assert r.periods[0].index is None and "no relation PRK-CHN" in r.periods[0].note
    with pytest.raises(ModelInputError, match="'USA' is not an actor"):
        hedging_index(case, "PRK", ("RUS", "USA"))
    with pytest.raises(ModelInputError, match="two different patrons"):
        hedging_index(case, "PRK", ("RUS", "RUS"))
    with pytest.raises(ModelInputError, match="own patron"):
        hedging_index(case, "PRK", ("PRK", "RUS"))
    with pytest.raises(ModelInputError, match="not a period"):
        hedging_index(case, "PRK", ("RUS", "CHN"), "p5")
