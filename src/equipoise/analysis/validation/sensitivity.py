"""Global sensitivity of every claim verdict, game expectation and key forecast, and a robust/fragile label.

For each conclusion the uncertain inputs it reads are collected from the case —
relation strengths, stances, indicator points with a range, a game's parameters
(relations it reads and its own constants) — each with its range. Then:

1. **Morris screening** (elementary effects; Morris 1991, with the trajectories
   of Campolongo, Cariboni & Saltelli 2007) over all of them at once, from
   :mod:`SALib`: ``mu_star`` ranks the inputs by influence; the share of sampled
   points whose result differs from the central one is reported.
2. **Smallest flipping change**: each input alone is moved across its range (the
   others at their central values); the smallest move that flips the result.
3. **Structural alternatives**: each rejected functional form a game declares
   (``alternatives`` in the case) is re-solved at the central values.

A conclusion is ``fragile`` when one input within its own range, a declared
alternative, or at least 10% of the Morris points flips it; otherwise ``robust``.
A continuous forecast is fragile when it moves by 10 points or more (0-100 scale)
over the Morris points. Everything is seeded.

References
----------
Morris, M. D. (1991). Factorial sampling plans for preliminary computational
experiments. *Technometrics* 33(2), 161-174.
Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design
for sensitivity analysis of large models. *Environmental Modelling & Software*
22(10), 1509-1518.
Herman, J. & Usher, W. (2017). SALib: an open-source Python library for
sensitivity analysis. *Journal of Open Source Software* 2(9), 97.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ...case.models import Case, Check, Estimate
from ...errors import CaseError, EquipoiseError
from ...seeding import DEFAULT_SEED

__all__ = ["Input", "SensitivityItem", "SensitivityResult", "sensitivity", "robustness_summary", "robustness_data",
           "joint_probability",
           "FRAGILE_SHARE", "FORECAST_SPAN", "TRAJECTORIES"]

FRAGILE_SHARE = 0.10
FORECAST_SPAN = 10.0
TRAJECTORIES = 4
LEVELS = 4
GRID = 9


@dataclass
class Input:
    """One uncertain input: a handle on the Estimate (or indicator point) it sets in a working copy."""

    key: str
    central: float
    low: float
    high: float
    target: Any
    kind: str = "estimate"  # estimate | point

    def set(self, v: float) -> None:
        if self.kind == "point":
            self.target.value, self.target.low, self.target.high = v, None, None
        else:
            self.target.value = self.target.low = self.target.high = v

    def save(self) -> tuple:
        return (self.target.value, self.target.low, self.target.high)

    def restore(self, saved: tuple) -> None:
        self.target.value, self.target.low, self.target.high = saved


@dataclass(frozen=True)
class SensitivityItem:
    """One conclusion's sensitivity."""

    kind: str
    id: str
    result: str
    label: str
    inputs: int
    influence: tuple[dict, ...] = ()
    flip: dict | None = None
    share_flipped: float | None = None
    alternatives: tuple[dict, ...] = ()
    note: str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "result": self.result, "label": self.label, "inputs": self.inputs,
                "influence": list(self.influence), "flip": self.flip, "share_flipped": self.share_flipped,
                "alternatives": list(self.alternatives), "note": self.note}


