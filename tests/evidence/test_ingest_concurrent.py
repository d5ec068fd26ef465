"""Batched ingest keeps failures per document; two ingests of the same files into one SQLite store agree."""

from __future__ import annotations

import json
import subprocess
import sys

from equipoise.evidence.ingest import ingest
from equipoise.evidence.store import EvidenceStore

SENTENCES = [
    "On 3 March 2021 Moscow and Pyongyang signed a trade protocol in the Russian capital.",
    "Seoul protested to Tokyo about the fishing dispute in April 2022.",
    "Beijing hosted talks with Washington on 12 June 2023, officials said.",
    "The Russian delegation visited North Korea in September 2020 to discuss rail links.",
]


def _corpus(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i:02d}.txt").write_text(f"Report {i}.\n\n{SENTENCES[i % 4]} {SENTENCES[(i + 1) % 4]}\n",
                                               encoding="utf-8")
    return folder


def _cli(*args):
    return subprocess.Popen([sys.executable, "-c", "from equipoise.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_batched_ingest_equals_one_document_per_transaction(tmp_path):
    corpus = _corpus(tmp_path / "c", 9)
    (corpus / "empty.txt").write_text("", encoding="utf-8")  # a bad file among good ones
    runs = []
    for batch in (1, 4):
        with EvidenceStore(f"sqlite:///{tmp_path}/b{batch}.db") as store:
            res = ingest([corpus], store=store, batch=batch).to_dict()
            res["params"].pop("db")
            runs.append((res, [(d.name, d.sentences, d.events) for d in store.list_documents()]))
    assert runs[0] == runs[1]
    assert runs[0][0]["added"] == 9 and len(runs[0][0]["skipped"]) == 1


def test_a_failing_document_leaves_its_batch_stored(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "c", 6)
    with EvidenceStore(f"sqlite:///{tmp_path}/s.db") as store:
        real = store._write_sentences

        def flaky(s, version, text, extraction):
            if "Report 3." in text:
                from sqlalchemy.exc import OperationalError
                raise OperationalError("insert", {}, Exception("disk I/O error"))
            return real(s, version, text, extraction)

        monkeypatch.setattr(store, "_write_sentences", flaky)
        res = ingest([corpus], store=store, batch=6)
        assert res.added == 5 and [s.path.endswith("doc03.txt") for s in res.skipped] == [True]
        assert sorted(d.name for d in store.list_documents()) == [f"doc{i:02d}.txt" for i in range(6) if i != 3]


def test_two_concurrent_ingests_of_the_same_files(tmp_path):
    corpus = _corpus(tmp_path / "c", 24)
    db = f"sqlite:///{tmp_path}/shared.db"
    EvidenceStore(db).close()
    procs = [_cli("ingest", str(corpus), "--db", db, "--format", "json", "--workers", "1") for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
    results = [json.loads(out) for out, _ in outs]
    for r in results:
        assert r["skipped"] == [] and r["added"] + r["unchanged"] == 24 and r["new_versions"] == 0
    assert results[0]["added"] + results[1]["added"] == 24  # each document stored once, by one of them
    with EvidenceStore(db) as store:
        docs = store.list_documents()
    assert len(docs) == 24 and {d.version for d in docs} == {1}
