"""Web app details a new user meets first: the API lists itself at /api/, the tab icon is served."""

from __future__ import annotations


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
