"""The evidence store on a real PostgreSQL server.

``.ci/run`` starts one and sets ``EQUIPOISE_TEST_PG_URL``; without it these tests
skip. Each run works in a database of its own, dropped afterwards. The store tests
of ``test_store.py`` run here again, unchanged, against PostgreSQL.
"""

import importlib.util
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from equipoise.evidence.store import EvidenceStore

PG_URL = os.environ.get("EQUIPOISE_TEST_PG_URL")
pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG_URL, reason="EQUIPOISE_TEST_PG_URL not set (.ci/run starts PostgreSQL)")]

_spec = importlib.util.spec_from_file_location("_store_tests_for_pg", Path(__file__).with_name("test_store.py"))
_store_tests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_tests)
globals().update({name: fn for name, fn in vars(_store_tests).items()
                  if name.startswith("test_") and name not in ("test_bad_url", "test_file_store_persists")})


@pytest.fixture(scope="module")
def pg_url():
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"equipoise_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(pg_url):
    st = EvidenceStore(pg_url)
    assert st.engine.dialect.name == "postgresql"
    yield st
    from equipoise.evidence.store import Base
    Base.metadata.drop_all(st.engine)
    st.close()


def test_reopen_keeps_documents(pg_url, store):
    store.save(_store_tests.doc(), _store_tests.extraction())
    with EvidenceStore(pg_url) as again:
        assert [d.name for d in again.list_documents()] == ["rail.txt"]
        assert again.save(_store_tests.doc(), _store_tests.extraction()).status == "unchanged"


def test_unreachable_server_is_a_clear_error():
    from equipoise.errors import EvidenceError
    bad = make_url(PG_URL).set(port=1).render_as_string(hide_password=False)
    with pytest.raises(EvidenceError, match="cannot open the store"):
        EvidenceStore(bad)


def test_ingest_batch_into_postgres(store, tmp_path, monkeypatch, counts):
    from sqlalchemy.exc import OperationalError

    from equipoise.evidence import store as store_mod
    from equipoise.evidence.ingest import ingest

    (tmp_path / "a.txt").write_text("In March 2019 Moscow hosted Kim Jong-un. Trade reached $34 million.")
    (tmp_path / "b.txt").write_bytes("Séoul a protesté en 2019 contre Pyongyang.".encode("latin-1"))
    (tmp_path / "c.txt").write_bytes(b"")
    res = ingest([tmp_path], store=store)
    assert (res.added, [s.reason for s in res.skipped]) == (2, ["empty file"])
    assert store.get_document("a.txt").sentences[0].actors
    assert ingest([tmp_path], store=store).unchanged == 2
    before = counts(store)

    def broken(sentence_id, extracted):
        raise OperationalError("INSERT", {}, Exception("connection lost"))

    monkeypatch.setattr(store_mod, "_mentions", broken)
    (tmp_path / "a.txt").write_text("In April 2019 Moscow hosted Kim Jong-un again.")
    res = ingest([tmp_path / "a.txt"], store=store)
    assert "store write failed, nothing saved" in res.skipped[0].reason
    assert counts(store) == before
