"""How many recorded Security Council votes the veto-player model reproduces from the previous period's inputs.

For each recorded vote on North Korea sanctions (``data/unsc_dprk_decisions.csv``)
in period T, the model (:func:`equipoise.analysis.bargaining.veto.case_veto_forecast`)
gets only what the case records for the period before T: the stances of T-1 and,
as status quo, the outcome recorded for T-1. It predicts adoption or veto, and who
vetoes. Nothing is fitted to the votes. Beside it stands persistence: the result
of the previous recorded vote.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from importlib import resources

from ...errors import EquipoiseError
from ..bargaining.veto import case_veto_forecast

__all__ = ["recorded_unsc_votes", "UnscReproduction", "unsc_reproduction"]


def recorded_unsc_votes() -> list[dict]:
    """The shipped list of recorded votes (date, document, result, vetoes, abstentions, source)."""
    text = resources.files("equipoise.analysis.validation").joinpath("data", "unsc_dprk_decisions.csv") \
        .read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO("".join(l for l in text.splitlines(True) if not l.startswith("#")))))
    for r in rows:
        r["date"] = dt.date.fromisoformat(r["date"])
        r["vetoes"] = tuple(v for v in r["vetoes"].split(";") if v)
        r["abstentions"] = tuple(v for v in r["abstentions"].split(";") if v)
    return rows


@dataclass(frozen=True)
class UnscReproduction:
    """Per recorded vote: the model's prediction from the previous period and whether it matches."""

    issue: str
    rows: tuple[dict, ...]
    method: str = "veto-player model on the previous period's stances and recorded outcome; no fitting"

    def counts(self) -> dict:
        scored = [r for r in self.rows if r["predicted"] is not None]
        prev = [r for r in self.rows if r["persistence"] is not None]
        return {"votes": len(self.rows), "evaluable": len(scored),
                "result_right": sum(r["result_right"] for r in scored),
                "vetoes_right": sum(r["vetoes_right"] for r in scored),
                "persistence_evaluable": len(prev),
                "persistence_right": sum(r["persistence"] == r["result"] for r in prev)}

    def summary(self) -> str:
        c = self.counts()
        lines = [f"Security Council votes on {self.issue}: the veto-player model gets {c['result_right']} of "
                 f"{c['evaluable']} results right ({c['vetoes_right']} with exactly the recorded vetoes); "
                 f"persistence (same result as the previous vote) gets {c['persistence_right']} of "
                 f"{c['persistence_evaluable']}; {c['votes'] - c['evaluable']} vote(s) not evaluable."]
        for r in self.rows:
            got = r["predicted"] or f"not evaluable: {r['why']}"
            lines.append(f"  {r['date']} {r['document']}: recorded {r['result']}"
                         + (f" (vetoed by {', '.join(r['vetoes'])})" if r["vetoes"] else "")
                         + f"; model {got}" + (f" (vetoes {', '.join(r['predicted_vetoes'])})"
                                               if r["predicted_vetoes"] else ""))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"method": self.method, "issue": self.issue, "counts": self.counts(),
                "rows": [{k: (v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v)
                          for k, v in r.items()} for r in self.rows]}


def unsc_reproduction(case, issue: str | None = None) -> UnscReproduction:
    """Score the veto-player model on every recorded vote (see the module docstring)."""
    from .backtest import main_periods
    if issue is None:
        issue = next((i.id for i in case.issues if "UNSC" in i.decided_by), None)
        if issue is None:
            raise EquipoiseError("no issue of the case is decided_by UNSC")
    iss = case.issue(issue)
    periods = main_periods(case)
    outcomes = {o.period: o.value.value for o in iss.outcomes}
    rows, prev_result = [], None
    for vote in recorded_unsc_votes():
        per = case.period_of(vote["date"])
        row = {**vote, "period": per.id if per else None, "predicted": None, "predicted_vetoes": (),
               "why": None, "persistence": prev_result, "result_right": False, "vetoes_right": False}
        prev_result = vote["result"]
        idx = next((k for k, p in enumerate(periods) if per is not None and p.id == per.id), None)
        if not idx:
            row["why"] = "no earlier period in the case"
            rows.append(row)
            continue
        before = periods[idx - 1].id
        if before not in outcomes:
            row["why"] = f"no outcome recorded for {before} (the status quo)"
            rows.append(row)
            continue
        try:
            res = case_veto_forecast(case, issue, before, outcomes[before])
        except EquipoiseError as exc:
            row["why"] = str(exc)
            rows.append(row)
            continue
        row["predicted"] = "adopted" if res.adopted else ("vetoed" if res.vetoes else "no draft")
        row["predicted_vetoes"] = res.vetoes
        row["result_right"] = row["predicted"] == vote["result"]
        row["vetoes_right"] = row["result_right"] and set(res.vetoes) == set(vote["vetoes"])
        row["inputs"] = {"period": before, "status_quo": outcomes[before], "ideals": res.ideals}
        rows.append(row)
    return UnscReproduction(issue, tuple(rows))
