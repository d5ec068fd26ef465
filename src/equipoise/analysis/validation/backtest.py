"""Rolling-origin backtests: freeze a case at each period boundary, predict the next period, score.

At each origin (the end of a period of the main sequence) the case is cut back to
what was knowable then (:meth:`equipoise.case.models.Case.as_of`). From that
frozen case Equipoise predicts the next period — what it could have said at the
time — and the forecasts are scored against what the whole case records for that
period:

- **relations**: each dyad's value, by persistence (last known value), trend (last
  change carried on), the dyad's own mean (climatology) and a constant 0;
- **indicators** (yearly origins where the data allow): next year's value by
  persistence, trend and climatology, errors scaled by the series' mean magnitude;
- **games**: the probability each model gives to what the record shows each
  player doing, solving the game on the last known relations carried forward,
  beside persistence (what the record showed it doing last period), the actor's
  record so far (climatology) and a uniform guess;
- **bargaining**: each model on the last known stances carried forward (the veto-player model
  where the issue declares ``decided_by``, with the last recorded outcome as status quo), beside
  persistence (last recorded outcome), the mean recorded outcome and a constant 50;
- **claims**: the probability a claim about the next period holds, from the
  carried-forward case, against the verdict on the whole case, beside a constant 1/2.

Scores (:mod:`.scores`): absolute error and CRPS for values, Brier and log score
for probabilities; skill of each method against persistence (claims: the constant).

References
----------
Tashman, L. J. (2000). Out-of-sample tests of forecasting accuracy: an analysis and
review. *International Journal of Forecasting* 16(4), 437-450.
Hyndman, R. J. & Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*,
3rd ed., OTexts, ch. 5 (simple benchmark methods: naive, drift, mean).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from ...case.asof import availability
from ...case.models import Case, Period
from ...errors import CaseError, EquipoiseError
from ...seeding import DEFAULT_SEED
from .scores import brier, crps, log_score, skill

__all__ = ["ScoredForecast", "BacktestResult", "backtest", "main_periods", "carry_forward", "KINDS", "REFERENCE"]

KINDS = ("relations", "indicators", "games", "bargaining", "claims")
REFERENCE = {"relations": "persistence", "indicators": "persistence", "games": "persistence",
             "bargaining": "persistence", "claims": "constant 1/2"}
BASELINES = {"persistence", "climatology", "constant 0", "constant 50", "constant 1/2", "uniform"}
_SIGMA_FALLBACK = 0.3


@dataclass(frozen=True)
class ScoredForecast:
    """One method's forecast of one item at one origin, with its scores (lower is better)."""

    kind: str
    origin: str
    target: str
    item: str
    method: str
    forecast: float
    observed: float
    abs_error: float | None = None
    crps: float | None = None
    brier: float | None = None
    log: float | None = None

    @property
    def baseline(self) -> bool:
        return self.method in BASELINES

    def to_dict(self) -> dict:
        return {"kind": self.kind, "origin": self.origin, "target": self.target, "item": self.item,
                "method": self.method, "baseline": self.baseline, "forecast": self.forecast,
                "observed": self.observed, "abs_error": self.abs_error, "crps": self.crps, "brier": self.brier,
                "log": self.log}


def _primary(kind: str) -> str:
    return "brier" if kind in ("games", "claims") else "crps"