@dataclass(frozen=True)
class SensitivityResult:
    items: tuple[SensitivityItem, ...]
    seed: int
    trajectories: int
    method: str = "Morris screening (SALib) + one-at-a-time flip search + declared structural alternatives"

    @property
    def counts(self) -> dict[str, int]:
        out = {"robust": 0, "fragile": 0}
        for i in self.items:
            out[i.label] += 1
        return out

    def to_frame(self):
        import pandas as pd
        return pd.DataFrame([{k: v for k, v in i.to_dict().items() if k not in ("influence", "alternatives")}
                             for i in self.items])

    def summary(self) -> str:
        lines = [f"Sensitivity ({self.trajectories} Morris trajectories, seed {self.seed}): "
                 f"{self.counts['robust']} robust, {self.counts['fragile']} fragile"]
        for i in self.items:
            top = ", ".join(d["input"] for d in i.influence[:3]) or "no uncertain input"
            flip = _flip_text(i.flip) or "no single input flips it"
            alts = "; ".join(f"alternative {a['id']} -> {a['result']}" for a in i.alternatives if a.get("flips"))
            lines.append(f"  {i.label:<8} {i.kind} {i.id}: {i.result}; most influential: {top}; {flip}"
                         + (f"; {alts}" if alts else ""))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"method": self.method, "seed": self.seed, "trajectories": self.trajectories,
                "fragile_share": FRAGILE_SHARE, "forecast_span": FORECAST_SPAN, "counts": self.counts,
                "items": [i.to_dict() for i in self.items]}


def _flip_text(flip: dict | None) -> str | None:
    if not flip:
        return None
    return (f"{flip['input']} from {flip['central']:.3g} to {flip['value']:.3g} flips it "
            f"({flip['share_of_range']:.0%} of its range)")


# ---------------------------------------------------------------- inputs of a conclusion

def _relation_input(case: Case, a: str, b: str, period: str, out: dict) -> None:
    try:
        r = case.relation(a, b, period)
    except KeyError:
        return
    if r is not None and r.value.high > r.value.low:
        out.setdefault(f"relation {'-'.join(r.dyad)} in {period}", Input(
            f"relation {'-'.join(r.dyad)} in {period}", r.value.value, r.value.low, r.value.high, r.value))


def _stance_inputs(case: Case, issue: str, period: str, actors, fields, out: dict) -> None:
    try:
        stances = case.stances(issue, period)
    except KeyError:
        return
    for s in stances:
        if actors is not None and s.actor not in actors:
            continue
        for f in fields:
            est: Estimate = getattr(s, f)
            if est.high > est.low:
                key = f"{issue} {s.actor} {f} in {period}"
                out.setdefault(key, Input(key, est.value, est.low, est.high, est))


def _point_inputs(case: Case, ind: str, years, out: dict) -> None:
    try:
        series = case.indicator(ind)
    except KeyError:
        return
    for p in series.points:
        if p.year in years and p.low is not None and p.high is not None and p.high > p.low:
            key = f"{ind} {p.year}"
            out.setdefault(key, Input(key, p.value, p.low, p.high, p, kind="point"))


def _game_inputs(case: Case, game_id: str, period: str, out: dict) -> None:
    from ..games.case import resolve_parameters
    try:
        game = case.game(game_id)
        params = resolve_parameters(case, game, period)
    except (KeyError, EquipoiseError):
        return
    for name, pv in params.items():
        par = game.parameters[name]
        if par.relation is not None and not pv.assumed:
            _relation_input(case, par.relation[0], par.relation[1], period, out)
        elif par.value is not None and par.value.high > par.value.low:
            key = f"{game_id}.{name}"
            out.setdefault(key, Input(key, par.value.value, par.value.low, par.value.high, par.value))
        elif par.issue is not None and not pv.assumed:
            _stance_inputs(case, par.issue, period, [par.actor], [par.field], out)
        elif par.fallback is not None and pv.assumed and par.fallback.high > par.fallback.low:
            key = f"{game_id}.{name} (fallback)"
            out.setdefault(key, Input(key, par.fallback.value, par.fallback.low, par.fallback.high, par.fallback))


