"""Bargaining forecasts for a case's issues, period by period, and retrodiction against outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ...errors import CaseError, ModelInputError
from ...seeding import DEFAULT_SEED
from .inputs import BargainingInput, make_input
from .models import MODEL_NAMES, ForecastResult, forecast

__all__ = ["case_input", "CaseForecastResult", "forecast_case", "forecast_case_issues", "forecast_scenario", "RetrodictionRow",
           "RetrodictionResult", "retrodiction"]


def _require_issue(case, iid: str) -> None:
    """Raise :class:`CaseError` naming the case's issues unless it has issue ``iid``."""
    try:
        case.issue(iid)
    except KeyError:
        raise CaseError(f"no issue {iid!r}; the case has {', '.join(i.id for i in case.issues) or 'none'}",
                        field="issue") from None


def _require_period(case, pid: str) -> None:
    """Raise :class:`CaseError` naming the case's periods unless it has period ``pid``."""
    try:
        case.period(pid)
    except KeyError:
        raise CaseError(f"no period {pid!r}; the case has {', '.join(p.id for p in case.periods)}",
                        field="period") from None


def case_input(case, issue: str, period: str) -> BargainingInput:
    """The stances of ``issue`` in ``period`` as a :class:`BargainingInput` (actors sorted by code)."""
    _require_issue(case, issue)
    _require_period(case, period)
    iss = case.issue(issue)
    if not iss.applies_in(case.period(period)):
        raise ModelInputError(f"issue {issue!r} is not applicable in period {period!r}: it arose on {iss.arises}",
                              field="period")
    stances = case.stances(issue, period)
    if len(stances) < 2:
        raise ModelInputError(f"issue {issue!r} has {len(stances)} stance(s) in period {period!r}; "
                              "a forecast needs at least two actors", field=f"issues.{issue}.stances")
    return make_input([s.actor for s in stances], [s.position.value for s in stances],
                      [s.salience.value for s in stances], [s.capability.value for s in stances],
                      position_range=[s.position.range for s in stances],
                      salience_range=[s.salience.range for s in stances],
                      capability_range=[s.capability.range for s in stances],
                      name=f"{issue}/{period}")


def _outcome(case, issue: str, period: str):
    for o in case.issue(issue).outcomes:
        if o.period == period:
            return o
    return None


@dataclass(frozen=True)
class CaseForecastResult:
    """Every requested model's forecast of one issue in one period, with the outcome if recorded."""

    issue: str
    issue_name: str
    period: str | None
    input: BargainingInput
    forecasts: tuple[ForecastResult, ...]
    outcome: float | None
    outcome_range: tuple[float, float] | None
    draws: int
    seed: int | None
    method: str = "bargaining-forecast"

    def errors(self) -> dict[str, float]:
        """Absolute error of each model's forecast (empty without an outcome)."""
        if self.outcome is None:
            return {}
        return {f.model: abs(f.forecast - self.outcome) for f in self.forecasts}

    def summary(self) -> str:
        lines = [f"{self.issue_name} ({self.issue})" + (f", {self.period}:" if self.period else ":")]
        for f in self.forecasts:
            line = f"  {f.model}: {f.forecast:.1f}"
            if f.interval:
                line += f" (80% {f.interval[0]:.1f}-{f.interval[1]:.1f})"
            lines.append(line)
        if self.outcome is not None:
            lines.append(f"  outcome: {self.outcome:.1f}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"method": self.method, "issue": self.issue, "issue_name": self.issue_name, "period": self.period,
                "draws": self.draws, "seed": self.seed, "input": self.input.to_dict(),
                "outcome": self.outcome, "outcome_range": list(self.outcome_range) if self.outcome_range else None,
                "errors": self.errors(), "models": [f.to_dict() for f in self.forecasts]}


