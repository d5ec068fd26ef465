"""Veto counts and joint vetoes on a small hand-made list (coding traps: USSR = Russia; China seat)."""

import datetime as dt

import pytest

from equipoise.analysis.measure.vetoes import joint_vetoes, veto_counts
from equipoise.evidence.votes import LATER_VETOES, BadRows, read_vetoes

CSV = """year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3
1950,9/6/1950,9,S/1653,S/PV.496,Complaint of aggression,Korea,East Asia,USSR,,
1955,12/13/1955,12,S/3502,S/PV.704,Admission of new members,Mongolia,East Asia,China,,
1972,8/25/1972,8,S/10771,S/PV.1660,Admission of new members,Bangladesh,South Asia,China,,
2022,5/26/2022,5,S/2022/431,S/PV.9048,Non-proliferation - DPRK,North Korea,East Asia,China,Russia,
2022,13/40/2022,5,S/2022/999,S/PV.1,bad date,x,y,Russia,,
2022,5/27/2022,5,S/2022/998,S/PV.1,bad member,x,y,Prussia,,
"""


def test_read_and_count(tmp_path):
    p = tmp_path / "v.csv"
    p.write_text(CSV)
    bad = BadRows()
    vs = read_vetoes(p, bad=bad)
    assert bad.count == 2 and bad.messages[0].startswith(f"{p}:6: date")
    assert bad.messages[1].startswith(f"{p}:7: member_veto")
    assert [v.members for v in vs] == [("RUS",), ("TWN",), ("CHN",), ("CHN", "RUS")]
    rows = {(r.actors, r.year): r.vetoes for r in veto_counts(vs + list(LATER_VETOES)).rows}
    assert rows == {(("RUS",), 1950): 1, (("TWN",), 1955): 1, (("CHN",), 1972): 1, (("CHN",), 2022): 1,
                    (("RUS",), 2022): 1, (("RUS",), 2024): 1}
    korea = veto_counts(vs + list(LATER_VETOES), topic="korea", members=["RUS"]).rows
    assert [(r.year, r.drafts) for r in korea] == [(1950, ("S/1653",)), (2022, ("S/2022/431",)),
                                                   (2024, ("S/2024/255",))]
    assert [(r.year, r.vetoes) for r in joint_vetoes(vs, "RUS", "CHN").rows] == [(2022, 1)]


def test_later_veto_is_cited():
    (v,) = LATER_VETOES
    assert v.date == dt.date(2024, 3, 28) and v.draft == "S/2024/255" and "SC/15648" in v.source


def test_not_a_veto_list(tmp_path):
    p = tmp_path / "v.csv"
    p.write_text("a,b\n")
    from equipoise.errors import EvidenceError
    with pytest.raises(EvidenceError, match="v.csv:1: not a veto list"):
        read_vetoes(p)
