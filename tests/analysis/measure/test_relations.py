"""Judged vs measured on a small invented case, every number worked by hand.

Period value: n-weighted mean of the yearly points whose 1 July lies in the period;
scaled = tanh(z) over the case's dyad-periods; Spearman (1904) rank correlation.
"""

import json
import math

import pytest
from typer.testing import CliRunner

from equipoise.analysis.measure.relations import compare_relations, period_years
from equipoise.case import load_case
from equipoise.cli import app

# with the header and actors AAA, BBB, CCC of the `judged_case` fixture (tests/conftest.py)
SECTIONS = """
sources:
  - {id: note, title: A made-up note, paragraphs: 5}
  - {id: votes, title: Made-up votes, kind: dataset}
periods:
  - {id: p1, name: One, start: 2000-01-01, end: 2001-12-31}
  - {id: p2, name: Two, start: 2002-01-01}
events:
  - {id: e1, date: 2000-05-04, source: [AAA], target: [BBB], code: "036", description: talks offered,
     evidence: [note:1:1]}
relations:
  - {actors: [AAA, BBB], period: p1, value: {value: 0.5, range: [0.3, 0.7]}}
  - {actors: [AAA, CCC], period: p1, value: {value: -0.5, range: [-0.7, -0.3]}}
  - {actors: [BBB, CCC], period: p1, value: {value: 0.0, range: [-0.2, 0.2]}}
  - {actors: [AAA, BBB], period: p2, value: {value: 0.2, range: [0.0, 0.4]}}
"""
#: unga_kappa points (year, value, n) of the dyads AAA-BBB ("AB"), ... (see the `judged_case` fixture)
KAPPA = {"AB": [(2000, 0.6, 30), (2001, 0.3, 10), (2002, 0.1, 5)],
         "AC": [(2000, 0.1, 40)],
         "BC": [(2001, 0.2, 40)]}



@pytest.fixture
def case_file(judged_case):
    return judged_case(SECTIONS, KAPPA)


def test_period_years():
    import datetime as dt
    assert period_years(dt.date(1945, 8, 15), dt.date(1991, 12, 25))[-1] == 1991
    assert period_years(dt.date(1991, 12, 26), dt.date(1999, 12, 31))[0] == 1992


def test_compare_by_hand(case_file):
    res = compare_relations(load_case(case_file))
    rows = {(r.dyad, r.period): r for r in res.relations}
    ab1 = rows[(("AAA", "BBB"), "p1")].measured["unga_kappa"]
    # (0.6*30 + 0.3*10) / 40 = 0.525; range of yearly values; n = 40
    assert (ab1.value, ab1.low, ab1.high, ab1.n, ab1.years) == (pytest.approx(0.525), 0.3, 0.6, 40, (2000, 2001))
    # standardised over the four dyad-period values 0.525, 0.1, 0.2, 0.1 (population sd)
    vals = [0.525, 0.1, 0.2, 0.1]
    mean = sum(vals) / 4
    sd = math.sqrt(sum((v - mean) ** 2 for v in vals) / 4)
    assert ab1.scaled == pytest.approx(math.tanh((0.525 - mean) / sd))
    ab2 = rows[(("AAA", "BBB"), "p2")]
    # p2: one year, n=5 < 20 -> few observations; scaled tanh((0.1-mean)/sd) < -0.1 while judged +0.2 -> signs disagree
    assert ab2.measured["unga_kappa"].n == 5
    assert any("signs disagree" in f for f in ab2.flags) and any("few observations" in f for f in ab2.flags)
    # the case's own event: one cooperative event -> net cooperation 1, not independent
    ev = rows[(("AAA", "BBB"), "p1")].measured["case_events"]
    assert ev.value == 1.0 and ev.n == 1 and ev.independent is False
    assert res.n_measured == 4
    # p1: judged 0.5, -0.5, 0.0 vs measured 0.525, 0.1, 0.2: ranks agree exactly -> Spearman 1
    (p1,) = [a for a in res.agreement if a.period == "p1" and a.series == "unga_kappa"]
    assert (p1.spearman, p1.n_dyads) == (pytest.approx(1.0), 3)
    (p2,) = [a for a in res.agreement if a.period == "p2" and a.series == "unga_kappa"]
    assert (p2.spearman, p2.n_dyads) == (None, 1)  # fewer than 3 dyads: no correlation


def test_cli_relations_json_shape(case_file):
    r = CliRunner().invoke(app, ["measure", "relations", str(case_file), "--format", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    rel = d["relations"][0]
    assert set(rel) >= {"dyad", "period", "judged", "measured", "flags"}
    assert set(rel["judged"]) == {"value", "low", "high"}
    assert set(rel["measured"]["unga_kappa"]) >= {"value", "low", "high", "n"}
    assert set(d["agreement"][0]) == {"period", "series", "spearman", "n_dyads"}
    r = CliRunner().invoke(app, ["measure", "relations", str(case_file), "--period", "p9"])
    assert r.exit_code == 1 and "unknown period 'p9'" in r.stderr


def test_default_case_runs_and_measures_ten(tmp_path):
    """Structure only: the command runs on the default case and measures at least ten dyad-periods."""
    r = CliRunner().invoke(app, ["measure", "relations", "--format", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["n_measured_independently"] >= 10
    assert all(set(x["judged"]) == {"value", "low", "high"} for x in d["relations"])