def forecast_case(case, issue: str, period: str, *, models: Sequence[str] = MODEL_NAMES, rounds: int | None = None,
                  draws: int = 0, seed: int | None = None) -> CaseForecastResult:
    """Forecast ``issue`` in ``period`` with each model.

    Parameters
    ----------
    case : equipoise.case.models.Case
    issue, period : str
        Ids in the case.
    models : sequence of str
        Model names (see :data:`equipoise.analysis.bargaining.models.MODEL_NAMES`).
    rounds : int, optional
        Rounds of round-based models.
    draws : int
        Monte Carlo draws from the stances' ranges; each model uses the same
        seed, so their draws share the same inputs.
    seed : int, optional
        ``None`` means :data:`equipoise.seeding.DEFAULT_SEED`.
    """
    seed = DEFAULT_SEED if seed is None else seed
    inp = case_input(case, issue, period)
    results = tuple(forecast(inp, m, draws=draws, seed=seed, rounds=rounds) for m in models)
    out = _outcome(case, issue, period)
    return CaseForecastResult(issue, case.issue(issue).name, period, inp, results,
                              None if out is None else float(out.value.value),
                              None if out is None else out.value.range, draws, seed)


def forecast_scenario(inp: BargainingInput, *, models: Sequence[str] = MODEL_NAMES, rounds: int | None = None,
                      draws: int = 0, seed: int | None = None) -> CaseForecastResult:
    """Forecast a scenario read from a file (no period, no outcome) with each model."""
    seed = DEFAULT_SEED if seed is None else seed
    results = tuple(forecast(inp, m, draws=draws, seed=seed, rounds=rounds) for m in models)
    return CaseForecastResult(inp.name, inp.name, None, inp, results, None, None, draws, seed)


def forecast_case_issues(case, *, issue: str | None = None, period: str | None = None,
                         models: Sequence[str] = MODEL_NAMES, rounds: int | None = None, draws: int = 0,
                         seed: int | None = None) -> list[CaseForecastResult]:
    """Forecast every (issue, period) with at least two stances, optionally one issue or period."""
    if issue is not None:
        _require_issue(case, issue)
    if period is not None:
        _require_period(case, period)
    out = []
    for iss in sorted(case.issues, key=lambda i: i.id):
        if issue is not None and iss.id != issue:
            continue
        for per in case.periods:
            if period is not None and per.id != period:
                continue
            if iss.applies_in(per) and len(case.stances(iss.id, per.id)) >= 2:
                out.append(forecast_case(case, iss.id, per.id, models=models, rounds=rounds, draws=draws,
                                         seed=seed))
    return out


@dataclass(frozen=True)
class RetrodictionRow:
    issue: str
    period: str
    model: str
    forecast: float
    outcome: float
    error: float

    def to_dict(self) -> dict:
        return {"issue": self.issue, "period": self.period, "model": self.model, "forecast": self.forecast,
                "outcome": self.outcome, "error": self.error}


@dataclass(frozen=True)
class RetrodictionResult:
    """Each model's forecast against the recorded outcome, per issue and period, and its MAE."""

    rows: tuple[RetrodictionRow, ...]
    seed: int | None
    method: str = "retrodiction"

    def mae(self) -> dict[str, float]:
        by: dict[str, list[float]] = {}
        for r in self.rows:
            by.setdefault(r.model, []).append(r.error)
        return {m: float(np.mean(v)) for m, v in by.items()}

    def summary(self) -> str:
        if not self.rows:
            return "no issue has both stances and an outcome in the same period"
        return "; ".join(f"{m}: MAE {v:.1f} (n={sum(r.model == m for r in self.rows)})" for m, v in self.mae().items())

    def to_dict(self) -> dict:
        return {"method": self.method, "seed": self.seed, "rows": [r.to_dict() for r in self.rows],
                "mae": self.mae()}


def retrodiction(case, *, models: Sequence[str] = MODEL_NAMES, rounds: int | None = None,
                 seed: int | None = None) -> RetrodictionResult:
    """Compare each model's forecast with each issue's recorded ``outcomes``."""
    rows = []
    for res in forecast_case_issues(case, models=models, rounds=rounds, seed=seed):
        if res.outcome is None:
            continue
        for f in res.forecasts:
            rows.append(RetrodictionRow(res.issue, res.period, f.model, f.forecast, res.outcome,
                                        abs(f.forecast - res.outcome)))
    return RetrodictionResult(tuple(rows), DEFAULT_SEED if seed is None else seed)
