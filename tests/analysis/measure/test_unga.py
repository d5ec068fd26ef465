"""UNGA similarity measures against values computed by hand on tiny fixtures.

Formulas: S-score, Signorino & Ritter (1999), ISQ 43(1):115-144, S = 1 - 2 d/d_max
(L1 distance over roll calls, yes=1, abstain=0.5, no=0); Cohen's kappa as
recommended by Häge (2011), Political Analysis 19(3):287-305,
kappa = (p_o - p_e) / (1 - p_e).
"""

import json

import pytest
from typer.testing import CliRunner

from equipoise.analysis.measure.unga import agreement_share, cohen_kappa, ideal_point_distance, s_score, unga_dyad
from equipoise.cli import app
from equipoise.errors import EvidenceError, ModelInputError
from equipoise.evidence.votes import read_ideal_points, read_unga

VOTES = """rcid,country,country_code,vote
1,Russia,RU,yes
1,Cuba,CU,yes
2,Russia,RU,no
2,Cuba,CU,yes
3,Russia,RU,abstain
3,Cuba,CU,no
4,Russia,RU,yes
4,Cuba,CU,no
5,Russia,RU,yes
5,Cuba,CU,yes
5,China,CN,no
5,Taiwan,TW,yes
6,Russia,RU,maybe
6,China,CN,yes
6,Cuba,CU,yes
7,North Korea,KP,yes
7,Russia,RU,yes
8,Russia,RU,yes
8,Cuba,CU,no
"""
CALLS = """rcid,session,importantvote,date,unres
1,5,0,1950-10-01,R/5/1
2,5,1,1950-11-01,R/5/2
3,5,0,1950-12-01,R/5/3
4,5,0,1950-12-02,R/5/4
5,26,0,1971-10-01,R/26/1
6,26,0,1971-11-10,R/26/2
7,46,0,1991-10-20,R/46/1
8,46,0,1991-10-21,R/46/2
"""
ISSUES = """rcid,short_name,issue
1,nu,Nuclear weapons
4,nu,Nuclear weapons
"""


@pytest.fixture
def files(tmp_path):
    out = []
    for name, text in (("votes.csv", VOTES), ("calls.csv", CALLS), ("issues.csv", ISSUES)):
        (tmp_path / name).write_text(text)
        out.append(tmp_path / name)
    return out


def test_statistics_by_hand():
    # x = (yes, no, abstain, yes), y = (yes, yes, no, no)
    x, y = [1, 0, 0.5, 1], [1, 1, 0, 0]
    assert agreement_share(x, y) == 0.25
    # |x-y| = 0, 1, 0.5, 1 -> d = 2.5, d_max = 4 -> S = 1 - 5/4
    assert s_score(x, y) == pytest.approx(-0.25)
    # p_o = 1/4; x marginals (yes 1/2, abst 1/4, no 1/4), y (1/2, 0, 1/2): p_e = 1/4 + 0 + 1/8 = 3/8
    assert cohen_kappa(x, y) == pytest.approx((0.25 - 0.375) / (1 - 0.375))
    assert s_score([], []) is None and agreement_share([], []) is None
    assert cohen_kappa([1, 1], [1, 1]) is None  # p_e = 1: undefined, not 1


def test_dyad_years_votes_both_cast(files):
    data = read_unga(files)
    res = unga_dyad(data, "SUN", "CUB")  # Soviet Union and Russia: one series under RU
    rows = {r.year: r for r in res.rows}
    # 1950: rcids 1-4 -> x=(1,0,.5,1), y=(1,1,0,0): the hand example above
    assert rows[1950].n == 4 and rows[1950].agreement == 0.25 and rows[1950].s_score == pytest.approx(-0.25)
    # 1971: rcid 5 only (rcid 6's Russian vote 'maybe' is a bad row)
    assert rows[1971].n == 1 and rows[1971].agreement == 1.0
    assert res.to_dict()["rows"][0]["year"] == 1950
    assert unga_dyad(data, "RUS", "CUB").rows == res.rows


