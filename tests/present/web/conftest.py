"""Fixtures for the web app tests: apps over the default case and over a small invented case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from equipoise.present.web import create_app

CASES = Path(__file__).parent / "cases"
WEB_CASE = CASES / "web.yaml"
MEMO = CASES / "web_memo.txt"


@pytest.fixture(scope="module")
def web_client(tmp_path_factory) -> TestClient:
    """The app over the small test case, its memo uploaded into a fresh store, one saved scenario."""
    data = tmp_path_factory.mktemp("webdata")
    (data / "scenarios").mkdir()
    shutil.copy(CASES / "scenarios" / "reconcile.yaml", data / "scenarios")
    app = create_app(WEB_CASE, data_dir=data, max_upload=64 * 1024)
    client = TestClient(app, raise_server_exceptions=False, base_url="http://localhost")
    with MEMO.open("rb") as fh:
        r = client.post("/evidence/upload", files={"file": ("web_memo.txt", fh, "text/plain")},
                        data={"csrf_token": token(client)})
    assert r.status_code == 200, r.text
    return client


@pytest.fixture(scope="module")
def default_client(tmp_path_factory) -> TestClient:
    """The app over the default Northeast Asia case, with an empty store."""
    data = tmp_path_factory.mktemp("defaultdata")
    return TestClient(create_app(data_dir=data), raise_server_exceptions=False, base_url="http://localhost")


def token(client: TestClient) -> str:
    """The form token the app writes into its forms (a test reads it as a page would)."""
    return client.app.state.csrf_token
