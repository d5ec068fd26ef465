"""Scoring extraction against gold facts."""

import json
import runpy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.errors import EvidenceError
from equipoise.evidence.evaluate import evaluate_extraction, read_gold
from equipoise.evidence.extract import extract_text


from shared_paths import SEEDS
RECALL_TARGETS = runpy.run_path(str(Path(__file__).parent / "reference" / "extraction_targets.py"))["RECALL_TARGETS"]
HEADER = "seed,date,precision,actors,kind,quantity,unit,cue,description\n"
DOC = ("In March 2012 the Soviet-built port reopened for China.\n\n"
       "In 2012 trade with Japan reached $20 million. It grew later.\n")


def _gold(tmp_path, rows):
    p = tmp_path / "gold.csv"
    p.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


def _run(tmp_path, rows, **kw):
    docs = {"d.txt": (DOC, extract_text(DOC, doc="d.txt"))}
    return evaluate_extraction(read_gold(_gold(tmp_path, rows)), docs, **kw)


def test_found_and_missed_fields(tmp_path):
    r = _run(tmp_path, [
        "d.txt,2012-03,month,SUN;CHN,x,,,port reopened,ok: SUN and month",
        "d.txt,2012-03-05,day,CHN,x,,,port reopened,day precision not in text",
        "d.txt,,,KOR;JPN,x,20000000,USD,reached $20 million,KOR not named",
        "d.txt,,,JPN,x,20500000,USD,reached $20 million,outside 1%",
        "d.txt,2012,year,JPN,x,,,It grew later,context: narrative date and previous actors",
        "d.txt,,,CHN,x,,,not in the text,cue missing",
    ])
    assert [s.found for s in r.scores] == [True, False, False, False, True, False]
    assert [s.strict_found for s in r.scores][4] is False
    assert r.recall["overall"] == pytest.approx(2 / 6, abs=1e-4)
    assert r.recall["quantities"] == pytest.approx(1 / 2)
    assert r.counts == {"overall": 6, "dates": 3, "actors": 6, "quantities": 2, "skipped": 0}
    assert "cue not found" in r.summary()


def test_interval_dates_need_both_ends(tmp_path):
    docs_text = "The Turn to the East ran from 2012 to 2014."
    docs = {"d.txt": (docs_text, extract_text(docs_text))}
    gold = read_gold(_gold(tmp_path, ["d.txt,2012/2014,year,RUS,x,,,Turn to the East,",
                                      "d.txt,2012/2015,year,RUS,x,,,Turn to the East,"]))
    assert [s.found for s in evaluate_extraction(gold, docs).scores] == [True, False]


def test_bad_gold_rows_name_line_and_field(tmp_path):
    with pytest.raises(EvidenceError, match=r"gold.csv:3: quantity: expected a number, got 'lots'"):
        read_gold(_gold(tmp_path, ["d.txt,2012,year,CHN,x,,,port,", "d.txt,,,CHN,x,lots,USD,port,"]))
    with pytest.raises(EvidenceError, match=r"gold.csv:2: date: expected"):
        read_gold(_gold(tmp_path, ["d.txt,March 2012,month,CHN,x,,,port,"]))


def test_cli_json_output(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text(DOC, encoding="utf-8")
    gold = _gold(tmp_path, ["d.txt,2012-03,month,SUN;CHN,x,,,port reopened,"])
    res = CliRunner().invoke(app, ["evaluate", "extraction", "--format", "json", str(gold), str(doc)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["recall"]["overall"] == 1.0


@pytest.mark.skipif(not (SEEDS / "gold_facts.csv").exists(), reason="shared seeds absent")
def test_seed_recall_meets_targets():
    seeds = SEEDS
    docs = {}
    for p in sorted(seeds.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        docs[p.name] = (text, extract_text(text, doc=p.name))
    r = evaluate_extraction(read_gold(seeds / "gold_facts.csv"), docs)
    for field, target in RECALL_TARGETS.items():
        assert r.recall[field] >= target, (field, r.summary())
