"""The executor layer: the same results in this process, on local processes and on a real Dask cluster.

The Dask test starts a ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1
(free ports), ingests a small corpus through them into a store (PostgreSQL when
``EQUIPOISE_TEST_PG_URL`` is set, as in ``.ci/run``; else SQLite), runs a games Monte
Carlo sweep, compares both with the local run, and stops what it started.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest

from equipoise.analysis.games.case import solve_case_game
from equipoise.case import load_case
from equipoise.errors import EquipoiseError
from equipoise.evidence.ingest import ingest
from equipoise.evidence.store import EvidenceStore
from equipoise.executor import SCHEDULER_ENV, SerialExecutor, chunks, get_executor, task_seeds

SENTENCES = [
    "On 3 March 2021 Moscow and Pyongyang signed a trade protocol in the Russian capital.",
    "Seoul protested to Tokyo about the fishing dispute in April 2022.",
    "Beijing hosted talks with Washington on 12 June 2023, officials said.",
    "The Russian delegation visited North Korea in September 2020 to discuss rail links.",
]


def _corpus(folder, n=10):
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i:02d}.txt").write_text(f"Note {i}.\n\n{SENTENCES[i % 4]} {SENTENCES[(i + 2) % 4]}\n",
                                               encoding="utf-8")
    return folder


def _sweep(executor):
    case = load_case()
    game = case.games[0]
    period = (list(game.periods) or [p.id for p in case.periods])[-1]
    return solve_case_game(case, game, period, draws=120, seed=11, executor=executor).to_dict()


def _ingested(url, corpus, executor):
    with EvidenceStore(url) as store:
        first = ingest([corpus], store=store, executor=executor).to_dict()
        again = ingest([corpus], store=store, executor=executor).to_dict()  # idempotent
        stored = sorted((d.name, d.version, d.sentences, d.events) for d in store.list_documents())
    for r in (first, again):
        r["params"].pop("db")
    return first, again, stored


def test_seeds_and_chunks_do_not_depend_on_workers():
    assert task_seeds(5, 4) == task_seeds(5, 4) != task_seeds(6, 4)
    assert [len(c) for c in chunks(120, 50)] == [50, 50, 20]
    assert isinstance(get_executor(workers=1), SerialExecutor)
    with pytest.raises(EquipoiseError, match="workers"):
        get_executor(workers=0)


def test_local_processes_give_the_same_results(tmp_path):
    corpus = _corpus(tmp_path / "c")
    serial = _sweep(None), _ingested(f"sqlite:///{tmp_path}/a.db", corpus, None)
    with get_executor(workers=2) as ex:
        local = _sweep(ex), _ingested(f"sqlite:///{tmp_path}/b.db", corpus, ex)
    assert serial == local
    assert local[1][1]["unchanged"] == 10 and local[1][0]["added"] == 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install 'equipoise[dask]')")
    from distributed import Client
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--no-dashboard"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                           "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                                           "--no-dashboard", "--local-directory", str(tmp_path)],
                                          env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        deadline = time.monotonic() + 120
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.fixture
def store_urls(tmp_path):
    """Two empty stores: PostgreSQL databases when a server is given, else SQLite files."""
    pg = os.environ.get("EQUIPOISE_TEST_PG_URL")
    if not pg:
        yield f"sqlite:///{tmp_path}/local.db", f"sqlite:///{tmp_path}/dask.db"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    names = [f"equipoise_dask_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with admin.connect() as c:
        for n in names:
            c.execute(text(f'CREATE DATABASE "{n}"'))
    try:
        yield tuple(make_url(pg).set(database=n).render_as_string(hide_password=False) for n in names)
    finally:
        with admin.connect() as c:
            for n in names:
                c.execute(text(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)'))
        admin.dispose()


def test_dask_cluster_gives_the_local_results(dask_cluster, store_urls, tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    local_url, dask_url = store_urls
    local = _sweep(None), _ingested(local_url, corpus, None)
    monkeypatch.setenv(SCHEDULER_ENV, dask_cluster)
    with get_executor() as ex:
        assert ex.where == "Dask cluster" and ex.workers == 2
        remote = _sweep(ex), _ingested(dask_url, corpus, ex)
    assert remote == local
    assert remote[1][1]["unchanged"] == 10