@dataclass(frozen=True)
class BacktestResult:
    """Scored forecasts of a rolling-origin backtest, with per-method summaries and skill.

    Attributes
    ----------
    forecasts : tuple of ScoredForecast
    origins : tuple of (origin period, target period)
    rule : str
        The as-of rule that froze the case (see :mod:`equipoise.case.asof`).
    notes : tuple of str
        What could not be forecast and why.
    """

    case_id: str
    forecasts: tuple[ScoredForecast, ...]
    origins: tuple[tuple[str, str], ...]
    rule: str
    draws: int
    seed: int | None
    notes: tuple[str, ...] = ()
    method: str = "rolling origin at each period boundary; case frozen as of the origin; next period predicted"

    def to_frame(self):
        """One row per scored forecast (a pandas DataFrame)."""
        import pandas as pd
        return pd.DataFrame([f.to_dict() for f in self.forecasts])

    def table(self) -> list[dict]:
        """Per kind and method: n, mean scores, and skill against the kind's reference and the constant.

        Skill is computed on the items both the method and the reference forecast."""
        out = []
        for kind in KINDS:
            rows = [f for f in self.forecasts if f.kind == kind]
            if not rows:
                continue
            ref = REFERENCE[kind]
            const = {"relations": "constant 0", "bargaining": "constant 50", "games": "uniform",
                     "claims": "constant 1/2", "indicators": "climatology"}[kind]
            metric = _primary(kind)
            by_item: dict[str, dict[tuple, float]] = {}
            for f in rows:
                by_item.setdefault(f.method, {})[(f.origin, f.item)] = getattr(f, metric)
            for m in sorted(by_item, key=lambda m: (m in BASELINES, m)):
                mine = [f for f in rows if f.method == m]
                entry = {"kind": kind, "method": m, "baseline": m in BASELINES, "n": len(mine), "metric": metric}
                for s in ("abs_error", "crps", "brier", "log"):
                    vals = [getattr(f, s) for f in mine if getattr(f, s) is not None]
                    entry[s] = float(np.mean(vals)) if vals else None
                for label, other in (("skill_vs_reference", ref), ("skill_vs_constant", const)):
                    common = [k for k in by_item[m] if k in by_item.get(other, {})]
                    if m == other or not common:
                        entry[label] = None
                        continue
                    a = float(np.mean([by_item[m][k] for k in common]))
                    b = float(np.mean([by_item[other][k] for k in common]))
                    entry[label] = skill(a, b)
                entry["reference"], entry["constant"] = ref, const
                out.append(entry)
        return out

    def verdicts(self) -> list[str]:
        """One plain sentence per model that does not beat its reference or the constant."""
        lines = []
        for e in self.table():
            if e["baseline"] and e["method"] != "persistence":
                continue
            for key, name in (("skill_vs_reference", e["reference"]), ("skill_vs_constant", e["constant"])):
                sk = e[key]
                if sk is not None and sk <= 0 and e["method"] != name:
                    lines.append(f"{e['kind']}: {e['method']} does not beat {name} "
                                 f"(skill {sk:+.2f} on {e['metric']}, n={e['n']}); do not read its forecasts as "
                                 "better than that baseline.")
        return lines

    def summary(self) -> str:
        lines = [f"Backtest of {self.case_id}: {len(self.origins)} origin(s), {len(self.forecasts)} scored forecasts "
                 f"(as-of rule {self.rule}, {self.draws} draws, seed {self.seed})"]
        for e in self.table():
            sk = e["skill_vs_reference"]
            lines.append(f"  {e['kind']:<10} {e['method']:<18} n={e['n']:<4} {e['metric']}="
                         f"{e[e['metric']]:.3f}" + ("" if sk is None else f"  skill vs {e['reference']} {sk:+.2f}"))
        lines += [f"  ! {v}" for v in self.verdicts()]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"case": self.case_id, "method": self.method, "rule": self.rule, "draws": self.draws,
                "seed": self.seed, "origins": [{"origin": o, "target": t} for o, t in self.origins],
                "table": self.table(), "verdicts": self.verdicts(), "notes": list(self.notes),
                "forecasts": [f.to_dict() for f in self.forecasts]}


# ---------------------------------------------------------------- helpers

def main_periods(case: Case) -> list[Period]:
    """The main sequence of periods in time order."""
    return sorted((p for p in case.periods if p.sequence == "main"), key=lambda p: p.first_day)


def _history(case: Case, order: list[str]) -> dict[tuple[str, str], list[tuple[int, Any]]]:
    """dyad -> [(period index, relation)] for period-tagged relations, in time order."""
    idx = {p: i for i, p in enumerate(order)}
    out: dict[tuple[str, str], list] = {}
    for r in case.relations:
        if r.period in idx:
            out.setdefault(r.dyad, []).append((idx[r.period], r))
    for v in out.values():
        v.sort(key=lambda t: t[0])
    return out


