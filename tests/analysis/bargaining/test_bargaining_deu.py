"""DEU backtest: published MAEs of the compromise and median models, bootstrap, CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from equipoise.analysis.bargaining import deu_backtest, deu_cross_validate, read_deu_tsv
from equipoise.analysis.bargaining.deu import DEU_MODELS, PRE_NICE_VOTES, DeuModel, bootstrap_mae, deu_model
from equipoise.cli import app

from shared_paths import DATA as SHARED  # noqa: E402
DEU = SHARED / "deu" / "deu_1996_2000.tsv"
needs_deu = pytest.mark.skipif(not DEU.exists(), reason="shared DEU data not present")
with open(Path(__file__).parent / "reference" / "deu_published.csv", encoding="utf-8") as fh:
    PUBLISHED = {r["model"]: float(r["mae"]) for r in csv.DictReader(l for l in fh if not l.startswith("#"))}


@pytest.fixture(scope="module")
def issues():
    return read_deu_tsv(DEU)


@needs_deu
def test_published_maes(issues):
    res = deu_backtest(issues, ["compromise", "median", "expected-utility"], n_boot=200, seed=1)
    got = {s.model: s for s in res.scores}
    for model, mae in PUBLISHED.items():
        assert got[model].mae == pytest.approx(mae, abs=0.05)
        assert got[model].low < got[model].mae < got[model].high
    assert {s.n for s in res.scores} == {172}  # issues with an outcome in this file
    # published reports put expected-utility models at about 28-31 on DEU
    assert 27.5 <= got["expected-utility"].mae <= 31.5


@needs_deu
def test_every_deu_model_runs(issues):
    res = deu_backtest(issues, list(DEU_MODELS), n_boot=50, seed=2)
    assert all(15 < s.mae < 40 for s in res.scores)


@needs_deu
def test_cross_validation_is_seeded(issues):
    a = deu_cross_validate(issues, ["compromise", "median", "nash"], folds=5, repeats=3, n_boot=100, seed=4)
    b = deu_cross_validate(issues, ["compromise", "median", "nash"], folds=5, repeats=3, n_boot=100, seed=4)
    assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())
    # the median never wins on a training fold: it is 4.7 points worse on the whole file
    assert "median" not in a.selected and sum(a.selected.values()) == 15


def test_bootstrap_groups():
    # two groups with MAEs 0 and 10: every resample is a mix of whole groups
    err = np.array([0.0, 0.0, 10.0, 10.0])
    lo, hi = bootstrap_mae(err, ["a", "a", "b", "b"], n_boot=500, rng=np.random.default_rng(0))
    assert lo == 0.0 and hi == 10.0


def test_council_votes_capability():
    from equipoise.analysis.bargaining.inputs import DeuIssue
    iss = DeuIssue("i", "p", "x", "CNS", "QMV", ("com", "ep", "de", "lu"), np.array([0., 0., 0., 100.]),
                   np.ones(4) * 50, np.ones(4), None, 50.0, 3)
    cap = deu_model("compromise-votes").capabilities(iss)
    assert cap[1] == 0  # Parliament only consulted
    assert cap[2] / cap[3] == pytest.approx(PRE_NICE_VOTES["de"] / PRE_NICE_VOTES["lu"])
    unan = DeuIssue("i", "p", "x", "COD", "Unan", iss.actors, iss.position, iss.salience, iss.gdp, None, 50.0, 3)
    np.testing.assert_allclose(DeuModel("m", None, "council-votes").capabilities(unan), [1, 1, 1, 1])


@needs_deu
def test_cli_evaluate_deu_json():
    r = CliRunner().invoke(app, ["evaluate", "deu", str(DEU), "--model", "compromise", "--model", "median",
                                 "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    got = {m["model"]: m for m in data["models"]}
    assert got["compromise"]["mae"] == pytest.approx(PUBLISHED["compromise"], abs=0.05)
    assert got["median"]["n"] == 172 and len(got["median"]["ci"]) == 2


def test_cli_evaluate_deu_errors(tmp_path):
    r = CliRunner().invoke(app, ["evaluate", "deu", str(tmp_path / "none.tsv")])
    assert r.exit_code == 1 and "none.tsv: no such file" in r.stderr
    bad = tmp_path / "d.tsv"
    bad.write_text("isnr\tproc\tcounvte\trp\tout\tpcom\tscom\n\n1\tCOD\tQMV\t0\t50\tten\t50\n")
    r = CliRunner().invoke(app, ["evaluate", "deu", str(bad), "--model", "compromise"])
    assert r.exit_code == 1 and "d.tsv:3: pcom: expected a number, got 'ten'" in r.stderr
    r = CliRunner().invoke(app, ["evaluate", "deu", str(bad), "--model", "oracle"])
    assert r.exit_code == 1 and "unknown model 'oracle'" in r.stderr
