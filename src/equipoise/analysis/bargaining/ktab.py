"""KTAB scenarios read as one joint scenario, and a harness against KTAB's reference position history.

:func:`read_ktab_joint` keeps a multi-dimensional KTAB Spatial Model of Politics
scenario together — one set of actors with one influence each, a position and a
salience per dimension — instead of splitting it into unrelated one-dimensional
issues. :func:`compare_with_ktab` runs Equipoise's expected-utility model on it
and compares the actors' positions, state by state, with the history KTAB's own
reference run printed (``History of actor positions over time``).

Equipoise's expected-utility model is one-dimensional (Scholz et al. 2011): on a
joint scenario it runs each dimension with the same actors and influences, while
KTAB's SMP couples the dimensions through salience-weighted distances and uses its
own probability and bargaining rules, so the two are not expected to agree state
by state; the harness measures how far apart they are.

References
----------
KAPSARC Toolkit for Behavioral Analysis (KTAB), ``examples/smp`` (MIT licence).
Efird, B., Lester, L. & Wise, D. (2016). *Journal of East Asian Studies* 16, 117-145.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import ModelInputError
from .inputs import _ktab_from_rows, _read_text, _rows

__all__ = ["KtabScenario", "read_ktab_joint", "read_ktab_history", "KtabComparison", "compare_with_ktab"]


@dataclass(frozen=True)
class KtabScenario:
    """A KTAB scenario as one joint scenario: ``position`` and ``salience`` are ``(actors, dimensions)``."""

    name: str
    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    influence: np.ndarray
    position: np.ndarray
    salience: np.ndarray

    def to_dict(self) -> dict:
        return {"name": self.name, "actors": list(self.actors), "dimensions": list(self.dimensions),
                "influence": self.influence.tolist(), "position": self.position.tolist(),
                "salience": self.salience.tolist()}


def read_ktab_joint(path: str | Path) -> KtabScenario:
    """Read a KTAB scenario CSV (any number of dimensions) as one joint scenario."""
    path = Path(path)
    rows = _rows(path)
    parts = _ktab_from_rows(rows, str(path), (0.0, 100.0))
    first = parts[0]
    return KtabScenario(name=rows[0][1][0], actors=tuple(first.actors), dimensions=tuple(p.name for p in parts),
                        influence=np.asarray(first.capability, dtype=float),
                        position=np.column_stack([p.position for p in parts]),
                        salience=np.column_stack([p.salience for p in parts]))


_HIST = re.compile(r"^\s*([^,]+),\s*(.+?)\s+Position:\s*(.*)$")


def read_ktab_history(path: str | Path) -> dict[str, dict[str, list[float]]]:
    """``{actor: {dimension: [position per state]}}`` from KTAB's printed position history."""
    path = Path(path)
    out: dict[str, dict[str, list[float]]] = {}
    seen = False
    for k, line in enumerate(_read_text(path).splitlines(), start=1):
        if line.strip().startswith("History of actor positions"):
            seen = True
            continue
        if seen and line.strip().startswith("History of"):
            break
        m = _HIST.match(line) if seen else None
        if m:
            try:
                vals = [float(v) for v in m.group(3).split()]
            except ValueError:
                raise ModelInputError("expected numbers after 'Position:'", path=str(path), line=k) from None
            out.setdefault(m.group(1).strip(), {})[m.group(2).strip()] = vals
    if not out:
        raise ModelInputError("no 'History of actor positions over time' block with '<actor>, <dimension> "
                              "Position:' rows", path=str(path))
    return out


@dataclass(frozen=True)
class KtabComparison:
    """Equipoise's run beside KTAB's reference history, per dimension."""

    scenario: str
    rounds: int
    rows: tuple[dict, ...]
    method: str = "Equipoise expected-utility per dimension vs KTAB SMP reference history"

    def summary(self) -> str:
        lines = [f"{self.scenario}: Equipoise expected utility ({self.rounds} rounds) against KTAB's reference run"]
        for r in self.rows:
            lines.append(f"  {r['dimension']}: mean |difference| of actor positions {r['mean_abs_diff']:.1f} over "
                         f"{r['states']} states; final {r['final_mean_abs_diff']:.1f}; final weighted mean "
                         f"{r['equipoise_final_mean']:.1f} (Equipoise) vs {r['ktab_final_mean']:.1f} (KTAB)")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"method": self.method, "scenario": self.scenario, "rounds": self.rounds, "rows": list(self.rows)}


def compare_with_ktab(scen: KtabScenario, history: dict[str, dict[str, list[float]]], *,
                      rounds: int | None = None) -> KtabComparison:
    """Run the expected-utility model on each dimension of ``scen`` and compare with ``history``.

    Positions are compared state by state (state 0 = the input) over the states both have.
    """
    from .expected_utility import simulate_expected_utility
    missing = [a for a in scen.actors if a not in history]
    if missing:
        raise ModelInputError(f"the reference history has no actor {missing[0]!r}", field="history")
    n_ref = min(len(v) for d in history.values() for v in d.values())
    rounds = n_ref - 1 if rounds is None else rounds
    rows = []
    for d, dim in enumerate(scen.dimensions):
        ref = np.array([history[a].get(dim) or history[a].get(f"{dim}") or [] for a in scen.actors], dtype=object)
        if any(len(r) == 0 for r in ref):
            raise ModelInputError(f"the reference history has no dimension {dim!r} for every actor", field="history")
        ref = np.array([r[:n_ref] for r in ref], dtype=float).T                       # (states, actors)
        h = simulate_expected_utility(scen.position[None, :, d], scen.salience[None, :, d],
                                      scen.influence[None, :], rounds=rounds)
        ours = h.positions[0]                                                         # (rounds + 1, actors)
        k = min(len(ours), len(ref))
        w = scen.influence * scen.salience[:, d]
        diff = np.abs(ours[:k] - ref[:k])
        rows.append({"dimension": dim, "states": int(k), "mean_abs_diff": float(diff.mean()),
                     "final_mean_abs_diff": float(diff[k - 1].mean()),
                     "equipoise_final_mean": float((w * ours[k - 1]).sum() / w.sum()),
                     "ktab_final_mean": float((w * ref[k - 1]).sum() / w.sum()),
                     "start_check": float(np.abs(ours[0] - ref[0]).max())})
    return KtabComparison(scen.name, rounds, tuple(rows))
