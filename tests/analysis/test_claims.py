"""Claim checks: every claim of the default case gets a verdict with its basis."""

import json

import pytest
from typer.testing import CliRunner

from equipoise.analysis.claims import evaluate_check, evaluate_claims
from equipoise.case import load_case
from equipoise.case.models import Check
from equipoise.cli import app


@pytest.fixture(scope="module")
def case():
    return load_case()


def test_every_claim_has_verdict(case):
    res = evaluate_claims(case, draws=30, seed=1)
    assert len(res.claims) == len(case.claims)
    assert all(c.verdict in ("supported", "contradicted", "undetermined") for c in res.claims)
    assert all(c.checks or c.verdict == "undetermined" for c in res.claims)


def test_lifeline_contradicted_by_trade(case):
    """Belo (2018) calls Russia North Korea's last lifeline; Russia-DPRK trade fell 2013 -> 2018."""
    res = evaluate_claims(case, draws=30, seed=1)
    c = next(c for c in res.claims if c.id == "russia_is_prk_lifeline")
    assert c.verdict == "contradicted"


def test_equilibrium_check(case):
    ok = evaluate_check(case, Check(kind="equilibrium", game="patrons", period="turn3", actor="PRK",
                                    strategy="balance"), draws=20, seed=1)
    bad = evaluate_check(case, Check(kind="equilibrium", game="patrons", period="turn3", actor="PRK",
                                     strategy="lean_china"), draws=20, seed=1)
    assert ok.verdict == "supported" and bad.verdict == "contradicted"


def test_relation_compare_probability(case):
    r = evaluate_check(case, Check(kind="relation_compare", dyad=("RUS", "PRK"), period="treaty2024", op=">",
                                   other_period="turn2"), draws=100, seed=1)
    assert r.verdict == "supported" and r.probability == 1.0
    r = evaluate_check(case, Check(kind="relation_compare", dyad=("RUS", "PRK"), period="treaty2024", op="<",
                                   value=0.0), draws=100, seed=1)
    assert r.verdict == "contradicted" and r.probability == 0.0


def test_unrunnable_check_is_undetermined(case):
    r = evaluate_check(case, Check(kind="relation_compare", dyad=("RUS", "IND"), period="soviet_late", op=">",
                                   value=0.0), draws=10, seed=1)
    assert r.verdict == "undetermined" and "cannot evaluate" in r.basis


def test_cli_json():
    out = CliRunner().invoke(app, ["claims", "--draws", "10", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert isinstance(data, list) and data
    assert set(data[0]) >= {"id", "text", "source", "verdict", "probability", "evidence"}
