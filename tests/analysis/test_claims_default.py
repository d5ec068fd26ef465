"""Claims on the default case: structure only (which verdict each claim gets is measured and reported, never asserted)."""

import json

from typer.testing import CliRunner

from equipoise.analysis.claims import evaluate_claims
from equipoise.case import load_case
from equipoise.cli import app


def test_every_claim_of_the_default_case_has_a_verdict():
    """Structure only: which verdict each claim gets is reported, never asserted."""
    case = load_case()
    res = evaluate_claims(case, draws=30, seed=1)
    assert len(res.claims) == len(case.claims)
    assert all(c.verdict in ("supported", "contradicted", "undetermined") for c in res.claims)
    assert all(c.checks or c.verdict == "undetermined" for c in res.claims)
    assert all(c.probability is None or 0.0 <= c.probability <= 1.0 for c in res.claims)


def test_cli_json():
    out = CliRunner().invoke(app, ["claims", "--draws", "10", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert isinstance(data, list) and data
    assert set(data[0]) >= {"id", "text", "source", "verdict", "probability", "evidence"}
