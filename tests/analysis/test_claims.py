"""Claim checks: machinery on the invented toy case (hand-computed), structure on the default case."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.analysis.claims import evaluate_check, evaluate_claims
from equipoise.case import load_case
from equipoise.case.models import Check
from equipoise.cli import app

TOY = Path(__file__).resolve().parents[1] / "cases" / "toy.yaml"


@pytest.fixture(scope="module")
def toy():
    return load_case(TOY)


def test_every_claim_of_the_default_case_has_a_verdict():
    """Structure only: which verdict each claim gets is reported, never asserted."""
    case = load_case()
    res = evaluate_claims(case, draws=30, seed=1)
    assert len(res.claims) == len(case.claims)
    assert all(c.verdict in ("supported", "contradicted", "undetermined") for c in res.claims)
    assert all(c.checks or c.verdict == "undetermined" for c in res.claims)
    assert all(c.probability is None or 0.0 <= c.probability <= 1.0 for c in res.claims)


def test_equilibrium_check(toy):
    """Late years: refusing dominates (toy.yaml header), so BBB refuses in every draw."""
    ok = evaluate_check(toy, Check(kind="equilibrium", game="talks", period="late", actor="BBB",
                                   strategy="refuse"), draws=20, seed=1)
    bad = evaluate_check(toy, Check(kind="equilibrium", game="talks", period="late", actor="BBB",
                                    strategy="talk"), draws=20, seed=1)
    assert ok.verdict == "supported" and bad.verdict == "contradicted"


def test_relation_compare_probability(toy):
    """Late [-0.8, -0.3] lies wholly below early [0.4, 0.8]: probability 1 (and 0 for the reverse)."""
    r = evaluate_check(toy, Check(kind="relation_compare", dyad=("AAA", "BBB"), period="late", op="<",
                                  other_period="early"), draws=100, seed=1)
    assert r.verdict == "supported" and r.probability == 1.0
    r = evaluate_check(toy, Check(kind="relation_compare", dyad=("AAA", "BBB"), period="late", op=">",
                                  value=0.0), draws=100, seed=1)
    assert r.verdict == "contradicted" and r.probability == 0.0


def test_unrunnable_check_is_undetermined(toy):
    r = evaluate_check(toy, Check(kind="relation_compare", dyad=("BBB", "CCC"), period="early", op=">",
                                  value=0.0), draws=10, seed=1)
    assert r.verdict == "undetermined" and "cannot evaluate" in r.basis


def test_cli_json():
    out = CliRunner().invoke(app, ["claims", "--draws", "10", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert isinstance(data, list) and data
    assert set(data[0]) >= {"id", "text", "source", "verdict", "probability", "evidence"}