def check_inputs(case: Case, chk: Check) -> dict[str, Input]:
    """The uncertain inputs a check reads (see the module docstring)."""
    out: dict[str, Input] = {}
    k = chk.kind
    if k == "relation_compare":
        _relation_input(case, *chk.dyad, chk.period, out)
        if chk.other_dyad or chk.other_period:
            _relation_input(case, *(chk.other_dyad or chk.dyad), chk.other_period or chk.period, out)
    elif k == "triangle":
        a, b, c = chk.actors
        for x, y in ((a, b), (a, c), (b, c)):
            _relation_input(case, x, y, chk.period, out)
    elif k == "bloc":
        named = sorted(set(chk.together or []) | {x for pair in chk.apart or [] for x in pair})
        for i, x in enumerate(named):
            for y in named[i + 1:]:
                _relation_input(case, x, y, chk.period, out)
    elif k == "hedging":
        p, q = chk.patrons
        for x, y in ((chk.actor, p), (chk.actor, q), (p, q)):
            _relation_input(case, x, y, chk.period, out)
    elif k == "position_between":
        _stance_inputs(case, chk.issue, chk.period, [chk.actor, *chk.between], ["position"], out)
    elif k == "forecast":
        _stance_inputs(case, chk.issue, chk.period, None, ["position", "salience", "capability"], out)
    elif k == "indicator_trend":
        _point_inputs(case, chk.indicator, {chk.start, chk.end}, out)
    elif k == "indicator_compare":
        _point_inputs(case, chk.indicator, {chk.year}, out)
    elif k == "equilibrium":
        _game_inputs(case, chk.game, chk.period, out)
    return out


# ---------------------------------------------------------------- evaluators

def _select(case: Case, game, env: dict) -> list:
    """The logit-selected equilibrium for each row of ``env`` (arrays) — the same selection as the games' Monte Carlo."""
    from ..games.case import case_payoffs
    from ..games.solve import NormalForm, pure_equilibria, pure_profile, select_equilibrium
    pay = case_payoffs(case, game, env)
    mask = pure_equilibria(pay, batched=True)
    players = tuple(p.actor for p in game.players)
    strategies = tuple(tuple(p.strategies) for p in game.players)
    out = []
    for d in range(pay.shape[0]):
        nf = NormalForm(game.id, players, strategies, pay[d])
        out.append(select_equilibrium(nf, [pure_profile(nf, tuple(i)) for i in np.argwhere(mask[d])]))
    return out


def _plays(eq, actor: str, wanted) -> bool:
    return eq is not None and eq.strategy_of(actor) in wanted


def _holds(case: Case, chk: Check, seed: int, game_override=None, measured: dict | None = None) -> bool | None:
    """Whether ``chk`` holds on ``case`` with its inputs at point values (None: cannot evaluate).

    ``measured`` caches the case's measured series between calls on the same case (no drawn input
    changes them)."""
    if chk.kind == "hedging":  # the point index from the (point) relations; the range check of claims.py
        from ..structure.hedging import hedging_index
        try:
            row = hedging_index(case, chk.actor, tuple(chk.patrons), chk.period, draws=0).periods[0]
        except (EquipoiseError, IndexError):
            return None
        return None if row.index is None else chk.range[0] <= row.index <= chk.range[1]
    if chk.kind == "equilibrium":
        from ..games.case import resolve_parameters
        try:
            game = game_override if game_override is not None and game_override.id == chk.game else case.game(chk.game)
            params = resolve_parameters(case, game, chk.period)
        except (KeyError, EquipoiseError):
            return None
        env = {k: np.array([v.value]) for k, v in params.items()}
        return _plays(_select(case, game, env)[0], chk.actor, chk.strategies)
    from ..claims import evaluate_check
    cache = measured if chk.kind == "measured_compare" else None
    r = evaluate_check(case, chk, draws=2, seed=seed, cache=cache)
    return None if r.probability is None else r.probability >= 0.5


def _claim_holds(case: Case, checks, seed: int, game_override=None, measured: dict | None = None) -> bool | None:
    vals = [_holds(case, c, seed, game_override, measured) for c in checks]
    if any(v is False for v in vals):
        return False
    if vals and all(v is True for v in vals):
        return True
    return None