def carry_forward(full: Case, frozen: Case, target: str) -> Case:
    """``frozen`` plus the ``target`` period with each dyad's last known relation and each actor's last known
    stance carried into it (the naive 'nothing changes' inputs a forecaster has at the origin).

    Games declared for ``target`` in ``full`` are declared for it here too; no expectation or outcome of
    ``target`` is copied.
    """
    new = frozen.model_copy(deep=True)
    new._located = None
    per = full.period(target)
    if target not in {p.id for p in new.periods}:
        new.periods.append(per.model_copy(deep=True))
    order = [p.id for p in main_periods(full)]
    rels = []
    for dyad, hist in _history(frozen, order).items():
        if any(r.period == target for _, r in hist):
            continue
        last = hist[-1][1].model_copy(deep=True)
        last.note = f"carried forward from {last.period}"
        last.period = target
        rels.append(last)
    new.relations += rels
    idx = {p: i for i, p in enumerate(order)}
    for iss in new.issues:
        latest: dict[str, Any] = {}
        for s in iss.stances:
            if s.period in idx and (s.actor not in latest or idx[s.period] > idx[latest[s.actor].period]):
                latest[s.actor] = s
        if not any(s.period == target for s in iss.stances):
            for s in latest.values():
                c = s.model_copy(deep=True)
                c.period = target
                iss.stances.append(c)
    for g in new.games:
        full_g = full.game(g.id)
        if g.periods and (not full_g.periods or target in full_g.periods) and target not in g.periods:
            g.periods.append(target)
    return new


def _rms(errors: list[float]) -> float:
    return float(math.sqrt(np.mean(np.square(errors)))) if len(errors) >= 3 else _SIGMA_FALLBACK


def _series_methods(values: list[float], lo: float | None = None, hi: float | None = None) -> dict[str, float]:
    """Persistence, trend and climatology forecasts of the next value of ``values`` (time order)."""
    last = values[-1]
    trend = last + (last - values[-2]) if len(values) >= 2 else last
    if lo is not None:
        trend = min(hi, max(lo, trend))
    return {"persistence": last, "trend": trend, "climatology": float(np.mean(values))}


def _in_sample_sigma(histories: Iterable[list[float]], lo: float | None = None, hi: float | None = None) -> dict:
    """RMS one-step error of each method over the frozen history (its spread for the CRPS)."""
    errs: dict[str, list[float]] = {"persistence": [], "trend": [], "climatology": [], "constant 0": []}
    for vals in histories:
        for k in range(1, len(vals)):
            for m, f in _series_methods(vals[:k], lo, hi).items():
                errs[m].append(vals[k] - f)
        errs["constant 0"] += list(vals)
    return {m: _rms(e) for m, e in errs.items()}


# ---------------------------------------------------------------- the parts

def _relations(full: Case, frozen: Case, origin: str, target: str, order: list[str]) -> list[ScoredForecast]:
    known = _history(frozen, order)
    sig = _in_sample_sigma([[r.value.value for _, r in h] for h in known.values()], -1.0, 1.0)
    out = []
    for r in full.relations:
        if r.period != target or r.dyad not in known:
            continue
        vals = [x.value.value for _, x in known[r.dyad]]
        methods = _series_methods(vals, -1.0, 1.0) | {"constant 0": 0.0}
        obs = r.value.value
        item = "-".join(r.dyad)
        for m, f in methods.items():
            out.append(ScoredForecast("relations", origin, target, item, m, f, obs, abs(f - obs),
                                      crps(obs, f, sigma=sig[m])))
    return out


def _indicators(full: Case, rule: str) -> tuple[list[ScoredForecast], list[str]]:
    """Yearly origins: each series' next point from the points knowable at the end of the year before."""
    import datetime as dt
    out, notes = [], []
    for ind in full.indicators:
        pts = sorted(ind.points, key=lambda p: p.year)
        years = {p.year: p for p in pts}
        for p in pts:
            y = p.year - 1
            cut = dt.date(y, 12, 31)
            known = [q for q in pts if q.year <= y and (availability(full, "points", q, rule=rule) or cut) <= cut]
            if not known or y not in years or years[y] not in known:
                continue
            vals = [q.value for q in known]
            scale = float(np.mean(np.abs(vals))) or 1.0
            obs = p.value
            for m, f in _series_methods(vals).items():
                ae = abs(f - obs) / scale
                out.append(ScoredForecast("indicators", str(y), str(p.year), ind.id, m, f, obs, ae, ae))
    if not out:
        notes.append("indicators: no series has a point knowable at the end of the year before the next point")
    return out, notes


