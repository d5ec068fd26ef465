"""Case format: data cut-off, stale items, judgements and dyad-specific period schemes.

Small hand-built cases; expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from equipoise.case import check_case
from equipoise.case.models import Case
from equipoise.case.validate import stale_items, unsupported_values
from equipoise.cli import app


def _case(**over) -> Case:
    data = {
        "case": {"id": "t", "title": "T", "cutoff": "2025-06-30"},
        "actors": [{"code": "AAA", "name": "A", "leaders": [
                       {"name": "Old", "role": "president", "start": "2010-01-01", "end": "2020-01-01"}]},
                   {"code": "BBB", "name": "B"}, {"code": "CCC", "name": "C"}],
        "periods": [{"id": "p1", "name": "P1", "start": "2010-01-01", "end": "2019-12-31"},
                    {"id": "p2", "name": "P2", "start": "2020-01-01"},
                    {"id": "y1", "name": "Y1", "sequence": "bc", "start": "2010-01-01", "end": "2012-12-31"},
                    {"id": "y2", "name": "Y2", "sequence": "bc", "start": "2013-01-01", "end": "2021-06-30"}],
        "relations": [{"actors": ["AAA", "BBB"], "period": "p1", "value": 0.5, "evidence": []},
                      {"actors": ["BBB", "CCC"], "period": "y1", "value": -0.5, "judgement": "hand-coded"},
                      {"actors": ["BBB", "CCC"], "period": "y2", "value": 0.25, "judgement": "hand-coded"}],
        "indicators": [{"id": "ind", "name": "I", "unit": "x", "actors": ["AAA"], "series": "s",
                        "points": [{"year": 2015, "value": 1, "source": "src"}]}],
        "sources": [{"id": "src", "title": "S"}],
    }
    data.update(over)
    return Case(**data)


def test_cutoff_parsed_and_optional():
    assert str(_case().case.cutoff_day) == "2025-06-30"
    assert _case(case={"id": "t", "title": "T"}).case.cutoff_day is None
    assert stale_items(_case(case={"id": "t", "title": "T"})) == []
    assert any("no data cut-off" in w.message for w in check_case(_case(case={"id": "t", "title": "T"})).warnings)


def test_stale_items_flag_each_kind():
    items = {(x["what"], x["kind"]) for x in stale_items(_case())}
    # p2 is open-ended: runs past the cut-off; sequence bc ends 2021-06-30, four years early;
    # nobody is president of AAA on the cut-off; the indicator ends 2015 (> 2 years early)
    assert items == {("period p2", "past_cutoff"), ("period y2", "ends_early"),
                     ("leader Old", "ends_early"), ("indicator ind", "ends_early")}
    warns = [w.message for w in check_case(_case()).warnings]
    assert sum(m.startswith("stale:") for m in warns) == 4


def test_judgement_replaces_evidence_and_share_is_counted():
    case = _case()
    assert unsupported_values(case) == (1, 3)  # only AAA-BBB has neither evidence nor judgement
    warns = [w.message for w in check_case(case).warnings]
    assert any("AAA-BBB p1 has no evidence (and no judgement)" in m for m in warns)
    assert not any("BBB-CCC" in m and "no evidence" in m for m in warns)
    assert any("1 of 3 relations and stances (33%)" in m for m in warns)


def test_relation_on_another_scheme_matched_by_largest_overlap():
    case = _case()
    # p1 = 2010-2019 overlaps y1 for 3 years and y2 for 7: y2's value
    assert case.relation("CCC", "BBB", "p1").period == "y2"
    # p2 = 2020-.. overlaps only y2
    assert case.relation("BBB", "CCC", "p2").value.value == 0.25
    # a relation coded on the main scheme is found from a bc period the same way
    assert case.relation("AAA", "BBB", "y1").period == "p1"
    # same-scheme periods are never substituted
    assert case.relation("AAA", "BBB", "p2") is None


def test_case_show_states_cutoff(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(json.dumps(_case().model_dump(mode="json", exclude_none=True)
                               | {"case": {"id": "t", "title": "T", "cutoff": "2025-06-30"}}), encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["case", "show", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["cutoff"] == "2025-06-30" and len(data["stale"]) == 4
    out = runner.invoke(app, ["case", "show", str(path)])
    assert "Data cut-off: 2025-06-30" in out.output


def test_definitional_checks_do_not_count_and_initiator_gives_direction():
    """A definitional check is shown but not counted; an event check with an initiator ignores events the
    other way round (hand-built case: one event A -> B of CAMEO 072)."""
    from equipoise.analysis.claims import evaluate_claim
    from equipoise.case.models import Claim

    case = _case(events=[{"id": "e1", "date": "2015-05", "source": ["AAA"], "target": ["BBB"], "code": "072",
                          "description": "A arms B", "evidence": []}])
    fwd = {"kind": "event_exists", "actors": ["AAA", "BBB"], "code": "072", "initiator": ["AAA"]}
    back = dict(fwd, initiator=["BBB"])
    r = evaluate_claim(case, Claim(id="c", text="t", source="src", checks=[fwd]), draws=5)
    assert r.verdict == "supported"
    r = evaluate_claim(case, Claim(id="c", text="t", source="src", checks=[back]), draws=5)
    assert r.verdict == "undetermined" and r.checks[0].numbers["events"] == []
    r = evaluate_claim(case, Claim(id="c", text="t", source="src", checks=[dict(fwd, definitional=True)]), draws=5)
    assert r.verdict == "undetermined" and r.checks[0].definitional and r.checks[0].basis.startswith("definitional")
    assert r.to_dict()["evidence"]["checks"][0]["definitional"] is True


def test_issue_not_applicable_before_it_arises():
    """A stance in a period that ends before the issue arose is an error; forecasts there say 'not applicable'."""
    import pytest

    from equipoise.analysis.bargaining.case import case_input
    from equipoise.errors import ModelInputError

    st = {"position": 10, "salience": 50, "capability": 1, "judgement": "hand-coded"}
    issue = {"id": "iss", "name": "I", "arises": "2020-06-01",
             "anchors": [{"value": 0, "label": "no"}, {"value": 100, "label": "yes"}],
             "stances": [dict(st, actor="AAA", period="p1"), dict(st, actor="BBB", period="p2"),
                         dict(st, actor="CCC", period="p2", position=90)]}
    case = _case(issues=[issue])
    assert not case.issue("iss").applies_in(case.period("p1")) and case.issue("iss").applies_in(case.period("p2"))
    errors = [e.message for e in check_case(case).errors]
    assert any("arose on 2020-06-01, after period 'p1' ends" in m for m in errors)
    with pytest.raises(ModelInputError, match="not applicable in period 'p1'"):
        case_input(case, "iss", "p1")
    assert case_input(case, "iss", "p2") is not None
