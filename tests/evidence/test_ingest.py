"""Ingest: read -> extract -> store over a batch with bad files, re-ingestion, failures, CLI."""

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from equipoise.cli import app
from equipoise.evidence import extract as extract_mod
from equipoise.evidence import store as store_mod
from equipoise.evidence.ingest import ingest
from equipoise.evidence.segment import segment
from equipoise.evidence.store import EvidenceStore

_spec = importlib.util.spec_from_file_location("_reader_tests", Path(__file__).with_name("test_reader.py"))
_reader_tests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_reader_tests)
make_pdf = _reader_tests.make_pdf

from shared_paths import SEEDS  # noqa: E402

GOOD = ("Rail links\n\n"
        "On 12 March 2019 Russia signed a rail agreement with North Korea in Moscow. "
        "The deal was worth $25 million.\n\n"
        "China welcomed the agreement. Japan criticised Russia for it in 2020.")


@pytest.fixture
def batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (d / "b_latin1.txt").write_bytes("Le président russe a reçu Kim Jong-un à Vladivostok en avril 2019."
                                     .encode("latin-1"))
    (d / "c_utf16.txt").write_text("Pyongyang hosted Sergei Lavrov in 2018.", encoding="utf-16")
    (d / "d_empty.txt").write_bytes(b"")
    (d / "e_binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "f_nav.html").write_bytes(b"<html><head><script>var x = 1;</script></head><body></body></html>")
    (d / "g_scan.pdf").write_bytes(make_pdf(None))
    (d / "h_text.pdf").write_bytes(make_pdf(["Moscow and Pyongyang agreed to expand trade in 2019."]))
    (d / "i_big.txt").write_text("Moscow met Pyongyang. " * 100)
    (d / "j_page.html").write_text(
        "<html><head><title>Summit</title></head><body><article><h1>Summit</h1><p>Kim Jong-un met Vladimir "
        "Putin in Vladivostok on 25 April 2019, and the two leaders discussed sanctions at length.</p>"
        "<p>Russia called for the easing of sanctions against North Korea at the UN Security Council.</p>"
        "</article></body></html>", encoding="utf-8")
    return d


REASONS = {"d_empty.txt": "empty file", "e_binary.txt": "binary file", "f_nav.html": "HTML has no main text",
           "g_scan.pdf": "PDF has no text layer", "i_big.txt": "over the 0.002 MB limit"}


def test_batch_with_bad_files(store, batch):
    calls = []
    res = ingest([batch], store=store, max_bytes=2000, progress=lambda *a: calls.append(a))
    assert sorted(o.name for o in res.outcomes) == ["a_good.txt", "b_latin1.txt", "c_utf16.txt", "h_text.pdf",
                                                    "j_page.html"]
    assert all(o.status == "added" for o in res.outcomes)
    skipped = {Path(s.path).name: s.reason for s in res.skipped}
    assert set(skipped) == set(REASONS)
    for name, reason in REASONS.items():
        assert reason in skipped[name]
    assert [c[:2] for c in calls] == [(i, 10) for i in range(1, 11)]
    assert calls[0][2] == "a_good.txt"
    # every stored sentence is a slice of its stored text
    n = 0
    for info in store.list_documents():
        rec = store.get_document(info.id)
        assert len(rec.sentences) == sum(len(s) for _, s in segment(rec.text))
        for s in rec.sentences:
            assert rec.text[s.span[0]:s.span[1]] == s.text
        n += len(rec.sentences)
    assert res.sentences == n
    good = store.get_document("a_good.txt")
    codes = {a["code"] for s in good.sentences for a in s.actors}
    assert {"RUS", "PRK", "CHN", "JPN"} <= codes
    assert res.events == sum(i.events for i in store.list_documents()) and res.events >= 1
    d = res.to_dict()
    json.dumps(d)
    assert (d["added"], d["unchanged"], d["new_versions"], len(d["skipped"])) == (5, 0, 0, 5)
    assert d["params"]["max_bytes"] == 2000
    assert "5 document(s) added" in res.summary() and "skipped" in res.summary()


def test_reingest_adds_nothing_and_changes_make_versions(store, batch, counts):
    ingest([batch], store=store, max_bytes=2000)
    before = counts(store)
    res = ingest([batch], store=store, max_bytes=2000)
    assert (res.added, res.new_versions, res.unchanged, res.sentences, res.events) == (0, 0, 5, 0, 0)
    assert counts(store) == before
    (batch / "a_good.txt").write_text(GOOD + " Seoul stayed silent.", encoding="utf-8")
    res = ingest([batch / "a_good.txt"], store=store)
    assert [(o.status, o.version) for o in res.outcomes] == [("new_version", 2)]
    assert store.get_document("a_good.txt").text.endswith("Seoul stayed silent.")
    assert store.get_document("a_good.txt", version=1).text == GOOD


def test_extraction_crash_skips_file_and_writes_nothing(store, batch, monkeypatch):
    real = extract_mod.extract_text

    def flaky(text, *, doc, doc_date):
        if doc == "c_utf16.txt":
            raise IndexError("list index out of range")
        return real(text, doc=doc, doc_date=doc_date)

    monkeypatch.setattr(extract_mod, "extract_text", flaky)
    res = ingest([batch / "a_good.txt", batch / "c_utf16.txt", batch / "h_text.pdf"], store=store)
    assert [o.name for o in res.outcomes] == ["a_good.txt", "h_text.pdf"]
    [skip] = res.skipped
    assert skip.path.endswith("c_utf16.txt") and "extraction failed, nothing saved (IndexError" in skip.reason
    assert store.get_document("c_utf16.txt") is None


def test_store_failure_mid_document_leaves_store_as_it_was(store, batch, monkeypatch, counts):
    ingest([batch / "a_good.txt"], store=store)
    before = counts(store)
    real = store_mod._mentions
    state = {"n": 0}

    def failing(sentence_id, extracted):
        state["n"] += 1
        if state["n"] == 2:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return real(sentence_id, extracted)

    monkeypatch.setattr(store_mod, "_mentions", failing)
    (batch / "a_good.txt").write_text(GOOD + " Tokyo objected.", encoding="utf-8")
    res = ingest([batch / "a_good.txt"], store=store)
    assert state["n"] == 2 and res.outcomes == ()
    assert "store write failed, nothing saved" in res.skipped[0].reason
    assert counts(store) == before
    assert store.get_document("a_good.txt").version == 1


def test_same_name_twice_in_one_batch(store, tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.txt").write_text(f"Moscow met Pyongyang in folder {sub}.")
    res = ingest([tmp_path], store=store)
    assert [o.name for o in res.outcomes] == ["index.txt"]
    assert "another file named index.txt" in res.skipped[0].reason
    assert store.get_document("index.txt").version == 1


def test_document_date_sources(store, tmp_path):
    (tmp_path / "front.md").write_text("---\ndate: 2019-04-25\n---\n\nRussia met North Korea last year.")
    (tmp_path / "plain.txt").write_text("Russia met North Korea last year.")
    ingest([tmp_path / "front.md", tmp_path / "plain.txt"], store=store)
    assert store.get_document("front.md").info.doc_date == date(2019, 4, 25)
    assert store.get_document("front.md").info.doc_date_source == "metadata"
    assert store.get_document("plain.txt").info.doc_date_source is None  # no date anywhere in it
    st2 = EvidenceStore("sqlite://")
    ingest([tmp_path / "plain.txt"], store=st2, doc_date=date(2020, 1, 1))
    info = st2.get_document("plain.txt").info
    assert (info.doc_date, info.doc_date_source) == (date(2020, 1, 1), "option")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not beside the repository")
def test_seed_articles(store):
    res = ingest([SEEDS], store=store)
    assert (res.added, len(res.skipped)) == (3, 0)
    docs = {d.name: d for d in store.list_documents()}
    for name, d in docs.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        assert d.sentences == sum(len(s) for _, s in segment(text))
    assert docs["002_d12265dfe1eb4be3.txt"].spin_score > docs["000_aee2da3bfb041217.txt"].spin_score
    assert store.get_document("002_d12265dfe1eb4be3.txt").repairs  # spun phrases proposed for repair
    assert store.get_document("002_d12265dfe1eb4be3.txt").text == \
        (SEEDS / "002_d12265dfe1eb4be3.txt").read_text(encoding="utf-8")  # original kept
    assert res.events > 0 and store.event_counts(by=["year"])


# ---------------------------------------------------------------- CLI

runner = CliRunner()


def test_cli_ingest_json_and_documents(tmp_path, batch):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    r = runner.invoke(app, ["ingest", str(batch), "--db", url, "--max-size", "0.002", "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["added"] == 5 and len(out["skipped"]) == 5
    assert "Traceback" not in r.output
    r = runner.invoke(app, ["documents", "--db", url, "--format", "json"])
    assert r.exit_code == 0
    assert [d["name"] for d in json.loads(r.stdout)["documents"]] == ["a_good.txt", "b_latin1.txt", "c_utf16.txt",
                                                                      "h_text.pdf", "j_page.html"]
    r = runner.invoke(app, ["ingest", str(batch / "a_good.txt"), "--db", url])
    assert r.exit_code == 0 and "1 unchanged" in r.stdout
    r = runner.invoke(app, ["documents", "--db", url])
    assert r.exit_code == 0 and "a_good.txt" in r.stdout


def test_cli_all_bad_exits_1(tmp_path, batch):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    r = runner.invoke(app, ["ingest", str(batch / "d_empty.txt"), str(batch / "nope.txt"), "--db", url])
    assert r.exit_code == 1
    assert "empty file" in r.stdout and "no such file" in r.stdout and "Traceback" not in r.output


def test_cli_errors(tmp_path):
    r = runner.invoke(app, ["documents", "--db", f"sqlite:///{tmp_path / 'missing.db'}"])
    assert r.exit_code == 1 and r.stderr.startswith("Error: --db: no store at")
    r = runner.invoke(app, ["ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert r.exit_code == 1 and "Error: no .txt, .md, .html or .pdf files found" in r.stderr
    r = runner.invoke(app, ["ingest", str(tmp_path), "--db", "nonsense"])
    assert r.exit_code == 1 and "Error: --db: expected a database URL" in r.stderr
    r = runner.invoke(app, ["ingest", str(tmp_path), "--date", "25/04/2019"])
    assert r.exit_code == 2