def _expected(g, period: str) -> dict[str, list[str]]:
    e = g.expectations.get(period)
    return dict(e.strategies) if e is not None else {}


def _games(full: Case, frozen: Case, pred: Case, origin: str, target: str, order: list[str], draws: int,
           seed: int) -> tuple[list[ScoredForecast], list[str]]:
    from ..games.case import game_periods, solve_case_game
    out, notes = [], []
    idx = {p: i for i, p in enumerate(order)}
    for g in full.games:
        wanted = _expected(g, target)
        if not wanted or target not in game_periods(full, g):
            continue
        try:
            res = solve_case_game(pred, g.id, target, draws=draws, seed=seed, time_limit=5.0)
        except EquipoiseError as exc:
            notes.append(f"games: {g.id} in {target} from {origin}: {str(exc).splitlines()[0]}")
            continue
        fg = frozen.game(g.id)
        past = sorted(((p, e) for p, e in fg.expectations.items() if e.strategies and p in idx),
                      key=lambda t: idx[t[0]])
        strategies = {pl.actor: pl.strategies for pl in g.players}
        for actor, exp in wanted.items():
            k = len(strategies[actor])
            probs = {"model (logit QRE)": sum(res.strategy_probability(actor, s) for s in exp),
                     "uniform": len(set(exp)) / k}
            last = [e.strategies[actor] for _, e in past if actor in e.strategies]
            if last:
                prev = set(last[-1])
                probs["persistence"] = sum((0.9 / len(prev) if s in prev else 0.1 / max(k - len(prev), 1))
                                           for s in exp) if len(prev) < k else len(set(exp)) / k
                counts = {s: 1.0 for s in strategies[actor]}
                for seen in last:
                    for s in seen:
                        counts[s] += 1.0 / len(seen)
                probs["climatology"] = sum(counts[s] for s in exp) / sum(counts.values())
            for m, p in probs.items():
                p = min(1.0, max(0.0, float(p)))
                out.append(ScoredForecast("games", origin, target, f"{g.id}:{actor}", m, p, 1.0,
                                          brier=brier(True, p), log=log_score(True, p)))
    return out, notes


def _bargaining(full: Case, frozen: Case, pred: Case, origin: str, target: str, order: list[str], draws: int,
                seed: int) -> tuple[list[ScoredForecast], list[str]]:
    from ..bargaining.case import forecast_case
    from ..bargaining.models import MODEL_NAMES
    out, notes = [], []
    idx = {p: i for i, p in enumerate(order)}
    for iss in full.issues:
        truth = next((o for o in iss.outcomes if o.period == target), None)
        if truth is None:
            continue
        obs = truth.value.value
        if len(pred.stances(iss.id, target)) < 2:
            notes.append(f"bargaining: {iss.id} in {target} from {origin}: fewer than two stances known at the origin")
            continue
        res = forecast_case(pred, iss.id, target, models=MODEL_NAMES, draws=draws, seed=seed)
        methods: dict[str, tuple[float, Any]] = {f.model: (f.forecast, f.samples) for f in res.forecasts}
        past = sorted((o for o in frozen.issue(iss.id).outcomes if o.period in idx), key=lambda o: idx[o.period])
        if past:
            methods["persistence"] = (past[-1].value.value, None)
            methods["climatology"] = (float(np.mean([o.value.value for o in past])), None)
        if iss.decided_by and past:
            from ..bargaining.veto import case_veto_forecast
            try:
                vp = case_veto_forecast(pred, iss.id, target, past[-1].value.value)
                methods["veto-player"] = (vp.outcome, None)
            except EquipoiseError as exc:
                notes.append(f"bargaining: veto-player on {iss.id} in {target}: {str(exc).splitlines()[0]}")
        methods["constant 50"] = (50.0, None)
        for m, (f, samples) in methods.items():
            out.append(ScoredForecast("bargaining", origin, target, iss.id, m, float(f), obs, abs(f - obs),
                                      crps(obs, f, samples=samples)))
    return out, notes


