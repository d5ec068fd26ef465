"""Actor labels on the default case (structure only)."""

from __future__ import annotations

import pytest

from equipoise.case import load_case
from equipoise.present.summary import actor_label


def test_successor_state_label_says_it_stands_for_its_predecessor():
    case = load_case()
    rus = next(a for a in case.actors if a.code == "RUS")
    if not rus.predecessor:
        pytest.skip("the default case no longer links Russia to the Soviet Union")
    early = min(case.periods, key=lambda p: p.first_day)
    assert actor_label(case, "RUS", early).startswith("Russia (Soviet Union until ")
    late = max(case.periods, key=lambda p: p.first_day)
    assert actor_label(case, "RUS", late) == "Russia"
