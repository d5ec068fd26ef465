"""``evaluate events``: precision and recall of coded events against gold, on texts written for the test.

Expected figures are counted by hand from the small gold tables below.
"""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.errors import EvidenceError
from equipoise.evidence.evaluate import evaluate_events, read_gold_events, _date_agrees
from equipoise.evidence.extract import extract_text
from shared_paths import NEWS, missing

TEXT = ("Chile praised Peru on 3 March 2025.\n\n"
        "Ecuador condemned Bolivia on 4 March 2025.\n\n"
        "Ecuador and Peru signed a pact in April 2025.")
GOLD = """file,date,source,target,cameo_root,plover,quantity,description,cue
a.txt,2025-03-03,CHL,PER,05,SUPPORT,,praise,Chile praised Peru
a.txt,2025-03,ECU,BOL,11,ACCUSE,,condemnation,Ecuador condemned Bolivia
a.txt,2025-04,PER,ECU,05,AGREE,,pact,signed a pact
a.txt,2025,PER,CHL,12,REJECT,,not in the text,Chile praised Peru
"""


@pytest.fixture
def gold(tmp_path):
    p = tmp_path / "gold.csv"
    p.write_text(GOLD, encoding="utf-8")
    return read_gold_events(p)


def test_scores_by_hand(gold):
    ex = extract_text(TEXT, doc="a.txt", doc_date=dt.date(2025, 5, 1))
    r = evaluate_events(gold, {"a.txt": (TEXT, ex)})
    coded = sum(len(s.events) for s in ex.sentences)
    assert coded == 4  # CHL>PER 05, ECU>BOL 11, ECU<>PER 05 (both directions)
    strict = r.scores[("sentence", "root", "strict")]
    # found: praise and condemnation (the pact is coded PER>ECU too: 05 root) -> 3 of 4 gold
    assert (strict.matched_gold, strict.gold, strict.matched_coded, strict.coded) == (3, 4, 3, 4)
    plover = r.scores[("sentence", "plover", "strict")]
    assert plover.matched_gold == 3  # the pact is AGREE in gold and in the coder
    assert [g.root for g in r.missed] == ["12"]
    assert len(r.extra) == 1
    # dates: praise (day), condemnation (month) and the pact (month) all agree
    assert (r.dates.matched_gold, r.dates.gold) == (3, 3)
    doc = r.scores[("document", "root", "strict")]
    assert doc.gold == 4 and doc.matched_gold == 3
    assert "missed" in r.summary() and "extra" in r.summary()
    assert json.loads(json.dumps(r.to_dict()))["scores"]


