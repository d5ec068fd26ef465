"""Event-data readers and the event table, on fixtures written from the published column layouts.

GDELT rows are built from the GDELT 1.0 / 2.0 event codebooks' column order
(Leetaru & Schrodt 2013; GDELT 2.0 Event codebook 2015): 0 GLOBALEVENTID,
1 SQLDATE, 7 Actor1CountryCode, 17 Actor2CountryCode, 26 EventCode, 29 QuadClass,
30 GoldsteinScale; the last column SOURCEURL in 58- and 61-column files.
"""

import gzip
import json

import pytest

from equipoise.errors import EvidenceError
from equipoise.evidence.eventdata import EventTable, ImportResult, read_gdelt, read_icews, read_plover


def gdelt_row(ncol, eid, date, a1, a2, code, quad, gold, url="http://example.org/a"):
    row = [""] * ncol
    row[0], row[1], row[7], row[17], row[26], row[29], row[30] = str(eid), date, a1, a2, code, str(quad), str(gold)
    row[28] = code[:2]
    if ncol > 57:
        row[-1] = url
    return "\t".join(row)


def write(path, lines, gz=False):
    text = "\n".join(lines) + "\n"
    if gz:
        with gzip.open(path, "wt") as fh:
            fh.write(text)
    else:
        path.write_text(text)
    return path


@pytest.mark.parametrize("ncol", [57, 58, 61])
def test_gdelt_versions(tmp_path, ncol):
    p = write(tmp_path / "g.tsv", [gdelt_row(ncol, 1, "20240619", "RUS", "PRK", "057", 1, 8.0),
                                   gdelt_row(ncol, 2, "20240620", "PRK", "RUS", "0311", 1, 5.2)])
    res = ImportResult()
    (t,) = list(read_gdelt(p, res))
    assert res.rows == 2 and res.bad.count == 0
    assert t.column("source").to_pylist() == ["RUS", "PRK"] and t.column("root").to_pylist() == [5, 3]
    assert t.column("document").to_pylist()[0] == ("1" if ncol == 57 else "http://example.org/a")
    assert t.column("year").to_pylist() == [2024, 2024]


def test_gdelt_bad_rows_named_and_good_rows_kept(tmp_path):
    lines = [gdelt_row(58, 1, "20240619", "RUS", "PRK", "057", 1, 8.0),
             gdelt_row(58, 2, "2024-06-19", "RUS", "PRK", "057", 1, 8.0),   # line 2: bad date
             gdelt_row(58, 3, "20240619", "XQZ", "PRK", "057", 1, 8.0),     # line 3: unknown country
             gdelt_row(58, 4, "20240619", "", "PRK", "057", 1, 8.0),        # line 4: no country: dropped, not bad
             gdelt_row(58, 5, "20240619", "RUS", "PRK", "057", 1, 8.0)]
    p = write(tmp_path / "g.tsv", lines)
    res = ImportResult()
    rows = sum(t.num_rows for t in read_gdelt(p, res))
    assert rows == 2 and res.dropped == 1 and res.bad.count == 2
    assert res.bad.messages == [f"{p}:2: SQLDATE: expected a date YYYYMMDD",
                                f"{p}:3: Actor1CountryCode: unknown country code"]


def test_gdelt_wrong_column_count_located(tmp_path):
    lines = [gdelt_row(58, 1, "20240619", "RUS", "PRK", "057", 1, 8.0),
             "1\t20240619\tRUS",                                           # line 2: 3 columns
             gdelt_row(58, 3, "20240619", "RUS", "PRK", "057", 1, 8.0),
             gdelt_row(58, 4, "20240699", "RUS", "PRK", "057", 1, 8.0)]    # line 4: bad date after a short row
    p = write(tmp_path / "g.tsv", lines)
    res = ImportResult()
    assert sum(t.num_rows for t in read_gdelt(p, res)) == 2
    assert res.bad.count == 2
    assert sorted(res.bad.messages) == [f"{p}:2: expected 58 tab-separated columns, got 3",
                                        f"{p}:4: SQLDATE: expected a date YYYYMMDD"]


def test_not_gdelt(tmp_path):
    p = write(tmp_path / "g.tsv", ["a\tb\tc"])
    with pytest.raises(EvidenceError, match=r"g.tsv:1: expected a GDELT event file .* got 3"):
        list(read_gdelt(p, ImportResult()))


def test_table_dedup_and_failed_import_leaves_table(tmp_path):
    good = write(tmp_path / "a.tsv", [gdelt_row(58, 1, "20240619", "RUS", "PRK", "057", 1, 8.0, "u1"),
                                      gdelt_row(58, 2, "20240619", "RUS", "PRK", "057", 1, 8.0, "u2"),  # duplicate
                                      gdelt_row(58, 3, "20230101", "PRK", "RUS", "190", 4, -10.0, "u3")])
    table = EventTable(tmp_path / "store")
    res = table.import_files([good], "gdelt")
    assert res.rows == 3
    con = table.connect()
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    assert con.execute("SELECT count(*), max(copies), min(document) FROM dedup WHERE date = '2024-06-19'").fetchone() \
        == (1, 2, "u1")
    before = sorted(p.relative_to(table.root) for p in table.root.rglob("*"))
    # a truncated gzip: the good file read first must not be half-imported
    full = write(tmp_path / "b.tsv.gz", [gdelt_row(58, i, "20220101", "RUS", "CHN", "040", 1, 1.0) for i in range(3000)],
                 gz=True)
    trunc = tmp_path / "c.tsv.gz"
    trunc.write_bytes(full.read_bytes()[:-200])
    with pytest.raises(EvidenceError, match="c.tsv.gz: cannot read to the end"):
        table.import_files([full, trunc], "gdelt")
    assert sorted(p.relative_to(table.root) for p in table.root.rglob("*")) == before


