"""The report's structure section renders every analysis, escaped, with JSON data."""

from __future__ import annotations

import json

from equipoise.present.sections import structure


def test_section_on_small_case(make_case):
    case = make_case([("RUS", "CHN", "p1", 0.5), ("RUS", "USA", "p1", -0.5), ("CHN", "USA", "p1", -0.4),
                      ("PRK", "RUS", "p1", 0.4), ("PRK", "CHN", "p1", 0.6), ("PRK", "USA", "p1", -0.9)],
                     actors=["CHN", "KOR", "PRK", "RUS", "USA"])
    case.periods[0].name = "<b>One</b>"
    sec = structure.build(case, seed=2)
    assert sec.id == "structure"
    assert "&lt;b&gt;One&lt;/b&gt;" in sec.html and "<b>One</b>" not in sec.html
    assert "<script" in sec.html and "plotly.js" not in sec.html.lower()[:200]
    data = json.loads(json.dumps(sec.to_dict()))["data"]
    tri = {t["label"]: t for t in data["triangles"]}
    assert tri["RUS–CHN–USA"]["cells"][0]["configuration"] == "stable_marriage"
    assert "error" in tri["RUS–KOR–PRK"]["cells"][0]  # no KOR relations: reported, not fatal
    assert data["balance"][0]["frustration"] == 0
    assert "error" in data["balance"][1]  # p2 has no relations
    assert data["hedging"][0]["periods"][0]["index"] == 0.8
