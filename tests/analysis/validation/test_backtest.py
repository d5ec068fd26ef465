"""Rolling-origin backtest on the invented toy case, each number computed by hand from tests/cases/toy.yaml;
on the default case, structure only (its scores are reported by the benchmark, not asserted)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import scoringrules as sr
from typer.testing import CliRunner

from equipoise.analysis.validation import backtest, brier, crps, log_score, skill
from equipoise.cli import app
from equipoise.errors import CaseError

TOY = Path(__file__).resolve().parents[2] / "cases" / "toy.yaml"


@pytest.fixture(scope="module")
def res(toy):
    return backtest(toy, draws=20, seed=1)


def _row(res, kind, item, method, origin="middle"):
    (r,) = [f for f in res.forecasts if f.kind == kind and f.item == item and f.method == method and f.origin == origin]
    return r


def test_scores_by_hand():
    assert brier(True, 0.9) == pytest.approx(0.01)
    assert brier(False, 0.9) == pytest.approx(0.81)
    assert log_score(True, 0.5) == pytest.approx(math.log(2))
    assert log_score(True, 0.0) == pytest.approx(-math.log(0.01))  # clipped: one miss is not infinite
    assert crps(1.0, 0.4) == pytest.approx(0.6)  # a point forecast: CRPS = absolute error
    # CRPS of N(0, 1) at its mean: sigma * (2 phi(0) - 1/sqrt(pi)) = 0.2337 (Gneiting & Raftery 2007, eq. 21)
    assert crps(0.0, 0.0, sigma=1.0) == pytest.approx(2 / math.sqrt(2 * math.pi) - 1 / math.sqrt(math.pi))
    assert crps(0.5, 0.0, samples=[0.0, 1.0]) == pytest.approx(float(sr.crps_ensemble(0.5, [0.0, 1.0])))
    assert skill(0.5, 1.0) == 0.5 and skill(1.0, 0.0) is None


def test_origins_are_period_boundaries(res):
    assert res.origins == (("early", "middle"), ("middle", "late"))


def test_relations_by_hand(res):
    """Frozen at the end of 2009 the case knows only the early values: AAA-BBB 0.6 (late: -0.6), AAA-CCC 0.2
    (late: 0.3). One value per dyad: trend and climatology equal persistence."""
    assert _row(res, "relations", "AAA-BBB", "persistence").abs_error == pytest.approx(1.2)
    assert _row(res, "relations", "AAA-CCC", "persistence").abs_error == pytest.approx(0.1)
    assert _row(res, "relations", "AAA-BBB", "trend").forecast == pytest.approx(0.6)
    assert _row(res, "relations", "AAA-BBB", "constant 0").abs_error == pytest.approx(0.6)
    # too few one-step errors in sample: the spread falls back to 0.3
    assert _row(res, "relations", "AAA-BBB", "persistence").crps == pytest.approx(
        float(sr.crps_normal(-0.6, 0.6, 0.3)))
    rel = {e["method"]: e for e in res.table() if e["kind"] == "relations"}
    assert rel["constant 0"]["skill_vs_reference"] == pytest.approx(
        1 - (sr.crps_normal(-0.6, 0.0, 0.3) + sr.crps_normal(0.3, 0.0, 0.3)) /
        (sr.crps_normal(-0.6, 0.6, 0.3) + sr.crps_normal(0.3, 0.2, 0.3)))


def test_bargaining_by_hand(res):
    """Late outcome 70; the early stances carried forward (20 and 80, equal weights) give compromise 50;
    persistence is the early outcome 50; the constant is 50: all miss by 20."""
    for m in ("compromise", "persistence", "climatology", "constant 50"):
        assert _row(res, "bargaining", "embargo", m).abs_error == pytest.approx(20.0), m


def test_games_by_hand(res):
    """The record shows AAA talking early and late: persistence puts 0.9 on talk (Brier 0.01), uniform 0.5
    (Brier 0.25); the game, solved on the early relation carried forward, is a stag hunt."""
    assert _row(res, "games", "talks:AAA", "persistence").brier == pytest.approx(0.01)
    assert _row(res, "games", "talks:AAA", "uniform").brier == pytest.approx(0.25)
    assert 0.0 <= _row(res, "games", "talks:AAA", "model (logit QRE)").forecast <= 1.0


def test_claims_scored_against_the_whole_case(res):
    rows = [f for f in res.forecasts if f.kind == "claims"]
    assert {f.item for f in rows} == {"drift", "refusal"}
    assert all(f.brier == pytest.approx(0.25) for f in rows if f.method == "constant 1/2")


def test_no_later_information_leaks(toy):
    """Recoding the late values cannot change what was forecast from the middle-period origin."""
    other = toy.model_copy(deep=True)
    for r in other.relations:
        if r.period == "late":
            r.value.value, r.value.low, r.value.high = 0.9, 0.9, 0.9
    a = backtest(toy, draws=10, seed=2, kinds=("relations", "games"))
    b = backtest(other, draws=10, seed=2, kinds=("relations", "games"))
    assert [f.forecast for f in a.forecasts] == [f.forecast for f in b.forecasts]


def test_honest_message_when_a_model_loses(res):
    assert any("does not beat" in v for v in res.verdicts())


def test_result_objects(res):
    df = res.to_frame()
    assert len(df) == len(res.forecasts) and {"kind", "method", "crps", "brier"} <= set(df.columns)
    assert json.loads(json.dumps(res.to_dict()))["origins"][0] == {"origin": "early", "target": "middle"}
    assert "Backtest of toy" in res.summary()


def test_seeded(toy):
    assert backtest(toy, draws=10, seed=3).to_dict() == backtest(toy, draws=10, seed=3).to_dict()


def test_bad_origin(toy):
    with pytest.raises(CaseError, match="--origins: unknown period 'nonesuch'"):
        backtest(toy, origins=["nonesuch"])


def test_cli_on_default_case_runs():
    """Structure only: every part runs on the default case and prints models beside baselines."""
    out = CliRunner().invoke(app, ["backtest", "--draws", "2", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    methods = {(e["kind"], e["method"]) for e in data["table"]}
    assert ("relations", "persistence") in methods and ("bargaining", "constant 50") in methods
    out = CliRunner().invoke(app, ["backtest", "--origins", "nonesuch"])
    assert out.exit_code == 1 and out.stderr.startswith("Error: --origins")


def test_cli_evaluate_case_json():
    out = CliRunner().invoke(app, ["evaluate", "case", str(TOY), "--draws", "5", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert {c["id"] for c in data["claims"]} == {"drift", "refusal"} and data["expectations"]
