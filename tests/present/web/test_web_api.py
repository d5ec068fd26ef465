"""The JSON API returns exactly what the CLI prints with ``--format json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from equipoise.cli import app as cli

WEB_CASE = Path(__file__).parent / "cases" / "web.yaml"
runner = CliRunner()


def _cli_json(*args: str):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("api, args", [
    ("/api/case", ["case", "show", str(WEB_CASE), "--format", "json"]),
    ("/api/case/validate", ["case", "validate", str(WEB_CASE), "--format", "json"]),
    ("/api/case/export", ["case", "export", str(WEB_CASE), "--format", "json"]),
    ("/api/forecast", ["forecast", str(WEB_CASE), "--format", "json"]),
    ("/api/forecast?issue=embargo&model=median&model=nash&draws=50&seed=7",
     ["forecast", str(WEB_CASE), "--issue", "embargo", "--model", "median", "--model", "nash", "--draws", "50",
      "--seed", "7", "--format", "json"]),
    ("/api/game", ["game", str(WEB_CASE), "--format", "json"]),
    ("/api/game?period=early&draws=20&seed=3", ["game", str(WEB_CASE), "--period", "early", "--draws", "20",
                                                "--seed", "3", "--format", "json"]),
    ("/api/claims", ["claims", str(WEB_CASE), "--format", "json"]),
])
def test_api_matches_cli_json(web_client, api, args):
    r = web_client.get(api)
    assert r.status_code == 200, r.text
    assert r.json() == _cli_json(*args)


def test_documents_match_cli_without_server_paths(web_client):
    url = web_client.app.state.config.db_url
    api = web_client.get("/api/evidence/documents").json()
    cli = _cli_json("documents", "--db", url, "--format", "json")
    data_dir = str(web_client.app.state.config.data_dir)
    assert data_dir not in str(api) and data_dir in str(cli)  # the store's folder stays on the server
    assert api["db"] == "sqlite:equipoise.db"
    assert api["documents"] == [d | {"path": Path(d["path"]).name} for d in cli["documents"]]


def test_triangle_matches_cli(web_client):
    pytest.importorskip("equipoise.cli.structure", reason="the structure CLI is not installed")
    r = web_client.get("/api/triangle?a=AAA&b=BBB&c=CCC&period=early")
    assert r.json() == _cli_json("triangle", "AAA", "BBB", "CCC", str(WEB_CASE), "--period", "early",
                                 "--format", "json")


def test_triangle_result(web_client):
    r = web_client.get("/api/triangle?a=AAA&b=BBB&c=CCC&period=early&draws=0")
    data = r.json()
    assert data["configuration"] == "stable_marriage"
    assert data["roles"] == {"AAA": "partner", "BBB": "partner", "CCC": "pariah"}


def test_events_and_locator(web_client):
    data = web_client.get("/api/events?actor=CCC").json()
    assert [e["id"] for e in data["events"]] == ["e2", "e3"] and data["count"] == 2
    loc = web_client.get("/api/evidence/locator/memo:3:1").json()
    assert [s["text"][:29] for s in loc["sentences"]] == ["Betastan imposed an embargo o"]
    assert {v["key"] for v in loc["values"]} >= {"event/e2", "relation/AAA-CCC@early"}


def test_scenario_api(web_client):
    names = [s["key"] for s in web_client.get("/api/scenarios").json()]
    assert "saved:reconcile" in names
    data = web_client.post("/api/scenarios/run?name=saved:reconcile").json()
    assert data["period"] == "late"
    kinds = {d["kind"] for d in data["differences"]}
    assert {"game", "forecast"} <= kinds


def test_api_errors_are_json(web_client):
    r = web_client.get("/api/forecast?model=oracle")
    assert r.status_code == 400 and "unknown model 'oracle'" in r.json()["error"]
    r = web_client.get("/api/events?period=never")
    assert r.status_code == 400 and r.json()["error"].startswith("period: unknown period 'never'")
    r = web_client.get("/api/game?draws=-1")
    assert r.status_code == 400 and "draws" in r.json()["error"]
    r = web_client.get("/api/evidence/documents/999")
    assert r.status_code == 404
    r = web_client.post("/api/scenarios/run?name=../../etc/passwd")
    assert r.status_code == 400 and "unknown scenario" in r.json()["error"]


def test_openapi_schema_lists_the_api(web_client):
    paths = web_client.get("/openapi.json").json()["paths"]
    for p in ("/api/case", "/api/case/validate", "/api/events", "/api/evidence/documents", "/api/triangle",
              "/api/balance", "/api/forecast", "/api/game", "/api/claims", "/api/scenarios", "/api/scenarios/run"):
        assert p in paths
    assert not any(not p.startswith("/api/") for p in paths)  # pages stay out of the schema


def _untimed(obj):
    """Drop wall-clock ``seconds`` fields, the one part of a result that differs between runs."""
    if isinstance(obj, dict):
        return {k: _untimed(v) for k, v in obj.items() if k != "seconds"}
    if isinstance(obj, list):
        return [_untimed(v) for v in obj]
    return obj


def test_balance_matches_cli(web_client):
    pytest.importorskip("equipoise.cli.structure", reason="the structure CLI is not installed")
    assert _untimed(web_client.get("/api/balance?period=late").json()) == _untimed(_cli_json(
        "balance-case", str(WEB_CASE), "--period", "late", "--format", "json"))
    assert _untimed(web_client.get("/api/balance?period=late&weighted=false").json()) == _untimed(_cli_json(
        "balance-case", str(WEB_CASE), "--period", "late", "--unweighted", "--format", "json"))
