"""Independence labels of claim checks and the measured_compare check kind, on a small invented case."""

import json

import pytest
from typer.testing import CliRunner

from equipoise.analysis.claims import check_inputs, evaluate_claims, independence_label
from equipoise.case import load_case
from equipoise.cli import app

# with the header and actors AAA, BBB, CCC of the `judged_case` fixture (tests/conftest.py)
SECTIONS = """
sources:
  - {id: art, title: The claim's article, paragraphs: 5}
  - {id: other, title: Another article, paragraphs: 5}
  - {id: votes, title: Made-up votes, kind: dataset}
periods:
  - {id: p1, name: One, start: 2000-01-01, end: 2001-12-31}
relations:
  - {actors: [AAA, BBB], period: p1, value: {value: 0.5, range: [0.3, 0.7]}, evidence: [art:1:1]}
  - {actors: [AAA, CCC], period: p1, value: {value: -0.5, range: [-0.7, -0.3]}, evidence: [other:1:1]}
  - {actors: [BBB, CCC], period: p1, value: {value: 0.0, range: [-0.2, 0.2]}, evidence: [art:2:1, other:2:1]}
claims:
  - id: ab_friends
    text: Alphaland and Betastan are friends.
    source: art
    evidence: [art:1:1]
    checks:
      - {kind: relation_compare, dyad: [AAA, BBB], period: p1, op: ">", value: 0}
      - {kind: measured_compare, series: unga_kappa, dyad: [AAA, BBB], period: p1, op: ">", value: 0}
  - id: ab_closer_than_ac
    text: Alphaland is closer to Betastan than to Gammaria.
    source: art
    evidence: [art:1:1]
    checks:
      - {kind: relation_compare, dyad: [AAA, BBB], period: p1, op: ">", other_dyad: [AAA, CCC]}
  - id: ac_cool
    text: Alphaland and Gammaria are cool.
    source: art
    evidence: [art:3:1]
    checks:
      - {kind: relation_compare, dyad: [AAA, CCC], period: p1, op: "<", value: 0}
      - {kind: measured_compare, series: unga_kappa, dyad: [AAA, CCC], period: p1, op: "<", value: 0.2}
"""
#: unga_kappa points (year, value, n) of the dyads AAA-BBB ("AB"), ... (see the `judged_case` fixture)
KAPPA = {"AB": [(2000, -0.2, 30)],
         "AC": [(2000, 0.1, 40)]}



@pytest.fixture
def case(judged_case):
    return judged_case(SECTIONS, KAPPA)


def test_labels(case):
    c = load_case(case)
    res = evaluate_claims(c, draws=50)
    by = {cl.id: cl for cl in res.claims}
    ab = by["ab_friends"]
    # the judged relation was coded from the claim's own article; the measured kappa from a data set
    assert [k.independence for k in ab.checks] == ["circular", "independent"]
    assert ab.checks[1].measured and not ab.checks[0].measured
    # the measure contradicts the analyst: kappa -0.2 is not > 0
    assert ab.checks[1].verdict == "contradicted" and ab.verdict == "contradicted"
    assert ab.measured_disagrees == (ab.checks[1],)
    # one input from the claim's source (AAA-BBB), one not (AAA-CCC): partly
    assert by["ab_closer_than_ac"].checks[0].independence == "partly"
    assert by["ab_closer_than_ac"].support == "circular"
    ac = by["ac_cool"]
    assert [k.independence for k in ac.checks] == ["independent", "independent"]
    assert ac.verdict == "supported" and ac.support == "independent"
    assert res.independence_counts["supported_independently"] == 1
    assert res.independence_counts["supported_only_circularly"] == 1
    assert "supported independently: 1; only circularly: 1" in res.counts_text()
    d = res.to_dict()
    assert d["claims"][0]["evidence"]["checks"][1]["independence"] == "independent"
    assert d["claims"][0]["evidence"]["checks"][0]["inputs"] == [{"input": "relation AAA-BBB in p1", "sources": ["art"]}]


def test_check_inputs_and_label():
    assert independence_label([("x", ("art",)), ("y", ("art", "other"))], "art") == "circular"
    assert independence_label([("x", ("art",)), ("y", ("other",))], "art") == "partly"
    assert independence_label([("x", ()), ("y", ("other",))], "art") == "independent"


def test_unknown_series_is_undetermined(judged_case):
    p = judged_case(SECTIONS.replace("series: unga_kappa, dyad: [AAA, BBB], period: p1, op: \">\", value: 0",
                                     "series: nope, dyad: [AAA, BBB], period: p1, op: \">\", value: 0"), KAPPA)
    res = evaluate_claims(load_case(p), draws=10)
    chk = res.claims[0].checks[1]
    assert chk.verdict == "undetermined" and "unknown measured series 'nope'" in chk.basis


def test_cli_claims_shows_labels(case):
    r = CliRunner().invoke(app, ["claims", str(case), "--draws", "20"])
    assert r.exit_code == 0, r.output
    assert "supported independently: 1; only circularly: 1" in " ".join(r.stdout.split())
    r = CliRunner().invoke(app, ["claims", str(case), "--draws", "20", "--format", "json"])
    checks = json.loads(r.stdout)[0]["evidence"]["checks"]
    assert [c["independence"] for c in checks] == ["circular", "independent"]
