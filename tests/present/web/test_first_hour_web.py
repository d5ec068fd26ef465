"""Web app details a new user meets first: the API lists itself at /api/, the tab icon is served, the
store is created once under concurrent first requests, data goes to the user data folder."""

from __future__ import annotations

from pathlib import Path

WEB_CASE = Path(__file__).parent / "cases" / "web.yaml"


def test_api_root_lists_the_endpoints(default_client):
    r = default_client.get("/api/")
    assert r.status_code == 200
    body = r.json()
    paths = {e["path"] for e in body["endpoints"]}
    assert {"/api/case", "/api/forecast", "/api/claims"} <= paths
    assert all(e["summary"] for e in body["endpoints"])
    assert body["schema"] == "/openapi.json"


def test_favicon_is_served(default_client):
    r = default_client.get("/favicon.ico")
    assert r.status_code == 200 and "svg" in r.headers["content-type"]


def test_store_is_created_once_under_concurrent_first_requests(tmp_path):
    import threading

    from equipoise.present.web import create_app
    from equipoise.present.web.evidence import open_store
    app = create_app(WEB_CASE, data_dir=tmp_path)
    barrier, stores, errors = threading.Barrier(8), [], []

    def first_request():
        barrier.wait()
        try:
            stores.append(open_store(app))
        except Exception as exc:  # "table ... already exists" before the lock
            errors.append(exc)
    threads = [threading.Thread(target=first_request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(stores) == 8 and len({id(s) for s in stores}) == 1


def test_data_folder_defaults_to_the_user_data_folder(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from equipoise.cli import app as cli
    from equipoise.present.web import create_app
    work = tmp_path / "checkout"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("EQUIPOISE_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    web = create_app(WEB_CASE)
    assert web.state.config.data_dir == (tmp_path / "xdg" / "equipoise").resolve()
    monkeypatch.setenv("EQUIPOISE_DATA_DIR", str(tmp_path / "mine"))
    assert create_app(WEB_CASE).state.config.data_dir == (tmp_path / "mine").resolve()
    # ingest writes to the store serve opens, not into the current folder
    note = tmp_path / "note.txt"
    note.write_text("A note.\n\nAlphaland and Betastan met on 3 June 2011.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["ingest", str(note)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "mine" / "equipoise.db").is_file()
    assert list(work.iterdir()) == []
