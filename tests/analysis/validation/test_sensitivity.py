"""Sensitivity and robustness labels on the invented toy case, each verified by hand (tests/cases/toy.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.analysis.validation.sensitivity import sensitivity
from equipoise.case.models import GameAlternative
from equipoise.cli import app
from equipoise.errors import CaseError

TOY = Path(__file__).resolve().parents[2] / "cases" / "toy.yaml"


@pytest.fixture(scope="module")
def res(toy):
    return sensitivity(toy, seed=1)


def _item(res, id_):
    (i,) = [i for i in res.items if i.id == id_]
    return i


def test_stag_hunt_selection_is_fragile_at_the_risk_dominance_threshold(res):
    """(talk, talk) risk-dominates iff r x r > 0.5 x 0.5, i.e. r > 0.5; the early relation's range [0.4, 0.8]
    crosses 0.5, so one input within its range flips the expectation: fragile, flipped at r <= 0.5."""
    i = _item(res, "talks@early")
    assert i.result == "met" and i.label == "fragile"
    assert i.flip["input"] == "relation AAA-BBB in early" and i.flip["value"] <= 0.5 + 1e-9
    assert i.influence[0]["input"] == "relation AAA-BBB in early"


def test_dominance_is_robust(res):
    """Late: 1 + r < 1 for every r in [-0.8, -0.3]: refusing dominates, the expectation fails whatever r is."""
    i = _item(res, "talks@late")
    assert i.result == "not met" and i.label == "robust" and i.flip is None and i.share_flipped == 0.0


def test_claim_with_disjoint_ranges_is_robust(res):
    i = _item(res, "drift")  # late [-0.8, -0.3] lies wholly below early [0.4, 0.8]
    assert i.result == "holds" and i.label == "robust" and i.inputs == 2


def test_forecast_without_uncertain_inputs(res):
    i = _item(res, "embargo@late (compromise)")
    assert i.inputs == 0 and i.label == "robust"


def test_declared_alternative_that_flips_makes_it_fragile(toy):
    """With talk/talk worth 0.2 + r instead of 1 + r, at r = 0.6 talking pays 0.8 < 1 against a talker: the
    early expectation fails under the alternative."""
    c = toy.model_copy(deep=True)
    c.game("talks").alternatives = [GameAlternative(id="cheap_talk", note="a made-up rejected form",
                                                    substitute={"1 + r": "0.2 + r"})]
    r = sensitivity(c, seed=1, kinds=("expectations",))
    (alt,) = _item(r, "talks@early").alternatives
    assert alt["id"] == "cheap_talk" and alt["flips"] and alt["result"] == "fails"
    assert _item(r, "talks@early").label == "fragile"
    c.game("talks").alternatives = [GameAlternative(id="typo", note="x", substitute={"no such text": "1"})]
    with pytest.raises(CaseError, match="alternatives.typo: no payoff expression contains"):
        sensitivity(c, seed=1, kinds=("expectations",))


def test_seeded_and_leaves_case_untouched(toy):
    before = toy.model_dump()
    a = sensitivity(toy, seed=4, kinds=("claims", "expectations")).to_dict()
    assert a == sensitivity(toy, seed=4, kinds=("claims", "expectations")).to_dict()
    assert toy.model_dump() == before


def test_cli_json():
    out = CliRunner().invoke(app, ["sensitivity", str(TOY), "--parts", "expectations", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["counts"] == {"robust": 1, "fragile": 1}
    bad = CliRunner().invoke(app, ["sensitivity", str(TOY), "--parts", "nonesuch"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: --parts")