def _screen(inputs: list[Input], evaluate: Callable[[], Any], seed: int, changed: Callable[[Any, Any], bool],
            numeric: Callable[[Any], float]) -> tuple[Any, list[dict], dict | None, float | None, list]:
    """Central result, Morris influence, smallest single-input flip, share of Morris points that differ."""
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample
    saved = [i.save() for i in inputs]
    for i in inputs:
        i.set(i.central)
    try:
        central = evaluate()
        if not inputs:
            return central, [], None, None, []
        problem = {"num_vars": len(inputs), "names": [i.key for i in inputs],
                   "bounds": [[i.low, i.high] for i in inputs]}
        X = morris_sample.sample(problem, N=TRAJECTORIES, num_levels=LEVELS, seed=seed)
        results = []
        for row in X:
            for i, v in zip(inputs, row):
                i.set(float(v))
            results.append(evaluate())
        for i in inputs:
            i.set(i.central)
        Y = np.array([numeric(r) for r in results], dtype=float)
        si = morris_analyze.analyze(problem, X, Y, num_levels=LEVELS, seed=seed)
        influence = sorted(({"input": n, "mu_star": float(m), "sigma": float(s)}
                            for n, m, s in zip(si["names"], si["mu_star"], si["sigma"])),
                           key=lambda d: -d["mu_star"])
        share = float(np.mean([changed(central, r) for r in results]))
        best = None
        for i in inputs:
            grid = np.linspace(i.low, i.high, GRID)
            for v in sorted(grid, key=lambda v: abs(v - i.central)):
                if abs(v - i.central) < 1e-12:
                    continue
                i.set(float(v))
                r = evaluate()
                if changed(central, r):
                    frac = abs(v - i.central) / (i.high - i.low)
                    if best is None or frac < best["share_of_range"]:
                        best = {"input": i.key, "central": i.central, "value": float(v),
                                "change": float(v - i.central), "share_of_range": float(frac)}
                    break
            i.set(i.central)
        return central, influence, best, share, results
    finally:
        for i, s in zip(inputs, saved):
            i.restore(s)


# ---------------------------------------------------------------- the conclusions

def _alternatives(case: Case, game_ids: set[str], evaluate_with: Callable[[Any], Any], central, changed) -> list[dict]:
    out = []
    for gid in sorted(game_ids):
        try:
            game = case.game(gid)
        except KeyError:
            continue
        for alt in game.alternatives:
            g = game.model_copy(deep=True)
            for j, row in enumerate(g.payoffs):
                row.payoffs = [p if not isinstance(p, str) else _substitute(p, alt.substitute) for p in row.payoffs]
            if all(not isinstance(a, str) or a == b for r0, r1 in zip(game.payoffs, g.payoffs)
                   for a, b in zip(r0.payoffs, r1.payoffs)):
                raise CaseError(f"games.{gid}.alternatives.{alt.id}: no payoff expression contains "
                                f"{next(iter(alt.substitute))!r}")
            try:
                r = evaluate_with(g)
            except EquipoiseError as exc:
                out.append({"game": gid, "id": alt.id, "note": alt.note, "result": f"error: {exc}", "flips": False})
                continue
            out.append({"game": gid, "id": alt.id, "note": alt.note, "result": _fmt_result(r),
                        "flips": bool(changed(central, r))})
    return out


def _substitute(text: str, subs: dict[str, str]) -> str:
    for a, b in subs.items():
        text = text.replace(a, b)
    return text


def _fmt_result(r) -> str:
    if r is True:
        return "holds"
    if r is False:
        return "fails"
    if r is None:
        return "undetermined"
    return f"{r:.1f}" if isinstance(r, float) else str(r)


def _label(flip, share, alts, *, numeric_span: float | None = None) -> str:
    if numeric_span is not None:
        return "fragile" if numeric_span >= FORECAST_SPAN or any(a["flips"] for a in alts) else "robust"
    if flip is not None or (share is not None and share >= FRAGILE_SHARE) or any(a["flips"] for a in alts):
        return "fragile"
    return "robust"