def test_lenient_counts_symmetric_roots_in_either_direction(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("file,date,source,target,cameo_root,plover,quantity,description,cue\n"
                 "b.txt,2025,LAO,THA,04,CONSULT,,visit,hosted\n", encoding="utf-8")
    text = "Thailand hosted Laos in 2025."
    r = evaluate_events(read_gold_events(p), {"b.txt": (text, extract_text(text, doc="b.txt"))})
    assert r.scores[("sentence", "root", "strict")].matched_gold == 0
    assert r.scores[("sentence", "root", "lenient")].matched_gold == 1


def test_one_key_counts_once_per_sentence(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("file,date,source,target,cameo_root,plover,quantity,description,cue\n"
                 "c.txt,2025,CHL,PER,04,CONSULT,,visit,visited Peru and held talks\n", encoding="utf-8")
    text = "Chile visited Peru and held talks with Peru in 2025."
    ex = extract_text(text, doc="c.txt")
    roots = [e.code[:2] for s in ex.sentences for e in s.events]
    assert roots.count("04") == 2  # two 04 verbs (visit, talks), one (CHL, PER, 04) key
    r = evaluate_events(read_gold_events(p), {"c.txt": (text, ex)})
    strict = r.scores[("sentence", "root", "strict")]
    assert (strict.matched_gold, strict.matched_coded, strict.coded) == (1, 1, 1)
    assert r.extra == []


def test_plover_json_gold(tmp_path):
    records = [{"id": "r1", "text": "Laos praised Thailand.", "source": [{"code": "LAO"}], "target": [{"code": "THA"}],
                "event": "SUPPORT"},
               {"id": "r2", "text": "Cuba criticised Spain.", "source": ["CUB"], "target": [], "event": "accuse"}]
    p = tmp_path / "g.json"
    p.write_text(json.dumps(records), encoding="utf-8")
    gold = read_gold_events(p)
    assert [(g.doc, g.source, g.target, g.plover) for g in gold] == [("r1", "LAO", "THA", "SUPPORT"),
                                                                     ("r2", "CUB", "", "ACCUSE")]
    docs = {g.doc: (g.text, extract_text(g.text, doc=g.doc)) for g in gold}
    r = evaluate_events(gold, docs)
    assert ("sentence", "root", "strict") not in r.scores  # no CAMEO roots in this gold
    assert r.scores[("sentence", "plover", "strict")].matched_gold == 1
    assert r.scores[("sentence", "plover", "lenient")].matched_gold == 2  # undirected gold matches any target


@pytest.mark.parametrize("gold,got,ok", [("2025-03", "2025-03-04", True), ("2025-03", "2025", False),
                                         ("2025-03-01/2025-03-31", "2025-03-09", True),
                                         ("../2025-04-26", "2025-01", True), ("../2025-04-26", "2025-05-01", False),
                                         ("2025", None, False)])
def test_date_agreement_at_gold_precision(gold, got, ok):
    assert _date_agrees(gold, got) is ok


def test_bad_gold_names_line_and_field(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("file,date,source,target,cameo_root,plover,quantity,description,cue\n"
                 "a.txt,2025,CHL,PER,5,SUPPORT,,x,y\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match="cameo_root") as e:
        read_gold_events(p)
    assert "g.csv:2" in str(e.value)
    j = tmp_path / "g.json"
    j.write_text('[{"text": "x", "source": [], "event": "AID"}]', encoding="utf-8")
    with pytest.raises(EvidenceError, match="source"):
        read_gold_events(j)


def test_cli_evaluate_events(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold.csv").write_text(GOLD, encoding="utf-8")
    res = CliRunner().invoke(app, ["evaluate", "events", str(tmp_path / "gold.csv"), str(tmp_path / "a.txt"),
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {(s["level"], s["key"], s["mode"]) for s in data["scores"]} >= {("sentence", "root", "strict"),
                                                                           ("document", "plover", "lenient")}
    res = CliRunner().invoke(app, ["evaluate", "events", str(tmp_path / "gold.csv"), str(tmp_path / "a.txt")])
    assert res.exit_code == 0 and "Missed" in res.output
    res = CliRunner().invoke(app, ["evaluate", "events", str(tmp_path / "gold.csv"), str(tmp_path / "a.txt"),
                                   "--since", "March"])
    assert res.exit_code == 1 and "Error" in res.output


@pytest.mark.skipif(not (NEWS / "gold_events.csv").exists(), reason=missing(NEWS / "gold_events.csv"))
def test_news2025_gold_is_read_and_scored():
    gold = read_gold_events(NEWS / "gold_events.csv")
    docs = {}
    for name in sorted({g.doc for g in gold})[:3]:
        text = (NEWS / name).read_text(encoding="utf-8")
        docs[name] = (text, extract_text(text, doc=name))
    r = evaluate_events(gold, docs, since="2025")
    s = r.scores[("sentence", "root", "strict")]
    assert s.gold == sum(1 for g in gold if g.doc in docs) and 0 <= s.matched_gold <= s.gold


@pytest.mark.parametrize("reader, what", [("read_gold", "gold table"), ("read_gold_events", "gold events")])
def test_unreadable_gold_is_one_message_naming_the_file(tmp_path, reader, what):
    from equipoise.evidence import evaluate
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("file,date\nS\xe3o Paulo,2025\n".encode("latin-1"))
    with pytest.raises(EvidenceError, match=f"{what} file is not UTF-8 text") as e:
        getattr(evaluate, reader)(bad)
    assert "latin1.csv" in str(e.value)
    with pytest.raises(EvidenceError, match=f"cannot read {what}"):
        getattr(evaluate, reader)(tmp_path / "absent.csv")
