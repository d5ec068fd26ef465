"""Structure of the default case's figures: derived and estimated points carry a range."""

from __future__ import annotations

from equipoise.case import load_case


def test_derived_and_estimated_points_of_the_default_case_carry_a_range():
    """Structure: no derived or estimated figure is presented as exact."""
    case = load_case()
    pts = [p for i in case.indicators for p in i.points if p.status in ("derived", "estimate")]
    assert pts and all(p.low is not None and p.high is not None and p.low <= p.value <= p.high for p in pts)
