"""DEU skill table: hand-computed on a two-issue example; the shipped table recomputed from the shared data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from equipoise.analysis.bargaining.deu import DeuIssue
from equipoise.analysis.validation.skill import deu_skill, model_lineup, shipped_deu_skill

ROOT = Path(__file__).resolve().parents[3]
DEU = next((p for p in (ROOT / "shared", ROOT.parent / "shared") if p.is_dir()), ROOT.parent / "shared") \
    / "data" / "deu" / "deu_1996_2000.tsv"
TOY = ROOT / "tests" / "cases" / "toy.yaml"


def test_skill_by_hand():
    """Two actors at 0 and 100, equal weights: compromise 50. Outcomes 40 and 90: the compromise misses by
    10 and 40 (MAE 25), the constant 50 the same; a median with the lower tie at 0 misses by 40 and 90."""
    iss = [DeuIssue(f"i{k}", f"p{k}", "x", "COD", "QMV", ("a", "b"), np.array([0.0, 100.0]), np.array([50.0, 50.0]),
                    np.ones(2), 0.0, out, 3) for k, out in enumerate((40.0, 90.0))]
    d = deu_skill(iss, ["compromise", "median"])
    assert d["constant_50_mae"] == 25.0 and d["models"]["compromise"]["mae"] == 25.0
    assert d["models"]["compromise"]["skill_vs_constant"] == 0.0
    assert d["models"]["median"]["mae"] == 65.0 and d["models"]["median"]["skill_vs_constant"] == pytest.approx(-1.6)


@pytest.mark.skipif(not DEU.exists(), reason="shared DEU data not present")
def test_shipped_table_matches_the_data():
    from equipoise.analysis.bargaining import read_deu_tsv
    fresh, shipped = deu_skill(read_deu_tsv(DEU)), shipped_deu_skill()
    assert fresh["n"] == shipped["n"] and fresh["constant_50_mae"] == pytest.approx(shipped["constant_50_mae"])
    for m, row in shipped["models"].items():
        assert fresh["models"][m]["mae"] == pytest.approx(row["mae"]), "run: python tools/build_deu_skill.py"


def test_lineup_warns_where_a_model_loses_to_the_constant():
    from equipoise.case import load_case
    lineup = model_lineup(load_case(TOY), seed=1)
    rows = {r["model"]: r for r in lineup.rows}
    assert set(rows) == {"compromise", "median", "nash", "expected-utility"}
    # the toy's one scored outcome: every model misses by 20 like the constant 50 -> skill 0 -> warned
    assert rows["compromise"]["case_vs_constant"] == pytest.approx(0.0)
    assert any(w.startswith("compromise: worse than a constant 50 on this case") for w in lineup.warnings())
    losers = [m for m, r in rows.items() if r["deu_vs_constant"] is not None and r["deu_vs_constant"] <= 0]
    assert all(any(w.startswith(f"{m}: worse than a constant forecast of 50 on DEU") for w in lineup.warnings())
               for m in losers)
