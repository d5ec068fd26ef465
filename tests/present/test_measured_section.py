"""The "Judged and measured" report section and web page: structure, steps for judged periods, disagreements."""

import json

import pytest
from fastapi.testclient import TestClient

from equipoise.case import load_case
from equipoise.present.sections import SECTION_MODULES
from equipoise.present.sections.measured import build, dyad_figure, key_dyads
from equipoise.present.web import create_app

# with the header and actors AAA, BBB, CCC of the `judged_case` fixture (tests/conftest.py)
SECTIONS = """
sources:
  - {id: votes, title: Made-up votes, kind: dataset}
periods:
  - {id: p1, name: One, start: 2000-01-01, end: 2001-12-31}
  - {id: p2, name: Two, start: 2002-01-01, end: 2003-12-31}
relations:
  - {actors: [AAA, BBB], period: p1, value: {value: 0.5, range: [0.3, 0.7]}, note: Warm in the analyst's view.}
  - {actors: [AAA, BBB], period: p2, value: {value: 0.6, range: [0.4, 0.8]}, note: Warmer still.}
  - {actors: [AAA, CCC], period: p1, value: {value: -0.5, range: [-0.7, -0.3]}}
  - {actors: [AAA, CCC], period: p2, value: {value: -0.5, range: [-0.7, -0.3]}}
"""
#: unga_kappa points (year, value, n) of the dyads AAA-BBB ("AB"), ... (see the `judged_case` fixture)
KAPPA = {"AB": [(2000, 0.5, 30), (2002, -0.4, 30)],
         "AC": [(2000, 0.1, 40), (2003, 0.2, 40)]}



@pytest.fixture
def case(judged_case):
    return load_case(judged_case(SECTIONS, KAPPA))


def test_registered():
    assert "measured" in SECTION_MODULES


def test_section(case):
    s = build(case)
    assert s.id == "measured" and s.title == "Judged and measured"
    assert "4 of 4 judged dyad-periods" in s.html
    # AAA-BBB in p2: judged +0.6, kappa -0.4 is the lowest of the four -> scaled negative: listed with the note
    assert "Warmer still." in s.html and "signs disagree" in s.html
    assert s.data["relations"][0]["judged"] == {"value": 0.5, "low": 0.3, "high": 0.7}
    json.dumps(s.data)


def test_steps_and_ranges(case):
    from equipoise.analysis.measure.relations import compare_relations
    res = compare_relations(case)
    rows = [r for r in res.relations if r.dyad == ("AAA", "BBB")]
    fig = dyad_figure(case, ("AAA", "BBB"), rows)
    judged = next(t for t in fig.data if t.name == "judged")
    # two periods, each a flat step (start, end, gap) at its judged value
    assert list(judged.y) == [0.5, 0.5, None, 0.6, 0.6, None]
    assert judged.x[0] == 2000.0 and judged.x[3] == 2002.0
    band = next(t for t in fig.data if t.name == "judged range")
    assert list(band.y) == [0.3, 0.3, None, 0.4, 0.4, None] and band.fill == "tonexty"
    kappa = next(t for t in fig.data if t.name == "UNGA kappa")
    assert list(kappa.y) == [0.5, -0.4]
    assert key_dyads(case, {("AAA", "BBB"), ("AAA", "CCC")}) == [("AAA", "BBB"), ("AAA", "CCC")]


def test_web_page_and_api(tmp_path):
    client = TestClient(create_app(data_dir=tmp_path), raise_server_exceptions=False, base_url="http://localhost")
    r = client.get("/measured")
    assert r.status_code == 200, r.text[-500:]
    assert "<h1>Judged and measured</h1>" in r.text and 'aria-current="page"' in r.text
    d = client.get("/api/measured").json()
    assert set(d) >= {"relations", "agreement"} and d["n_measured_independently"] >= 10
