"""The default case's games: expectations from the documents, errors for malformed games."""

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.analysis.games.case import solve_case_game
from equipoise.case import load_case
from equipoise.cli import app
from equipoise.errors import CaseError


TOY = Path(__file__).resolve().parents[2] / "cases" / "toy.yaml"


@pytest.fixture(scope="module")
def case():
    """The invented toy case (tests/cases/toy.yaml): its stag hunt is solved by hand in the file's header."""
    return load_case(TOY)


def test_stag_hunt_equilibria_by_hand(case):
    """Stag hunt with r = 0.6: two pure equilibria and the mixed one at P(talk) = 0.5 / 1.1 = 5/11; the logit
    QRE's principal branch ends at the risk-dominant (talk, talk) (Harsanyi and Selten 1988; Turocy 2005,
    Games and Economic Behavior 51, 243-263)."""
    r = solve_case_game(case, "talks", "early", draws=0, seed=1)
    assert {e.key for e in r.point.pure} == {"talk/talk", "refuse/refuse"}
    (mixed,) = [e for e in r.point.equilibria if not e.pure]
    assert mixed.probabilities["AAA"]["talk"] == pytest.approx(5 / 11, abs=1e-6)
    assert r.selected == "talk/talk"
    late = solve_case_game(case, "talks", "late", draws=0, seed=1)
    assert [e.key for e in late.point.equilibria] == ["refuse/refuse"]  # 1 + r < 1: refusing dominates


def test_expectation_check_and_gap_by_hand(case):
    """Late: the record expects AAA to talk; against BBB's refusal talking pays 0 and refusing 0.5, so the gap
    is 0.5 at any r, and no value of r in its range closes it."""
    early = solve_case_game(case, "talks", "early", draws=0, seed=1)
    assert early.check.met is True and early.check.gaps == []
    late = solve_case_game(case, "talks", "late", draws=20, seed=1)
    assert late.check.met is False and late.check.share == 0.0
    (gap,) = late.check.gaps
    assert gap["actor"] == "AAA" and gap["gap"] == pytest.approx(0.5, abs=1e-6)
    assert gap["drivers"][0]["parameter"] == "r" and gap["drivers"][0]["closes"] is False
    assert late.check.explanation


def test_every_game_solves_in_every_period():
    """Structure on the default case: every game solves in each of its periods and selects an equilibrium
    (which one is the case's business, not the test's)."""
    from equipoise.analysis.games.case import game_periods, solve_case_games
    default = load_case()
    res = solve_case_games(default, draws=0)
    for g in default.games:
        solved = [r.period for r in res.results if r.game_id == g.id]
        failed = [f["period"] for f in res.failures + res.not_applicable if f["game"] == g.id]
        assert sorted(solved + failed) == sorted(game_periods(default, g))
    assert all(r.selected for r in res.results)
    # a game reading an issue is 'not applicable' (not solved, not failed) where the issue had not arisen
    for f in res.not_applicable:
        issues = {par.issue for par in default.game(f["game"]).parameters.values() if par.issue}
        assert any(not default.issue(i).applies_in(default.period(f["period"])) for i in issues)
    for r in res.results:
        if r.check is not None and r.check.met is False:
            assert all(g["gap"] > 0 for g in r.check.gaps)


def test_fallback_parameter_is_marked(case):
    r = solve_case_game(case, "talks", "middle", draws=0)
    assert r.parameters["r"].assumed and "no relation AAA-BBB" in r.parameters["r"].origin
    assert not solve_case_game(case, "talks", "late", draws=0).parameters["r"].assumed


def test_missing_reference_without_fallback_is_an_error(case):
    c = case.model_copy(deep=True)
    c._located = None
    c.game("talks").parameters["r"].fallback = None
    with pytest.raises(CaseError, match="no relation AAA-BBB in period 'middle'"):
        solve_case_game(c, "talks", "middle", draws=0)
    from equipoise.analysis.games.case import solve_case_games
    res = solve_case_games(c, game="talks", draws=0)  # all periods: missing ones are listed, not raised
    assert [f["period"] for f in res.failures] == ["middle"]


def test_monte_carlo_seeded(case):
    a = solve_case_game(case, "talks", "early", draws=20, seed=7).to_dict()
    b = solve_case_game(case, "talks", "early", draws=20, seed=7).to_dict()
    assert a == b
    assert sum(a["monte_carlo"]["selected_frequency"].values()) == pytest.approx(1.0)


def _with_game(case, **changes):
    c = case.model_copy(deep=True)
    c._located = None
    g = c.game("talks").model_copy(deep=True)
    for k, v in changes.items():
        setattr(g, k, v)
    g.id = "bad"
    c.games.append(g)
    return c


def test_division_by_zero(case):
    rows = copy.deepcopy(case.game("talks").payoffs)
    rows[0].payoffs[1] = "r / (r - r)"
    with pytest.raises(CaseError, match="division by zero"):
        solve_case_game(_with_game(case, payoffs=rows), "bad", "late", draws=0)


def test_unknown_parameter(case):
    rows = copy.deepcopy(case.game("talks").payoffs)
    rows[0].payoffs[1] = "nonesuch + 1"
    with pytest.raises(CaseError, match="unknown parameter"):
        solve_case_game(_with_game(case, payoffs=rows), "bad", "late", draws=0)


def test_missing_profile(case):
    rows = copy.deepcopy(case.game("talks").payoffs)[:-1]
    with pytest.raises(CaseError, match="no payoff row"):
        solve_case_game(_with_game(case, payoffs=rows), "bad", "late", draws=0)


def test_unknown_period_and_game(case):
    with pytest.raises(CaseError, match="unknown period"):
        solve_case_game(case, "talks", "1999", draws=0)
    with pytest.raises(CaseError, match="unknown game"):
        solve_case_game(case, "nonesuch", "late", draws=0)


def test_validate_flags_mismatched_strategies(tmp_path):
    p = tmp_path / "toy.yaml"
    p.write_text(TOY.read_text().replace("{profile: [talk, refuse], payoffs", "{profile: [talk, 'yes'], payoffs", 1))
    with pytest.raises(CaseError) as err:
        load_case(p)
    assert "'yes' is not a strategy of BBB" in str(err.value)
    assert "toy.yaml:" in str(err.value)


def test_validate_flags_bad_expectation(tmp_path):
    p = tmp_path / "toy.yaml"
    p.write_text(TOY.read_text().replace("strategies: {AAA: talk}", "strategies: {AAA: shrug}", 1))
    with pytest.raises(CaseError) as err:
        load_case(p)
    assert "'shrug' is not a strategy of AAA" in str(err.value) and "toy.yaml:" in str(err.value)


def test_cli_game_json():
    out = CliRunner().invoke(app, ["game", str(TOY), "--game", "talks", "--period", "late", "--draws", "5",
                                   "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    (g,) = data["games"]
    assert g["selected"] == "refuse/refuse" and g["monte_carlo"]["draws"] == 5
    assert g["expectation_check"]["met"] is False


def test_cli_game_default_case_runs():
    """Structure only: the default case's games run and print well-formed JSON."""
    out = CliRunner().invoke(app, ["game", "--draws", "2", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert all({"selected", "monte_carlo"} <= set(g) for g in json.loads(out.stdout)["games"])


def test_cli_game_unknown_period():
    out = CliRunner().invoke(app, ["game", "--period", "nonesuch"])
    assert out.exit_code == 1 and out.stderr.startswith("Error: ") and "unknown period" in out.stderr
