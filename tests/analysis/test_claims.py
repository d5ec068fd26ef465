"""Claim checks: machinery on the invented toy case (hand-computed; the ``toy`` fixture of tests/conftest.py); the default case's structure is in test_claims_default.py."""

from equipoise.analysis.claims import evaluate_check
from equipoise.case.models import Check


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
