"""Case integration: forecasts per issue and period, retrodiction, the forecast CLI and the report section."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from equipoise.analysis.bargaining import forecast_case, forecast_case_issues, retrodiction
from equipoise.case.models import Case
from equipoise.cli import app
from equipoise.errors import CaseError, ModelInputError


def small_case() -> Case:
    def stance(actor, period, pos, sal, cap):
        return {"actor": actor, "period": period, "position": pos, "salience": sal, "capability": cap}

    return Case.model_validate({
        "case": {"id": "t", "title": "test"},
        "actors": [{"code": "RUS", "name": "Russia"}, {"code": "PRK", "name": "North Korea"},
                   {"code": "USA", "name": "United States"}],
        "periods": [{"id": "p1", "name": "One", "start": "2018", "end": "2019"},
                    {"id": "p2", "name": "Two", "start": "2020"}],
        "issues": [{
            "id": "enforce", "name": "Sanctions enforcement",
            "anchors": [{"value": 0, "label": "none"}, {"value": 100, "label": "full"}],
            "stances": [stance("RUS", "p1", {"value": 40, "range": [30, 50]}, 60, 30),
                        stance("PRK", "p1", 0, 100, 5),
                        stance("USA", "p1", 100, 90, {"value": 50, "range": [40, 60]}),
                        stance("RUS", "p2", 20, 60, 30), stance("USA", "p2", 90, 80, 50)],
            "outcomes": [{"period": "p1", "value": 45}],
        }],
    })


def test_forecast_case_and_errors():
    res = forecast_case(small_case(), "enforce", "p1", models=["compromise", "median"], draws=300, seed=3)
    w = [60 * 30, 100 * 5, 90 * 50]
    expected = (40 * w[0] + 0 * w[1] + 100 * w[2]) / sum(w)
    assert res.input.actors == ("PRK", "RUS", "USA")
    assert res.forecasts[0].forecast == pytest.approx(expected)
    assert res.errors()["compromise"] == pytest.approx(abs(expected - 45))
    lo, hi = res.forecasts[0].interval
    assert lo < expected < hi
    d = res.to_dict()
    assert d["seed"] == 3 and d["outcome"] == 45 and d["models"][0]["distribution"]["level"] == 0.8


def test_forecast_case_issues_and_retrodiction():
    case = small_case()
    all_ = forecast_case_issues(case)
    assert [(r.issue, r.period) for r in all_] == [("enforce", "p1"), ("enforce", "p2")]
    retro = retrodiction(case, models=["compromise", "nash"])
    assert [(r.period, r.model) for r in retro.rows] == [("p1", "compromise"), ("p1", "nash")]
    assert retro.rows[0].error == pytest.approx(abs(retro.rows[0].forecast - 45))


def test_forecast_case_bad_ids():
    case = small_case()
    with pytest.raises(CaseError, match="no issue 'trade'"):
        forecast_case(case, "trade", "p1")
    with pytest.raises(CaseError, match="no period 'p9'"):
        forecast_case_issues(case, period="p9")
    case.issues[0].stances = case.issues[0].stances[:1]
    with pytest.raises(ModelInputError, match="needs at least two actors"):
        forecast_case(case, "enforce", "p1")


def test_cli_forecast_file_json(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("actor,position,salience,capability\nA,0,50,1\nB,100,50,3\n")
    args = ["forecast", str(p), "--model", "compromise", "--model", "expected-utility", "--rounds", "3",
            "--draws", "20", "--seed", "7", "--format", "json"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    m = {x["model"]: x for x in data["results"][0]["models"]}
    assert m["compromise"]["forecast"] == 75.0 and data["seed"] == 7
    assert len(m["expected-utility"]["history"]["median"]) == 4 and "mean" in m["expected-utility"]["history"]
    assert CliRunner().invoke(app, args).stdout == r.stdout


def test_cli_forecast_errors(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("actor,position,salience,capability\nA,0,50,1\nB,150,50,3\n")
    r = CliRunner().invoke(app, ["forecast", str(p)])
    assert r.exit_code == 1 and "s.csv:3: position: B: expected [0, 100], got 150" in r.stderr
    r = CliRunner().invoke(app, ["forecast", str(p), "--model", "oracle"])
    assert r.exit_code == 1 and "unknown model 'oracle'" in r.stderr
    r = CliRunner().invoke(app, ["forecast", str(p), "--draws", "-1"])
    assert r.exit_code == 1 and "--draws" in r.stderr  # an out-of-range number is a user error (issue 17)


def test_report_section():
    from equipoise.present.sections.bargaining import build
    sec = build(small_case(), seed=1)
    assert sec.id == "bargaining" and "Retrodiction" in sec.html and "Sanctions enforcement" in sec.html
    assert "<script src" not in sec.html  # plotly.js is inlined once by the report, not per figure
    assert set(sec.data["retrodiction"]["mae"]) == {"compromise", "median", "nash", "expected-utility"}
    assert json.dumps(sec.data)


def test_default_case_forecasts():
    from equipoise.case import load_case
    case = load_case()
    with_stances = {(i.id, s.period) for i in case.issues for s in i.stances}
    results = forecast_case_issues(case, models=["compromise", "median"])
    expected = {(i, p) for i, p in with_stances if len(case.stances(i, p)) >= 2}
    assert {(r.issue, r.period) for r in results} == expected
    for r in results:
        lo, hi = r.input.position.min(), r.input.position.max()
        assert all(lo - 1e-9 <= f.forecast <= hi + 1e-9 for f in r.forecasts)
