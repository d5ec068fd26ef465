"""The report section and web page "How well does the model predict?" on the invented toy case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from equipoise.case import load_case
from equipoise.present.sections import SECTION_MODULES, backtest

TOY = Path(__file__).resolve().parents[1] / "cases" / "toy.yaml"


@pytest.fixture(scope="module")
def section():
    return backtest.build(load_case(TOY), seed=1)


def test_registered():
    assert "backtest" in SECTION_MODULES


def test_section_shows_models_beside_baselines(section):
    assert section.title == "How well does the model predict?"
    methods = {(e["kind"], e["method"]) for e in section.data["table"]}
    assert {("bargaining", "compromise"), ("bargaining", "persistence"), ("bargaining", "constant 50")} <= methods
    # the toy's bargaining models all miss by 20 like the baselines: the section says they do not beat them
    assert "does not beat" in section.html and "Where a model does not beat its baseline" in section.html
    json.dumps(section.to_dict())


def test_web_page(tmp_path):
    from equipoise.present.web import create_app
    client = TestClient(create_app(TOY, data_dir=tmp_path), raise_server_exceptions=False, base_url="http://localhost")
    r = client.get("/validation")
    assert r.status_code == 200 and "How well does the model predict?" in r.text and "does not beat" in r.text
    data = client.get("/api/validation").json()
    assert data["table"] and {i["label"] for i in data["robustness"]["items"]} <= {"robust", "fragile"}
    assert "robust" in r.text and "fragile" in r.text  # every claim and expectation carries its label
