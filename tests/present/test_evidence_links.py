"""Evidence a user can open: report citations of ingested sources open the sentence in the web app;
the others give the locator and the source's address, and the sources list says what is in the store."""

from __future__ import annotations

from pathlib import Path

from equipoise.case import load_case
from equipoise.evidence.ingest import ingest
from equipoise.evidence.store import EvidenceStore
from equipoise.present.charts import SERVE_URL, evidence_html
from equipoise.present.sections import sources

CASES = Path(__file__).parent / "web" / "cases"


def test_citations_follow_what_is_in_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("EQUIPOISE_DATA_DIR", str(tmp_path))
    case = load_case(CASES / "web.yaml")
    memo = next(x for x in case.relations if any(e.source == "memo" for e in x.evidence))
    before = str(evidence_html(case, memo.evidence))
    assert SERVE_URL not in before and 'href="#src-memo"' in before
    assert "1 of" not in sources.build(case).html and "0 of 2 sources are in" in sources.build(case).html

    with EvidenceStore(f"sqlite:///{tmp_path / 'equipoise.db'}") as store:
        ingest([CASES / "web_memo.txt"], store=store)
    case = load_case(CASES / "web.yaml")  # a fresh case object: what is stored is read once per case
    after = str(evidence_html(case, memo.evidence))
    loc = str(next(e for e in memo.evidence if e.source == "memo")).replace(":", "%3A")
    assert f'href="{SERVE_URL}/evidence/locator/{loc}"' in after
    sec = sources.build(case)
    assert "1 of 2 sources are in" in sec.html
    assert {s["id"]: s["in_store"] for s in sec.data["sources"]} == {"memo": True, "brief": False}
