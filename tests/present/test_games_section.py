"""The report's games section on the default case: verdicts, the computed account of a miss, the triangle link."""

from __future__ import annotations

import re

import pytest

from equipoise.case import load_case
from equipoise.present.sections import games


@pytest.fixture(scope="module")
def section():
    return games.build(load_case(), seed=5)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u200b", "")


def test_every_game_and_period_has_a_row(section):
    results = section.data["games"]
    assert not section.data["failures"]
    main = ("soviet_bloc", "soviet_split", "soviet_detente", "soviet_late", "rupture", "revival", "turn1", "turn2",
            "turn3", "war2022", "treaty2024", "since2025")
    sanctions = main[main.index("revival"):]  # no UN sanctions on North Korea before 2006: not applicable
    assert {(r["game"], r["period"]) for r in results} == {
        (g, p) for g in ("patrons", "unsc", "triangle") for p in (sanctions if g == "unsc" else main)}
    assert "soviet_bloc: not applicable" in section.html


def test_disagreement_is_explained_with_numbers(section):
    text = _text(section.html)
    m = re.search(r"Where the model and the documents part ways, soviet_late\. The model has PRK play balance , "
                  r"which pays (\d\.\d{3}) more than lean_russia", text)
    assert m and float(m.group(1)) > 0
    assert "Analyst's account:" in text and "treaty allies" in text
    assert "Assumed rk = 0 in soviet_bloc, soviet_split, soviet_detente, soviet_late, rupture, revival, turn1" in text


def test_triangle_game_beside_triangle_analysis(section):
    rows = section.data["triangles"]["triangle"]
    assert [r["period"] for r in rows][-2:] == ["treaty2024", "since2025"]
    assert all(r["relations"] == r["game"] == "stable_marriage" and r["same"] == "yes" for r in rows[-2:])
    assert 'href="#game-triangle"' not in section.html  # the link lives in the structure section
    assert "Beside the triangle analysis" in section.html