def _claims(full: Case, pred: Case, origin: str, target: str, final: dict, draws: int,
            seed: int) -> list[ScoredForecast]:
    from ..claims import evaluate_claim
    out = []
    cache: dict = {}  # what evaluate_claims shares between the claims of one case: measured series, solved games
    for cl in full.claims:
        verdict = final.get(cl.id)
        if verdict not in ("supported", "contradicted"):
            continue
        if not any(target in (c.period, c.other_period) for c in cl.all_checks):
            continue
        try:
            r = evaluate_claim(pred, cl, draws=draws, seed=seed, cache=cache)
        except (KeyError, LookupError, EquipoiseError):
            continue  # a check reads a period or value the frozen case does not have: not forecast
        if r.probability is None:
            continue
        obs = verdict == "supported"
        for m, p in (("model (claim checks)", r.probability), ("constant 1/2", 0.5)):
            out.append(ScoredForecast("claims", origin, target, cl.id, m, float(p), float(obs),
                                      brier=brier(obs, p), log=log_score(obs, p)))
    return out


def backtest(case: Case, *, origins: Sequence[str] | None = None, rule: str = "event", draws: int = 50,
             seed: int | None = None, kinds: Sequence[str] = KINDS, frames: dict | None = None) -> BacktestResult:
    """Rolling-origin backtest of ``case`` (see the module docstring).

    Parameters
    ----------
    case : Case
    origins : sequence of str, optional
        Period ids whose end is an origin (default: every period of the main sequence but the last).
    rule : {"event", "evidence"}
        How the case is frozen (:func:`equipoise.case.asof.case_as_of`). ``event`` (the default) keeps
        each value from the end of what it describes, as if coded then; ``evidence`` waits for the
        publication of its sources.
    draws : int
        Monte Carlo draws for games, bargaining models and claims.
    seed : int, optional
    kinds : sequence of str
        Which of ``relations, indicators, games, bargaining, claims`` to run.
    frames : dict, optional
        Pass the same (initially empty) dict to several backtests of ``case`` to build the case frozen at
        each origin, and carried forward to its target, once for all of them (the parts only read them).
    """
    seed = DEFAULT_SEED if seed is None else seed
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise CaseError(f"unknown backtest part {bad[0]!r}; expected some of {', '.join(KINDS)}")
    periods = main_periods(case)
    order = [p.id for p in periods]
    pairs = [(a.id, b.id) for a, b in zip(periods, periods[1:]) if a.last_day is not None]
    if origins is not None:
        unknown = [o for o in origins if o not in order]
        if unknown:
            raise CaseError(f"--origins: unknown period {unknown[0]!r}; expected some of {', '.join(order)}")
        pairs = [p for p in pairs if p[0] in set(origins)]
        if not pairs:
            raise CaseError("--origins: none of these periods is followed by another period of the main sequence")
    final: dict[str, str] = {}
    if "claims" in kinds:
        from ..claims import evaluate_claims
        final = {c.id: c.verdict for c in evaluate_claims(case, draws=draws, seed=seed).claims}
    rows: list[ScoredForecast] = []
    notes: list[str] = []
    for origin, target in pairs:
        key = (id(case), origin, target, rule)
        if frames is not None and key in frames:
            frozen, pred = frames[key]
        else:
            frozen = case.as_of(case.period(origin).last_day, rule=rule)
            pred = carry_forward(case, frozen, target)
            if frames is not None:
                frames[key] = (frozen, pred)
        if "relations" in kinds:
            rows += _relations(case, frozen, origin, target, order)
        if "games" in kinds:
            r, n = _games(case, frozen, pred, origin, target, order, draws, seed)
            rows += r
            notes += n
        if "bargaining" in kinds:
            r, n = _bargaining(case, frozen, pred, origin, target, order, draws, seed)
            rows += r
            notes += n
        if "claims" in kinds:
            rows += _claims(case, pred, origin, target, final, draws, seed)
    if "indicators" in kinds:
        r, n = _indicators(case, rule)
        rows += r
        notes += n
    return BacktestResult(case.case.id, tuple(rows), tuple(pairs), rule, draws, seed, tuple(notes))
