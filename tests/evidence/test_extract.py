"""Actor, event and document extraction on sentences written for these tests."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.evidence.extract import extract_text
from equipoise.evidence.gazetteer import load_gazetteer


def codes(text, **kw):
    return [a.code for a in extract_text(text, **kw).sentences[0].actors]


@pytest.mark.parametrize("text, want", [
    ("Russian diplomats and North Korean officers met.", ["RUS", "PRK"]),
    ("Pyongyang and Beijing answered Washington.", ["PRK", "CHN", "USA"]),
    ("Seoul, Tokyo and the Kremlin disagreed in 2016.", ["KOR", "JPN", "RUS"]),
    ("The U.S. and the DPRK traded notes.", ["USA", "PRK"]),
    ("The Shanghai Cooperation Organization met; ASEAN did not.", ["SCO", "ASEAN"]),
    ("A Sino-Japanese quarrel began.", ["CHN", "JPN"]),
    ("Both Koreas sent teams.", ["PRK", "KOR"]),
    ("Ships crossed the Indian Ocean.", []),
    ("Lavrov called Tillerson in 2017.", ["RUS", "USA"]),
])
def test_actor_names(text, want):
    assert codes(text) == want


def test_leaders_resolve_by_date():
    s = extract_text("In 1999 Kim welcomed the delegation.").sentences[0]
    assert [(a.code, a.name) for a in s.actors] == [("PRK", "Kim Jong-il")]
    s = extract_text("In 2019 Kim welcomed the delegation.").sentences[0]
    assert [(a.code, a.name) for a in s.actors] == [("PRK", "Kim Jong-un")]


def test_moscow_is_the_soviet_union_before_1992():
    assert codes("In 1962 Moscow sent missiles.") == ["SUN"]
    assert codes("In 2002 Moscow sent envoys.") == ["RUS"]


def test_events_coded_with_cameo_and_negation_skipped():
    s = extract_text("In May 2019, Japan criticized China. Russia did not criticize Japan.").sentences
    ev = s[0].events[0]
    assert (ev.source, ev.target, ev.code, ev.goldstein, ev.quad, ev.date) == ("JPN", "CHN", "111", -2.0, 3, "2019-05")
    assert s[1].events == []
    assert extract_text("India would attack China.").sentences[0].events == []


def test_offsets_refer_to_the_original_with_unicode():
    text = "Intro line.\n\nIn July 2003, \u201cMoscow\u201d hosted Seoul\u2019s envoy \u2014 and $5\u00a0million moved."
    doc = extract_text(text, doc="t.txt")
    s = doc.sentences[1]
    assert s.paragraph == 1 and text[s.span[0]:s.span[1]] == s.text
    for m in [*s.actors, *s.dates, *s.quantities]:
        assert text[m.span[0]:m.span[1]] == m.text
    assert (s.quantities[0].value, s.quantities[0].unit) == (5e6, "USD")


def test_context_carries_previous_actors_and_paragraph_date():
    doc = extract_text("In 2004 Russia and China held drills. The drills were large.")
    s = doc.sentences[1]
    assert s.actors == [] and s.context_actors == ("CHN", "RUS") and s.context_date.start == "2004"


def test_reference_date_given_detected_or_latest():
    assert extract_text("They met last year.", doc_date=dt.date(2015, 1, 2)).sentences[0].dates[0].start == "2014"
    doc = extract_text("In March 2011 talks began. They met last year.")
    assert doc.reference == "latest-mentioned" and doc.sentences[1].dates[0].start == "2010"


def test_user_gazetteer_adds_names(tmp_path):
    extra = tmp_path / "more.yaml"
    extra.write_text("actors:\n  - {code: MNG, name: Ulaanbaatar, kind: capital}\n"
                     "people:\n  - {name: Ivan Testov, aliases: [Testov], terms: [{code: KAZ, start: 2001-01-01}]}\n")
    gaz = load_gazetteer(extra)
    assert codes("Ulaanbaatar and Testov agreed in 2005.", gazetteer=gaz) == ["MNG", "KAZ"]


def test_bad_gazetteer_names_the_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {name: Nowhere}\n")
    from equipoise.errors import EvidenceError
    with pytest.raises(EvidenceError, match=r"bad.yaml: actors\[0\]: expected code"):
        load_gazetteer(bad)


def test_cli_extract_jsonl(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Filler without names.\n\nOn 2 June 2010 China praised Russia for $3bn in loans.", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 1
    r = rows[0]
    assert set(r) >= {"doc", "sentence", "span", "text", "actors", "dates", "quantities", "events"}
    assert (r["doc"], r["sentence"]) == ("a.txt", 1)
    assert r["dates"][0] == {"start": "2010-06-02", "end": None, "precision": "day", "text": "2 June 2010",
                             "span": [26, 37]}
    assert r["quantities"][0]["value"] == 3000000000 and r["quantities"][0]["unit"] == "USD"
    assert r["events"][0]["code"] == "051"


def test_cli_extract_bad_date_is_a_user_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Russia.", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", "--date", "June 2010", str(f)])
    assert res.exit_code == 1
    assert "Error: --date: expected YYYY-MM-DD, got 'June 2010'" in res.stderr


def _events(text, **kw):
    return [e for s in extract_text(text, **kw).sentences for e in s.events]


def test_event_is_not_dated_by_a_plan_or_a_vague_present():
    pub = dt.date(2022, 5, 18)
    ev = _events("Chile praised Peru for a canal to be finished by 2027.", doc_date=pub)
    assert ev and all(e.date == "2022-05-18" and e.date_basis != "clause" for e in ev)
    ev = _events("Chile recently praised Peru.", doc_date=pub)
    assert ev and all(e.date == "2022-05-18" for e in ev)
    ev = _events("In March, Chile praised Peru.", doc_date=pub)
    assert ev and all(e.date == "2022-03" and e.date_basis == "clause" for e in ev)


def test_event_inherits_a_month_only_date_line_at_month_precision():
    r = extract_text(" date 2022-05 \n\nChile praised Peru on Friday.\n\nEcuador praised Bolivia.")
    assert r.reference == "detected" and r.params["reference_precision"] == "month"
    dates = [e.date for s in r.sentences for e in s.events]
    assert dates == ["2022-05", "2022-05"]


def test_quantities_keep_their_bounds_in_the_extraction():
    q = extract_text("Chile sent more than 3,000 troops to Peru.").sentences[0].quantities
    assert [(x.value, x.unit, x.low, x.qualifier) for x in q] == [(3000.0, "troops", 3000.0, "more than")]


def test_a_date_in_an_embedded_clause_does_not_date_the_main_verb():
    pub = dt.date(2022, 5, 18)  # a Wednesday
    ev = _events("Chile criticised Peru over drills that began on Monday.", doc_date=pub)
    assert ev and all(e.date == "2022-05-18" for e in ev)  # the criticism is not dated by the drills
    ev = _events("Chile criticised Peru on Monday over its drills.", doc_date=pub)
    assert ev and all(e.date == "2022-05-16" for e in ev)
