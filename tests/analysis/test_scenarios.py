"""Scenarios: shipped files load and run; malformed ones give clear errors."""

import json

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


def test_deep_copy_leaves_baseline(case):
    scen = load_scenario("ukraine_ceasefire")
    new, period, log = apply_scenario(case, scen)
    assert period == "since2025"
    assert case.relation("RUS", "UKR", period).value.value == -1.0
    assert new.relation("RUS", "UKR", period).value.value == -0.45
    assert new.relation("RUS", "USA", period).value.value == pytest.approx(
        case.relation("RUS", "USA", period).value.value + 0.25)


def test_ceasefire_weakens_tilt_but_not_veto(case):
    """Without the war Russia no longer buys North Korean arms: Pyongyang's tilt to Moscow weakens. Russia's
    veto stays, since it rests on its stance against sanctions, which the ceasefire does not change."""
    res = run_scenario(load_scenario("ukraine_ceasefire"), case=case, draws=20, seed=3)
    (pat,) = [d for d in res.differences if d["kind"] == "game" and d["item"] == "patrons"]
    before, after = pat["strategy_shares"]["PRK:lean_russia"]
    assert after < before - 0.2
    assert not [d for d in res.differences if d["kind"] == "game" and d["item"] == "unsc"]


def test_china_presses_keeps_prk_with_russia(case):
    """Cooler China-North Korea and Sino-Russian ties make pressing pay for Beijing; Pyongyang stays with Moscow."""
    res = run_scenario(load_scenario("china_presses"), case=case, draws=20, seed=3)
    base, scen = (r["games"]["patrons"]["strategy_frequency"] for r in (res.baseline, res.scenario))
    assert scen["CHN"]["press"] > base["CHN"]["press"] + 0.1
    assert scen["PRK"]["lean_russia"] >= base["PRK"]["lean_russia"]


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
    assert data["period"] == "since2025" and any(d["kind"] == "triangle" for d in data["differences"])
    out = r.invoke(app, ["scenario", "run", "nonesuch.yaml"])
    assert out.exit_code == 1 and "no such scenario" in out.stderr
