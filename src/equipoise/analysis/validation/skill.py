"""How well each bargaining model forecasts, beside the baselines: on the DEU data and on the case's own history.

The DEU figures are computed from Arregui & Perarnaud's DEU III file (issues with
proposals introduced 1996-2000) by ``tools/build_deu_skill.py`` and shipped with
the package (``data/deu_skill.json``), since the data are not part of the package;
a test recomputes them when the shared data are present. The case's own figures
come from the rolling-origin backtest (:mod:`.backtest`).

A model whose mean absolute error is not below the constant forecast of 50 (the
middle of the scale) carries a warning wherever its forecasts are shown.

References
----------
Arregui, J. & Perarnaud, C. (2021). The Decision-making in the European Union
(DEU III) dataset, doi:10.34810/data53.
Thomson, R., Stokman, F. N., Achen, C. H. & König, T. (eds.) (2006). *The European
Union Decides*. Cambridge University Press.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Sequence

import numpy as np

__all__ = ["deu_skill", "shipped_deu_skill", "ModelLineup", "model_lineup", "DEU_SOURCE"]

DEU_SOURCE = ("Arregui & Perarnaud (2021), DEU III, doi:10.34810/data53: issues with proposals introduced "
              "1996-2000 and a recorded outcome")


def deu_skill(issues, models: Sequence[str] | None = None) -> dict:
    """MAE of each model on the DEU issues with an outcome, beside the constant 50 and the compromise model."""
    from ..bargaining.deu import DEU_DEFAULT_MODELS, deu_forecasts, deu_model
    from .scores import skill
    models = list(models or DEU_DEFAULT_MODELS)
    scored = [i for i in issues if i.outcome is not None]
    y = np.array([i.outcome for i in scored])
    const = float(np.abs(50.0 - y).mean())
    mae = {m: float(np.abs(deu_forecasts(scored, deu_model(m)) - y).mean()) for m in models}
    comp = mae.get("compromise") or float(np.abs(deu_forecasts(scored, deu_model("compromise")) - y).mean())
    return {"source": DEU_SOURCE, "n": len(scored), "constant_50_mae": const, "compromise_mae": comp,
            "models": {m: {"mae": v, "skill_vs_constant": skill(v, const), "skill_vs_compromise": skill(v, comp)}
                       for m, v in mae.items()}}


def shipped_deu_skill() -> dict:
    """The DEU skill table shipped with the package (see ``tools/build_deu_skill.py``)."""
    text = resources.files("equipoise.analysis.validation").joinpath("data", "deu_skill.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class ModelLineup:
    """Each bargaining model's skill on DEU and on the case's own history, with warnings."""

    rows: tuple[dict, ...]
    deu_source: str
    case_origins: tuple[str, ...]

    def warnings(self) -> list[str]:
        out = []
        for r in self.rows:
            if r["deu_vs_constant"] is not None and r["deu_vs_constant"] <= 0:
                out.append(f"{r['model']}: worse than a constant forecast of 50 on DEU (MAE {r['deu_mae']:.1f} vs "
                           f"{r['deu_constant']:.1f}); not a forecast to rely on.")
            if r["case_vs_constant"] is not None and r["case_vs_constant"] <= 0:
                out.append(f"{r['model']}: worse than a constant 50 on this case's own history "
                           f"(skill {r['case_vs_constant']:+.2f}).")
            if r["case_vs_persistence"] is not None and r["case_vs_persistence"] <= 0:
                out.append(f"{r['model']}: worse than 'same outcome as last period' on this case's own history "
                           f"(skill {r['case_vs_persistence']:+.2f}).")
        return out

    def summary(self) -> str:
        lines = ["model skill (1 - MAE/MAE of the baseline; above 0 beats it):"]
        for r in self.rows:
            f = lambda v: "n/a" if v is None else f"{v:+.2f}"  # noqa: E731
            lines.append(f"  {r['model']}: DEU vs constant {f(r['deu_vs_constant'])}, vs compromise "
                         f"{f(r['deu_vs_compromise'])}; case history vs persistence {f(r['case_vs_persistence'])}, "
                         f"vs constant {f(r['case_vs_constant'])}")
        return "\n".join(lines + [f"  ! {w}" for w in self.warnings()])

    def to_dict(self) -> dict:
        return {"rows": list(self.rows), "warnings": self.warnings(), "deu_source": self.deu_source,
                "case_origins": list(self.case_origins)}


def model_lineup(case=None, *, seed: int | None = None, draws: int = 0, frames: dict | None = None) -> ModelLineup:
    """The skill table of the default bargaining models (the case's history part only when ``case`` is given).

    ``frames`` is passed to :func:`~.backtest.backtest` (shares the frozen cases with another backtest)."""
    from ..bargaining.models import MODEL_NAMES
    deu = shipped_deu_skill()
    case_rows: dict[str, dict] = {}
    origins: tuple[str, ...] = ()
    if case is not None:
        from .backtest import backtest
        res = backtest(case, draws=draws, seed=seed, kinds=("bargaining",), frames=frames)
        origins = tuple(o for o, _ in res.origins)
        case_rows = {e["method"]: e for e in res.table() if e["kind"] == "bargaining"}
    rows = []
    for m in MODEL_NAMES:
        d = deu["models"].get(m, {})
        c = case_rows.get(m, {})
        rows.append({"model": m, "deu_mae": d.get("mae"), "deu_constant": deu["constant_50_mae"],
                     "deu_vs_constant": d.get("skill_vs_constant"), "deu_vs_compromise": d.get("skill_vs_compromise"),
                     "case_n": c.get("n"), "case_vs_persistence": c.get("skill_vs_reference"),
                     "case_vs_constant": c.get("skill_vs_constant")})
    return ModelLineup(tuple(rows), deu["source"], origins)