def _claim_items(work: Case, seed: int, only: set[str] | None) -> list[SensitivityItem]:
    items = []
    changed = lambda a, b: a is not None and b is not None and a != b  # noqa: E731
    for claim in work.claims:
        if only is not None and claim.id not in only:
            continue
        checks = claim.all_checks
        inputs: dict[str, Input] = {}
        for c in checks:
            inputs.update(check_inputs(work, c))
        measured: dict = {}  # the measured series: no input of the screen changes them
        ev = lambda: _claim_holds(work, checks, seed, measured=measured)  # noqa: E731
        central, infl, flip, share, _ = _screen(list(inputs.values()), ev, seed, changed,
                                                lambda r: np.nan if r is None else float(r))
        games = {c.game for c in checks if c.kind == "equilibrium"}
        alts = _alternatives(work, games, lambda g: _claim_holds(work, checks, seed, g, measured), central,
                             changed)
        note = None if central is not None else "undetermined at the central values: nothing to flip"
        items.append(SensitivityItem("claim", claim.id, _fmt_result(central),
                                     _label(flip, share, alts) if central is not None else "fragile",
                                     len(inputs), tuple(infl[:5]), flip, share, tuple(alts), note))
    return items


def _expectation_items(work: Case, seed: int, only: set[str] | None = None) -> list[SensitivityItem]:
    from ..games.case import game_periods
    items = []
    changed = lambda a, b: a is not None and b is not None and a != b  # noqa: E731
    for game in work.games:
        if only is not None and game.id not in only:
            continue
        for period, exp in game.expectations.items():
            if not exp.strategies or period not in game_periods(work, game):
                continue

            def ev(g=None, game=game, period=period, exp=exp):
                from ..games.case import resolve_parameters
                gg = g if g is not None else game
                params = resolve_parameters(work, gg, period)
                eq = _select(work, gg, {k: np.array([v.value]) for k, v in params.items()})[0]
                return None if eq is None else all(_plays(eq, a, s) for a, s in exp.strategies.items())
            inputs: dict[str, Input] = {}
            _game_inputs(work, game.id, period, inputs)
            try:
                central, infl, flip, share, _ = _screen(list(inputs.values()), ev, seed, changed,
                                                        lambda r: np.nan if r is None else float(r))
            except EquipoiseError as exc:
                items.append(SensitivityItem("expectation", f"{game.id}@{period}", "error", "fragile", 0,
                                             note=str(exc).splitlines()[0]))
                continue
            alts = _alternatives(work, {game.id}, lambda g: ev(g), central, changed)
            items.append(SensitivityItem("expectation", f"{game.id}@{period}",
                                         "met" if central else "not met" if central is False else "undetermined",
                                         _label(flip, share, alts), len(inputs), tuple(infl[:5]), flip, share,
                                         tuple(alts)))
    return items


def _forecast_items(work: Case, seed: int) -> list[SensitivityItem]:
    from ..bargaining.case import forecast_case
    items = []
    for iss in work.issues:
        periods = [p.id for p in work.periods if len(work.stances(iss.id, p.id)) >= 2]
        if not periods:
            continue
        period = periods[-1]
        inputs: dict[str, Input] = {}
        _stance_inputs(work, iss.id, period, None, ["position", "salience", "capability"], inputs)
        ev = lambda iss=iss, period=period: float(  # noqa: E731
            forecast_case(work, iss.id, period, models=["compromise"]).forecasts[0].forecast)
        central, infl, _, _, results = _screen(list(inputs.values()), ev, seed, lambda a, b: False, float)
        span = float(max(results) - min(results)) if results else 0.0
        items.append(SensitivityItem("forecast", f"{iss.id}@{period} (compromise)", f"{central:.1f}",
                                     _label(None, None, [], numeric_span=span), len(inputs), tuple(infl[:5]),
                                     None, None, (), f"moves {span:.1f} points over the Morris points"))
    return items


