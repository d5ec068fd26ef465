"""Veto-player model (Tsebelis 2002) on hand-computed cases; the UNSC harness's structure on the default case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.analysis.bargaining.veto import case_veto_forecast, veto_player_outcome, veto_players, winset
from equipoise.case import load_case
from equipoise.cli import app
from equipoise.errors import CaseError, ModelInputError

TOY = Path(__file__).resolve().parents[2] / "cases" / "toy.yaml"


def test_winset_by_hand():
    # A at 30 accepts [10, 50], B at 80 accepts [50, 110]: the status quo 50 lies between them, nothing else passes
    assert winset({"A": 30.0, "B": 80.0}, 50.0) == (50.0, 50.0)
    assert winset({"A": 70.0, "B": 80.0}, 50.0) == (50.0, 90.0)  # [50, 90] and [50, 110]
    assert winset({"A": 10.0, "B": 20.0}, 50.0) == (-10.0, 50.0)


def test_agenda_setter_waters_down_to_the_winset():
    """Both veto players want more than the status quo 50 (70 and 80): the proposer at 100 drafts 100, watered
    down to the winset's top 90 (= 2 x 70 - 50); adopted by both."""
    r = veto_player_outcome({"A": 70.0, "B": 80.0}, 50.0, proposer="P", proposer_ideal=100.0)
    assert r.adopted and r.draft == 90.0 and r.outcome == 90.0 and r.vetoes == ()
    assert r.votes == {"A": "yes", "B": "yes"}


def test_status_quo_in_the_core_is_stable_and_a_tabled_draft_is_vetoed():
    """Status quo 60 between A (30) and B = proposer (90): no change acceptable to both; B's draft is vetoed by A."""
    r = veto_player_outcome({"A": 30.0, "B": 90.0}, 60.0, proposer="B")
    assert not r.adopted and r.outcome == 60.0 and r.vetoes == ("A",) and r.votes == {"A": "veto", "B": "yes"}
    assert "vetoed by A" in r.summary()


def test_bilateral_without_agenda_setter():
    """Two parties at 40 and 100 with weights 1 and 3, status quo 20: aim 85 (weighted mean), winset [20, 60]
    (40 accepts up to 60): the outcome is 60."""
    r = veto_player_outcome({"A": 40.0, "B": 100.0}, 20.0, weights={"A": 1.0, "B": 3.0})
    assert r.aim == 85.0 and r.winset == (20.0, 60.0) and r.outcome == 60.0 and r.adopted


def test_mirror():
    a = veto_player_outcome({"A": 70.0, "B": 80.0}, 50.0, proposer="P", proposer_ideal=100.0)
    b = veto_player_outcome({"A": 30.0, "B": 20.0}, 50.0, proposer="P", proposer_ideal=0.0)
    assert a.outcome == 100 - b.outcome


def test_case_forecast_reads_decided_by_and_members():
    toy = load_case(TOY).model_copy(deep=True)
    iss = toy.issue("embargo")
    iss.decided_by, iss.proposer = ["AAA", "BBB"], "BBB"
    assert veto_players(toy, iss) == ["AAA", "BBB"]
    # late stances: AAA 10, BBB 90; status quo 50 lies between: BBB's draft is vetoed by AAA
    r = case_veto_forecast(toy, "embargo", "late", 50.0)
    assert r.vetoes == ("AAA",) and r.outcome == 50.0
    iss.decided_by = ["XXX"]
    with pytest.raises(CaseError, match="decided_by: 'XXX' is not an actor"):
        case_veto_forecast(toy, "embargo", "late", 50.0)
    iss.decided_by = []
    with pytest.raises(ModelInputError, match="declares no decided_by"):
        case_veto_forecast(toy, "embargo", "late", 50.0)


def test_unsc_harness_structure():
    """Structure only: every recorded vote gets a row; how many the model gets right is reported, not asserted."""
    out = CliRunner().invoke(app, ["evaluate", "unsc", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    c = data["counts"]
    assert c["votes"] == len(data["rows"]) == 11 and 0 <= c["result_right"] <= c["evaluable"] <= c["votes"]
    assert all(r["predicted"] in (None, "adopted", "vetoed", "no draft") for r in data["rows"])