def test_bad_rows_counted_with_file_and_line(files):
    data = read_unga(files)
    assert data.bad.count == 1
    assert data.bad.messages[0] == f"{files[0]}:14: vote: expected yes, abstain or no"


def test_china_seat_and_koreas(files):
    data = read_unga(files)
    # The CN vote of 1 Oct 1971 (rcid 5) sits before resolution 2758: it is the ROC's, not the PRC's.
    chn = {r.year: r for r in unga_dyad(data, "CHN", "CUB").rows}
    assert chn[1971].n == 1  # rcid 6 only (10 Nov 1971)
    twn = unga_dyad(data, "TWN", "CUB").rows
    assert [r.n for r in twn] == [1]  # rcid 5 (TW) only; the CN row on rcid 5 is a second ROC vote, deduplicated
    # North Korea has no vote before 1991: no row, never a zero
    prk = unga_dyad(data, "PRK", "RUS")
    assert [(r.year, r.n, r.agreement) for r in prk.rows] == [(1991, 1, 1.0)]
    assert unga_dyad(data, "PRK", "CUB").rows == ()


def test_issue_and_important_filters(files):
    data = read_unga(files)
    nu = unga_dyad(data, "RUS", "CUB", issue="nu").rows
    assert [(r.year, r.n, r.agreement) for r in nu] == [(1950, 2, 0.5)]  # rcid 1 agree, rcid 4 disagree
    imp = unga_dyad(data, "RUS", "CUB", important=True).rows
    assert [(r.year, r.n, r.s_score) for r in imp] == [(1950, 1, -1.0)]
    with pytest.raises(ModelInputError, match="unknown issue"):
        unga_dyad(data, "RUS", "CUB", issue="zz")
    r = unga_dyad(data, "RUS", "CUB", start=1960, end=1980)
    assert [x.year for x in r.rows] == [1971]


def test_unrecognised_file(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n")
    with pytest.raises(EvidenceError, match=r"x.csv:1: not a UNGA votes"):
        read_unga([p])


def test_ideal_point_distance_by_hand(tmp_path):
    p = tmp_path / "ip.csv"
    p.write_text("ccode,session,NVotesAll,IdealPointAll,Q5%All,Q95%All,iso3c,Countryname\n"
                 "365,70,80,-1.0,-1.329,-0.671,RUS,Russia\n"
                 "731,70,60,-2.0,-2.329,-1.671,PRK,North Korea\n"
                 "731,71,60,-2.0,-2.329,-1.671,PRK,North Korea\n")
    res = ideal_point_distance(read_ideal_points(p), "RUS", "PRK")
    (row,) = res.rows  # session 71: Russia has no estimate -> no row
    # sd of each = 0.658/3.29 = 0.2; sd of the difference = 0.2*sqrt(2); 90% half-width 1.645*0.28284 = 0.46529
    assert (row.session, row.year, row.distance, row.n) == (70, 2015, 1.0, 60)
    assert row.low == pytest.approx(1 - 0.465276, abs=1e-4) and row.high == pytest.approx(1 + 0.465276, abs=1e-4)


def test_cli_unga_json_and_errors(files, tmp_path):
    r = CliRunner().invoke(app, ["measure", "unga", *map(str, files), "--dyad", "RUS", "CUB", "--format", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["rows"][0] == {"year": 1950, "agreement": 0.25, "s_score": -0.25, "kappa": pytest.approx(-0.2), "n": 4}
    assert d["bad"]["count"] == 1
    r = CliRunner().invoke(app, ["measure", "unga", str(tmp_path / "nope.csv"), "--dyad", "RUS", "CUB"])
    assert r.exit_code == 1 and r.stderr.strip() == f"Error: {tmp_path / 'nope.csv'}: no such file"
    r = CliRunner().invoke(app, ["measure", "unga", *map(str, files), "--dyad", "RUS", "XXX"])
    assert r.exit_code == 1 and "unknown country code 'XXX'" in r.stderr