def sensitivity(case: Case, *, seed: int | None = None, kinds=("claims", "expectations", "forecasts"),
                claims: list[str] | None = None, games: list[str] | None = None) -> SensitivityResult:
    """Sensitivity and robustness label of every claim, game expectation and key forecast of ``case``.

    Parameters
    ----------
    case : Case
    seed : int, optional
        Seeds the Morris sample (and the claims' own draws).
    kinds : sequence of {"claims", "expectations", "forecasts"}
    claims : list of str, optional
        Only these claim ids.
    games : list of str, optional
        Only the expectations of these games.

    Each conclusion is screened on its own (the inputs are restored after each), so the
    items of a run restricted by ``kinds``, ``claims`` or ``games`` are those of the whole
    run: a report screens them in parallel and joins them in this order.
    """
    seed = DEFAULT_SEED if seed is None else int(seed)
    work = _working_copy(case, {c.indicator for cl in case.claims for c in cl.all_checks if c.indicator}
                         | {par.indicator for g in case.games for par in g.parameters.values() if par.indicator})
    items: list[SensitivityItem] = []
    if "claims" in kinds:
        items += _claim_items(work, seed, set(claims) if claims else None)
    if "expectations" in kinds:
        items += _expectation_items(work, seed, set(games) if games is not None else None)
    if "forecasts" in kinds:
        items += _forecast_items(work, seed)
    return SensitivityResult(tuple(items), seed, TRAJECTORIES)


def robustness_summary(case: Case, *, seed: int | None = None) -> dict:
    """Plain data for the report and web page: one row per conclusion with its label."""
    return robustness_data(sensitivity(case, seed=seed))


def robustness_data(res: SensitivityResult) -> dict:
    """:func:`robustness_summary` of a result already computed."""
    c = res.counts
    return {"counts": c, "counts_text": f"{c['robust']} robust, {c['fragile']} fragile",
            "items": [{"kind": i.kind, "id": i.id, "result": i.result, "label": i.label,
                       "top": [d["input"] for d in i.influence[:3]], "flip": _flip_text(i.flip)
                       or ("; ".join(f"alternative {a['id']} gives {a['result']}" for a in i.alternatives
                                     if a["flips"]) or None)} for i in res.items],
            "seed": res.seed, "method": res.method}


def _working_copy(case: Case, indicators: set[str]) -> Case:
    """A copy of ``case`` whose drawn inputs can be set without touching ``case``: relations, issues
    and games copied deeply, indicators only where a check reads them (the measured series are large)."""
    work = case.model_copy()
    for name in ("relations", "issues", "games"):
        setattr(work, name, [x.model_copy(deep=True) for x in getattr(case, name)])
    work.indicators = [i.model_copy(deep=True) if i.id in indicators else i for i in case.indicators]
    work._located = case._located
    work._relation_index = None
    return work


def joint_probability(case: Case, claim, *, draws: int, seed) -> float | None:
    """P(every check of ``claim`` holds) from joint draws of all its uncertain inputs.

    Each input is drawn once per draw (triangular on its range, mode at its value) and every check is
    evaluated on the same draw, so checks that share an input are not treated as independent, as a
    product of per-check probabilities would. ``None`` when a check cannot be evaluated.
    """
    from ...seeding import rng_from
    checks = claim.all_checks
    if not checks:
        return None
    work = _working_copy(case, {c.indicator for c in checks if c.indicator}
                         | {par.indicator for g in case.games for par in g.parameters.values() if par.indicator})
    inputs: dict[str, Input] = {}
    for c in checks:
        inputs.update(check_inputs(work, c))
    seed_int = DEFAULT_SEED if seed is None or not isinstance(seed, (int, np.integer)) else int(seed)
    if not inputs or draws <= 0:
        r = _claim_holds(work, checks, seed_int)
        return None if r is None else float(r)
    rng = rng_from(seed)
    items = list(inputs.values())
    X = np.column_stack([rng.triangular(i.low, min(max(i.central, i.low), i.high), i.high, size=draws)
                         for i in items])
    saved = [i.save() for i in items]
    hits = 0
    measured: dict = {}
    try:
        for row in X:
            for i, v in zip(items, row):
                i.set(float(v))
            r = _claim_holds(work, checks, seed_int, measured=measured)
            if r is None:
                return None
            hits += bool(r)
    finally:
        for i, sv in zip(items, saved):
            i.restore(sv)
    return hits / draws
