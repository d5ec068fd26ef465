"""Scenarios: shipped files load and run; malformed ones give clear errors."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.analysis.scenarios import apply_scenario, load_scenario, run_scenario, shipped_scenarios
from equipoise.case import load_case
from equipoise.cli import app
from equipoise.errors import CaseError


@pytest.fixture(scope="module")
def case():
    return load_case()


def test_four_shipped():
    names = {s.name for _, s in shipped_scenarios()}
    assert names == {"ukraine_ceasefire", "us_opening", "china_presses", "gas_pipeline"}


TOY = Path(__file__).resolve().parents[1] / "cases" / "toy.yaml"
RECONCILE = ("name: reconcile\ntitle: Reconcile\ndate: 2010\nchanges:\n"
             "  - {action: set, what: relation, actors: [AAA, BBB], value: {value: 0.7, range: [0.6, 0.8]}}\n")


def test_deep_copy_leaves_baseline(case):
    scen = load_scenario("ukraine_ceasefire")
    before = case.model_dump()
    new, period, log = apply_scenario(case, scen)
    assert case.model_dump() == before and new is not case
    assert period in {p.id for p in case.periods} and len(log) == len(scen.changes)


def test_reconciliation_turns_refusal_into_talks(tmp_path):
    """Toy case, late years: with r = 0.7 the talks game is a stag hunt whose risk-dominant equilibrium is
    (talk, talk) (0.7 x 0.7 > 0.5 x 0.5, see tests/cases/toy.yaml); at the baseline r = -0.6 both refuse."""
    toy = load_case(TOY)
    res = run_scenario(load_scenario(_write(tmp_path, RECONCILE)), case=toy, draws=20, seed=3)
    assert res.period == "late"
    (game,) = [d for d in res.differences if d["kind"] == "game" and d["item"] == "talks"]
    assert game["baseline"] == "refuse/refuse" and game["scenario"] == "talk/talk"
    before, after = game["strategy_shares"]["AAA:talk"]
    assert before == 0.0 and after == 1.0


def test_shipped_scenarios_run_on_the_default_case(case):
    """Structure only: what each shipped scenario changes is the case's business, not the test's."""
    for _, scen in shipped_scenarios()[:1]:
        res = run_scenario(scen, case=case, draws=5, seed=3)
        assert res.period and json.dumps(res.to_dict())
        assert all(d["kind"] in ("game", "triangle", "balance", "forecast") for d in res.differences)


def _write(tmp_path, text):
    p = tmp_path / "s.yaml"
    p.write_text(text)
    return p


def test_date_outside_case(tmp_path, case):
    p = _write(tmp_path, "name: x\ntitle: X\ndate: 1900-01\nchanges:\n  - {action: shift, what: relation, actors: [RUS, PRK], by: 0.1}\n")
    with pytest.raises(CaseError, match="outside the case's periods"):
        apply_scenario(case, load_scenario(p))


def test_unknown_actor_names_line(tmp_path, case):
    p = _write(tmp_path, "name: x\ntitle: X\ndate: 2023\nchanges:\n  - {action: shift, what: relation, actors: [RUS, XXX], by: 0.1}\n")
    with pytest.raises(CaseError) as err:
        apply_scenario(case, load_scenario(p))
    assert "unknown actor 'XXX'" in str(err.value) and "s.yaml:5" in str(err.value)


def test_schema_errors(tmp_path):
    p = _write(tmp_path, "name: x\ntitle: X\ndate: 2023\nchanges:\n  - {action: set, what: relation, actors: [RUS, PRK]}\n")
    with pytest.raises(CaseError, match="needs value"):
        load_scenario(p)


def test_cli_list_and_run_json():
    r = CliRunner()
    out = r.invoke(app, ["scenario", "list", "--format", "json"])
    assert out.exit_code == 0 and len(json.loads(out.stdout)) == 4
    out = r.invoke(app, ["scenario", "run", "gas_pipeline", "--draws", "5", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["period"] and isinstance(data["differences"], list)  # which differences: the case's business
    out = r.invoke(app, ["scenario", "run", "nonesuch.yaml"])
    assert out.exit_code == 1 and "no such scenario" in out.stderr
