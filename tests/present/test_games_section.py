"""The report's games section: the computed account of a miss on the invented toy case (hand-computed gap),
structure only on the default case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from equipoise.case import load_case
from equipoise.present.sections import games

TOY = Path(__file__).resolve().parents[1] / "cases" / "toy.yaml"


@pytest.fixture(scope="module")
def section():
    return games.build(load_case(TOY), seed=5)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u200b", "")


def test_every_game_and_period_has_a_row(section):
    assert not section.data["failures"]
    assert {(r["game"], r["period"]) for r in section.data["games"]} == {
        ("talks", p) for p in ("early", "middle", "late")}


def test_disagreement_is_explained_with_numbers(section):
    """Late years: refusing pays 0.5 more than talking against a refusal, whatever r (tests/cases/toy.yaml)."""
    text = _text(section.html)
    m = re.search(r"Where the model and the documents part ways, late\. The model has AAA play refuse , "
                  r"which pays (\d\.\d{3}) more than talk", text)
    assert m and float(m.group(1)) == pytest.approx(0.5)
    assert "Analyst's account:" in text and "cannot produce once relations are hostile" in text
    assert "Assumed r = 0 in middle" in text


def test_default_case_section_builds():
    """Structure only: one row per game and period the default case declares."""
    from equipoise.analysis.games.case import game_periods
    case = load_case()
    sec = games.build(case, seed=5)
    rows = {(r["game"], r["period"]) for r in sec.data["games"]} | {
        (f["game"], f["period"]) for f in sec.data["failures"] + sec.data["not_applicable"]}
    assert rows == {(g.id, p) for g in case.games for p in game_periods(case, g)}
