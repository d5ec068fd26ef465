"""Readers of bargaining inputs: KTAB scenario CSV, simple CSV, DEU table; errors name file, line, field."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from equipoise.analysis.bargaining import make_input, read_deu_tsv, read_ktab_csv, read_scenario_file, read_simple_csv
from equipoise.errors import ModelInputError

from shared_paths import DATA as SHARED  # noqa: E402
KTAB = """China Policy/Competitive; scen 2,Scenario-0002;Combined, 3, 2, 
Actor,Description,Influence,Policy Position,Policy Salience,Competitive Position,Competitive Salience, 
XJ,Xi Jinping,   100.0,30,24.0,20,48.0, 
LK,Li Keqiang,    60.2,45,44.7,65,41.3, 
ZG,Zhang Gaoli,   35.0,30,28.9,15,65.1, 
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_ktab_two_dimensions(tmp_path):
    pol, comp = read_ktab_csv(write(tmp_path, "s.csv", KTAB))
    assert (pol.name, comp.name) == ("Policy", "Competitive")
    assert pol.actors == ("XJ", "LK", "ZG")
    np.testing.assert_allclose(pol.capability, [100, 60.2, 35])
    np.testing.assert_allclose(comp.position, [20, 65, 15])
    np.testing.assert_allclose(comp.salience, [48, 41.3, 65.1])


@pytest.mark.skipif(not (SHARED / "ktab" / "SOE-Pol-Comp.csv").exists(), reason="shared KTAB data not present")
def test_ktab_shared_files():
    dims = read_ktab_csv(SHARED / "ktab" / "SOE-Pol-Comp.csv")
    assert [d.n for d in dims] == [13, 13]
    assert dims[0].position[0] == 30 and dims[0].salience[0] == 24.0 and dims[0].capability[0] == 100
    for f in ("SOE-Policy.csv", "SOE-Competitive.csv"):
        assert len(read_scenario_file(SHARED / "ktab" / f)) == 1


def test_simple_csv_with_ranges(tmp_path):
    p = write(tmp_path, "s.csv", "actor,position,position_low,position_high,salience,capability\n"
                                 "RUS,80,70,90,90,10\nPRK,95,,,100,2\n")
    inp = read_scenario_file(p)[0]
    assert inp.actors == ("RUS", "PRK") and inp.uncertain
    np.testing.assert_allclose(inp.position_range, [[70, 90], [95, 95]])
    assert read_simple_csv(p).name == "s"


@pytest.mark.parametrize("text, message", [
    ("actor,position,salience\nA,1,2\n", r"s\.csv:1: missing column\(s\) capability"),
    ("actor,position,salience,capability\nA,10,50,1\nB,x,50,1\n", r"s\.csv:3: position: expected a number, got 'x'"),
    ("actor,position,salience,capability\nA,10,50,1\nB,120,50,1\n", r"s\.csv:3: position: B: expected \[0, 100\], got 120"),
    ("actor,position,salience,capability\nA,10,-5,1\nB,20,50,1\n", r"s\.csv:2: salience: A: expected \[0, 100\], got -5"),
    ("actor,position,salience,capability\nA,10,50,-1\nB,20,50,1\n", r"s\.csv:2: capability: A: expected a number >= 0"),
    ("actor,position,salience,capability\nA,10,50,1\n", r"s\.csv: s: a bargaining model needs at least two actors, got 1"),
    ("actor,position,salience,capability\nA,10,0,1\nB,20,50,0\n", r"all weights .* are zero"),
])
def test_simple_csv_errors(tmp_path, text, message):
    with pytest.raises(ModelInputError, match=message):
        read_simple_csv(write(tmp_path, "s.csv", text))


def test_ktab_errors(tmp_path):
    bad = KTAB.replace("LK,Li Keqiang,    60.2,45", "LK,Li Keqiang,    sixty,45")
    with pytest.raises(ModelInputError, match=r"s\.csv:4: Influence: expected a number, got 'sixty'"):
        read_ktab_csv(write(tmp_path, "s.csv", bad))
    short = KTAB.replace("ZG,Zhang Gaoli,   35.0,30,28.9,15,65.1, ", "ZG,Zhang Gaoli,   35.0,30")
    with pytest.raises(ModelInputError, match=r"s\.csv:5: expected 7 columns, got 4"):
        read_ktab_csv(write(tmp_path, "s.csv", short))


def test_make_input_range_must_contain_value():
    with pytest.raises(ModelInputError, match="expected low <= value <= high"):
        make_input(["A", "B"], [10, 20], [50, 50], [1, 1], position_range=[(15, 30), (20, 20)])


DEU_HEAD = "prnr\tisnr\tproc\tcounvte\tpcom\tpep\tpde\tpfr\tscom\tsep\tsde\tsfr\trp\tout\n\t\t\t\t4.1\t4.1\t4.1\t2.8\t\t\t\t\t\t\n"


def test_deu_reader(tmp_path):
    p = write(tmp_path, "d.tsv", DEU_HEAD + "x1\tx1i1\tCOD\tQMV\t100\t\t0\t50\t50\t\t80\t20\t0\t60\n"
                                            "x1\tx1i2\tCNS\tUnan\t0\t100\t100\t\t50\t50\t\t\t\t\n")
    a, b = read_deu_tsv(p)
    assert a.actors == ("com", "de", "fr") and a.reference == 0 and a.outcome == 60 and a.procedure == "COD"
    np.testing.assert_allclose(a.gdp, [4.1, 4.1, 2.8])
    assert b.actors == ("com", "ep", "de") and b.outcome is None and b.salience[2] == 0 and b.rule == "Unan"


def test_deu_reader_errors(tmp_path):
    with pytest.raises(ModelInputError, match=r"d\.tsv:3: pde: expected a number, got 'lots'"):
        read_deu_tsv(write(tmp_path, "d.tsv", DEU_HEAD + "x\tx1\tCOD\tQMV\t100\t\tlots\t50\t50\t\t80\t20\t0\t60\n"))
    with pytest.raises(ModelInputError, match=r"d\.tsv:3: sfr: expected a number in \[0, 100\], got 120"):
        read_deu_tsv(write(tmp_path, "d.tsv", DEU_HEAD + "x\tx1\tCOD\tQMV\t100\t\t0\t50\t50\t\t80\t120\t0\t60\n"))
    with pytest.raises(ModelInputError, match=r"d\.tsv:1: missing column\(s\) out"):
        read_deu_tsv(write(tmp_path, "d.tsv", DEU_HEAD.replace("\tout", "\tresult") + "x\tx1\tCOD\n"))
