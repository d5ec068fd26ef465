"""What was knowable when: ``Case.as_of`` on the invented toy case (dates chosen so each rule can be
checked by hand) and ``--as-of`` on the commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.case.asof import availability, parse_as_of
from equipoise.case.models import FuzzyDate
from equipoise.cli import app
from equipoise.errors import CaseError

TOY = Path(__file__).resolve().parents[1] / "cases" / "toy.yaml"


def test_parse_as_of_means_by_the_end():
    assert parse_as_of("2021") == dt.date(2021, 12, 31)
    assert parse_as_of("2020-02") == dt.date(2020, 2, 29)
    assert parse_as_of(dt.date(2019, 5, 1)) == dt.date(2019, 5, 1)
    with pytest.raises(CaseError, match="--as-of"):
        parse_as_of("2021-13")


def test_cut_at_end_of_2004(toy):
    """memo2004 is dated 2004-06-01 and the early period ends 2004-12-31: early values are known then,
    nothing from memo2012 (2012-03-15) or the later periods is."""
    c = toy.as_of("2004-12-31")
    assert [p.id for p in c.periods] == ["early"]
    assert [e.id for e in c.events] == ["e1"]
    assert {(r.dyad, r.period) for r in c.relations} == {(("AAA", "BBB"), "early"), (("AAA", "CCC"), "early")}
    assert [p.year for p in c.indicator("trade_ab").points] == [2003]
    assert [(s.actor, s.period) for s in c.issue("embargo").stances] == [("AAA", "early"), ("BBB", "early")]
    assert [o.period for o in c.issue("embargo").outcomes] == ["early"]
    assert c.claims == []  # both claims come from memo2012
    assert c.game("talks").periods == ["early"] and set(c.game("talks").expectations) == {"early"}
    assert c._as_of.dropped["relations"] == 2 and c._as_of.dropped["periods"] == 2
    assert len(toy.relations) == 4  # the original is untouched


def test_a_period_summary_is_not_known_before_the_period_ends(toy):
    c = toy.as_of("2004-06-30")  # memo2004 is out, but the early period is not over
    assert c.relations == [] and [e.id for e in c.events] == ["e1"]


def test_evidence_rule_waits_for_publication_event_rule_does_not(toy):
    """The 2012 trade point cites 'stats', published 2013: knowable from 2013 under the evidence rule,
    from the end of 2012 under the event rule."""
    point = toy.indicator("trade_ab").points[2]
    assert availability(toy, "points", point) == dt.date(2013, 12, 31)
    assert availability(toy, "points", point, rule="event") == dt.date(2012, 12, 31)
    assert [p.year for p in toy.as_of("2012", rule="event").indicator("trade_ab").points] == [2003, 2011, 2012]
    assert [p.year for p in toy.as_of("2012").indicator("trade_ab").points] == [2003, 2011]


def test_known_overrides_the_evidence(toy):
    c = toy.model_copy(deep=True)
    late = next(r for r in c.relations if r.dyad == ("AAA", "BBB") and r.period == "late")
    late.known = FuzzyDate.parse("2010-06")
    assert availability(c, "relations", late) == dt.date(2010, 6, 30)
    assert late in c.as_of("2010-12-31").relations


def test_unknown_rule_is_an_error(toy):
    with pytest.raises(CaseError, match="rule"):
        toy.as_of("2010", rule="hindsight")


def test_cli_as_of():
    r = CliRunner().invoke(app, ["case", "show", str(TOY), "--as-of", "2004", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["periods"] == ["early"] and data["as_of"]["date"] == "2004-12-31"
    assert "as of 2004-12-31" in r.stderr
    r = CliRunner().invoke(app, ["claims", str(TOY), "--as-of", "2013", "--draws", "5", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {c["id"] for c in json.loads(r.stdout)} == {"drift", "refusal"}
    bad = CliRunner().invoke(app, ["game", str(TOY), "--as-of", "soon"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: --as-of:")
