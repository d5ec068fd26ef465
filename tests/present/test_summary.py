"""The summary opening the report and the web overview (present/summary.py): generated from the
results, each paragraph linked to its section, labels used when present and "not assessed" otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from equipoise.case import load_case
from equipoise.present.summary import REPORT_LINKS, WEB_LINKS, cutoff, summarise, summary_html

SMALL = Path(__file__).parent / "cases" / "small.yaml"


@pytest.fixture(scope="module")
def small():
    return load_case(SMALL)


def _claims(**labels) -> dict:
    check = {"kind": "relation_compare", "verdict": "supported", "probability": 0.9, "basis": "x", **labels}
    return {"counts": {"supported": 1, "contradicted": 0, "undetermined": 0},
            "claims": [{"id": "c1", "text": "Alphaland and Betastan are friends.", "verdict": "supported",
                        "probability": 0.9, "evidence": {"locators": [], "checks": [check]}}]}


def test_cutoff_falls_back_to_the_latest_event_and_says_so(small):
    day, basis = cutoff(small)
    assert day == dt.date(2016, 12, 31)  # e3 is dated 2015/2016
    assert "latest event" in basis and "no cut-off" in basis
    if "cutoff" in type(small.case).model_fields:  # the case format declares a cut-off
        declared = small.model_copy(deep=True)
        from equipoise.case.models import FuzzyDate
        declared.case.cutoff = FuzzyDate.parse("2020-06")
        assert cutoff(declared) == (dt.date(2020, 6, 30), "declared in the case")


def test_summary_states_the_latest_period_and_links_every_paragraph(small):
    s = summarise(small, seed=1, claims=_claims())
    ids = [p["id"] for p in s["paragraphs"]]
    assert ids[:3] == ["state", "recent", "findings"]
    state = s["paragraphs"][0]["data"]
    assert state["period"]["id"] == "late"
    assert state["hostile"][0]["dyad"] == "Betastan–Gammaria" and state["hostile"][0]["value"] == -0.8
    recent = s["paragraphs"][1]["data"]
    assert recent["events"][0]["date"] == "2015/2016"  # latest first
    assert recent["moves"][0] == {"dyad": "Betastan–Gammaria", "from": -0.2, "to": -0.8,
                                  "delta": pytest.approx(-0.6)}
    html = str(summary_html(s))
    for p in s["paragraphs"]:
        assert f'href="{REPORT_LINKS[p["section"]]}"' in html
    assert 'href="/claims"' in str(summary_html(s, WEB_LINKS))
    assert "None" not in html and "{'" not in html


def test_labels_are_read_when_present_and_not_assessed_otherwise(small):
    bare = summarise(small, claims=_claims())["paragraphs"][2]["data"]["claims"][0]
    assert (bare["robustness"], bare["independence"]) == ("not assessed", "not assessed")
    labelled = summarise(small, claims=_claims(independence="independent"),
                         robustness={"items": [{"kind": "claim", "id": "c1", "label": "fragile"}]})
    c = labelled["paragraphs"][2]["data"]["claims"][0]
    assert (c["robustness"], c["independence"]) == ("fragile", "independent")
    circular = summarise(small, claims=_claims(independent=False))["paragraphs"][2]["data"]["claims"][0]
    assert circular["independence"] == "circular"
    assert "robustness: fragile; measurement: independent" in str(summary_html(labelled))