def test_icews(tmp_path):
    head = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t" \
           "Target Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher"
    rows = [head,
            "1\t2017-09-03\tRussia\t\tRussian Federation\tCriticize\t111\t-2.0\tNorth Korea\t\tNorth Korea\t99\t2\tX",
            "2\t2017-09-04\tRussia\t\tRussian Federation\tConsult\t040\t1.0\tX\t\tAtlantis\t98\t1\tX",
            "3\t2017-13-01\tRussia\t\tRussian Federation\tConsult\t040\t1.0\tChina\t\tChina\t97\t1\tX"]
    p = write(tmp_path / "icews.tab", rows)
    res = ImportResult()
    (t,) = list(read_icews(p, res))
    assert t.to_pydict()["source"] == ["RUS"] and t.to_pydict()["target"] == ["PRK"]
    assert t.to_pydict()["quad"] == [3] and t.to_pydict()["document"] == ["99"]
    assert res.bad.messages == [f"{p}:4: Event Date: expected YYYY-MM-DD",
                                f"{p}:3: Target Country: unknown country name"] or \
        sorted(res.bad.messages) == sorted([f"{p}:4: Event Date: expected YYYY-MM-DD",
                                            f"{p}:3: Target Country: unknown country name"])


def test_plover_json_and_tsv(tmp_path):
    recs = [{"event_id": "e1", "event_date": "2023-09-13", "event_type": "CONSULT", "actor_country": "RUS",
             "recipient_country": "PRK", "story_id": "s1"},
            {"event_id": "e2", "event_date": "2023-09-14", "event_type": "SANCTION", "actor_country": "USA",
             "recipient_country": "North Korea", "story_id": "s2", "intensity": "-6"},
            {"event_id": "e3", "event_date": "2023-09-14", "event_type": "DANCE", "actor_country": "USA",
             "recipient_country": "PRK"}]
    pj = tmp_path / "p.json"
    pj.write_text(json.dumps(recs))
    res = ImportResult()
    (t,) = list(read_plover(pj, res))
    d = t.to_pydict()
    assert d["code"] == ["04", "16"] and d["quad"] == [1, 4] and d["plover"] == ["CONSULT", "SANCTION"]
    assert d["goldstein"][1] == -6.0 and d["target"] == ["PRK", "PRK"]
    assert res.bad.count == 1 and res.bad.messages[0].startswith(f"{pj}:3: event_type")
    pt = write(tmp_path / "p.tsv", ["Event ID\tEvent Date\tEvent Type\tActor Country\tRecipient Country\tStory ID",
                                    "e1\t2023-09-13\tAID\tRUS\tPRK\ts1", "e2\t2023-09-13\tAID\tRUS"])
    res = ImportResult()
    (t,) = list(read_plover(pt, res))
    assert t.to_pydict()["code"] == ["07"] and res.bad.messages == [f"{pt}:3: expected 6 tab-separated columns, got 4"]


def test_extraction_jsonl(tmp_path):
    from equipoise.evidence.eventdata import read_extraction
    doc = {"doc": "memo.txt", "doc_date": "2023-09-13", "sentences": [
        {"sentence": 4, "paragraph": 2, "events": [
            {"source": "RUS", "target": "PRK", "code": "040", "goldstein": 1.0, "quad": 1, "date": None},
            {"source": "RUS", "target": "", "code": "010", "goldstein": 0.0, "quad": 1, "date": "2023-09-12"}]}]}
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps(doc) + "\n{not json\n")
    res = ImportResult()
    (t,) = list(read_extraction(p, res))
    d = t.to_pydict()
    assert (d["source"], d["target"], d["document"], d["locator"]) == (["RUS"], ["PRK"], ["memo.txt"], ["3:5"])
    assert str(d["date"][0]) == "2023-09-13"  # no event date: the document's date
    assert res.bad.messages == [f"{p}:2: expected a JSON object"]


def test_store_reader(tmp_path):
    """Events the extractor stores are read back into the event table (our own sentences, not shared text)."""
    import datetime as dt

    from equipoise.evidence.eventdata import read_store
    from equipoise.evidence.ingest import ingest
    from equipoise.evidence.store import EvidenceStore
    doc = tmp_path / "note.txt"
    doc.write_text("Russia and North Korea held talks in Pyongyang on 12 March 2023.\n\n"
                   "The United States imposed sanctions on North Korea on 3 April 2023.\n")
    url = f"sqlite:///{tmp_path / 'e.db'}"
    with EvidenceStore(url) as st:
        ingest([doc], store=st, doc_date=dt.date(2023, 4, 5))
        with st.engine.connect() as con:
            from sqlalchemy import text
            stored = con.execute(text("SELECT count(*) FROM evidence_events WHERE target IS NOT NULL "
                                      "AND target != ''")).scalar()
    res = ImportResult()
    rows = [r for t in read_store(url, res) for r in t.to_pylist()]
    assert rows and res.rows == len(rows)
    assert stored >= len(rows)
    assert all(r["document"] == "note.txt" and r["locator"].count(":") == 1 for r in rows)
    from typer.testing import CliRunner

    from equipoise.cli import app
    r = CliRunner().invoke(app, ["measure", "events", "--input", "store", "--db", url, "--dyad", rows[0]["source"],
                                 rows[0]["target"], "--format", "json", "--boot", "0"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["import"]["rows"] == len(rows)
