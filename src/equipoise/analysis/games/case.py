"""Build and solve a case's games for a period, with Monte Carlo over the case's uncertainty.

A :class:`~equipoise.case.models.Game` writes payoffs as expressions (see
:mod:`.expr`) over named parameters. Each parameter is a constant with a range or
a reference into the case, resolved for the period:

- ``relation: [A, B]`` — the signed strength of the dyad in the period;
- ``indicator: ID`` (+ ``year``) — the series' value in ``year``, or else in the
  latest year of the period that has a point;
- ``issue: ID, actor: A, field: position|salience|capability`` — the actor's stance.

Every parameter carries ``[low, high]``. The point game uses the central values; a
seeded Monte Carlo draws each parameter independently from a triangular
distribution on ``[low, value, high]`` and solves every draw: which pure equilibria
exist, and which equilibrium the logit QRE selects (the limit of its principal
branch, McKelvey & Palfrey 1995), so that each equilibrium and each player's
selected strategy gets a frequency.

References
----------
.. [1] McKelvey, R. D. & Palfrey, T. R. (1995). Quantal Response Equilibria for
   Normal Form Games. Games and Economic Behavior 10(1), 6-38.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ...case.loader import format_loc
from ...case.models import Case, Game, GameParameter
from ...errors import CaseError, ModelInputError
from ...executor import chunks, run_chunked
from ...seeding import DEFAULT_SEED, rng_from
from .expr import ExpressionError, parse_expression
from .solve import (NormalForm, ReusableGame, SolveResult, pure_equilibria, pure_profile, select_equilibrium,
                    solve_normal_form)

__all__ = ["ParameterValue", "MissingValueError", "CaseGameResult", "GamesResult", "resolve_parameters", "case_payoffs",
           "solve_case_game", "solve_case_games", "game_periods"]


@dataclass(frozen=True)
class ParameterValue:
    """A resolved game parameter: central value, range and where it came from."""

    name: str
    value: float
    low: float
    high: float
    origin: str
    assumed: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "value": self.value, "low": self.low, "high": self.high, "origin": self.origin,
                "assumed": self.assumed}


class MissingValueError(CaseError):
    """A parameter refers to a relation, indicator value or stance the case lacks for the period
    (and names no fallback)."""


def _err(case: Case, loc: tuple, message: str, cls: type[CaseError] = CaseError) -> CaseError:
    located = case._located
    fname, line = located.where(loc) if located is not None else (None, None)
    return cls(message, path=fname, line=line, field=format_loc(loc))


def _game_index(case: Case, game: Game) -> int:
    for i, g in enumerate(case.games):
        if g is game:
            return i
    return next((i for i, g in enumerate(case.games) if g.id == game.id), 0)


def game_periods(case: Case, game: Game) -> list[str]:
    """The periods a game is defined for (its ``periods``, or every period of the case)."""
    return list(game.periods) or [p.id for p in case.main_periods]


class _Missing(LookupError):
    """The case has no value for a reference in this period (a fallback may stand in)."""


class NotApplicableError(CaseError):
    """The game reads an issue that had not arisen in the period: not applicable, not a missing value."""


def _resolve_one(case: Case, name: str, par: GameParameter, period: str, loc: tuple) -> ParameterValue:
    if par.value is not None:
        lo, hi = par.value.range
        return ParameterValue(name, float(par.value.value), lo, hi, "constant")
    try:
        return _resolve_reference(case, name, par, period, loc)
    except _Missing as exc:
        if par.fallback is None:
            raise _err(case, loc, f"parameter {name!r}: {exc}", MissingValueError) from None
        fb = par.fallback
        return ParameterValue(name, float(fb.value), float(fb.low), float(fb.high),
                              f"fallback: the case has {exc}", assumed=True)


def _resolve_reference(case: Case, name: str, par: GameParameter, period: str, loc: tuple) -> ParameterValue:
    if par.relation is not None:
        a, b = par.relation
        rel = case.relation(a, b, period)
        if rel is None:
            raise _Missing(f"no relation {a}-{b} in period {period!r}")
        return ParameterValue(name, float(rel.value.value), float(rel.value.low), float(rel.value.high),
                              f"relation {a}-{b} in {period}")
    if par.indicator is not None:
        try:
            ind = case.indicator(par.indicator)
        except KeyError:
            raise _err(case, loc, f"parameter {name!r}: unknown indicator {par.indicator!r}") from None
        per = case.period(period)
        if par.year is not None:
            pts = [p for p in ind.points if p.year == par.year]
            if not pts:
                raise _Missing(f"indicator {ind.id!r} has no value for {par.year}")
        else:
            last = per.last_day.year if per.last_day is not None else 9999
            pts = sorted((p for p in ind.points if per.first_day.year <= p.year <= last), key=lambda p: p.year)[-1:]
            if not pts:
                raise _Missing(f"indicator {ind.id!r} has no value within period {period!r}; give a year")
        pt = pts[0]
        lo = pt.low if pt.low is not None else pt.value
        hi = pt.high if pt.high is not None else pt.value
        return ParameterValue(name, float(pt.value), float(lo), float(hi), f"indicator {ind.id} {pt.year}")
    try:
        issue = case.issue(par.issue)
    except KeyError:
        raise _err(case, loc, f"parameter {name!r}: unknown issue {par.issue!r}") from None
    if not issue.applies_in(case.period(period)):
        raise NotApplicableError(f"not applicable in period {period!r}: issue {issue.id!r} arose on {issue.arises}",
                                 field="period")
    stance = next((s for s in issue.stances if s.actor == par.actor and s.period == period), None)
    if stance is None:
        raise _Missing(f"{par.actor} has no stance on {issue.id!r} in period {period!r}")
    est = getattr(stance, par.field)
    return ParameterValue(name, float(est.value), float(est.low), float(est.high),
                          f"{par.field} of {par.actor} on {issue.id} in {period}")


def resolve_parameters(case: Case, game: Game, period: str) -> dict[str, ParameterValue]:
    """Resolve every parameter of ``game`` for ``period``.

    Raises
    ------
    CaseError
        Unknown period, or a reference the case cannot resolve for the period
        (the message names the file, line and parameter).
    """
    gi = _game_index(case, game)
    try:
        case.period(period)
    except KeyError:
        raise CaseError(f"unknown period {period!r} (expected one of {', '.join(p.id for p in case.periods)})",
                        field="period") from None
    return {name: _resolve_one(case, name, par, period, ("games", gi, "parameters", name))
            for name, par in sorted(game.parameters.items())}


def _compile(case: Case, game: Game):
    """Parse every payoff expression; map each profile to its row of expressions."""
    gi = _game_index(case, game)
    dims = [len(p.strategies) for p in game.players]
    index = {}
    for j, row in enumerate(game.payoffs):
        loc = ("games", gi, "payoffs", j)
        if len(row.profile) != len(game.players) or len(row.payoffs) != len(game.players):
            raise _err(case, loc, f"profile and payoffs must name {len(game.players)} entries, one per player")
        try:
            key = tuple(pl.strategies.index(s) for pl, s in zip(game.players, row.profile))
        except ValueError:
            raise _err(case, loc + ("profile",), f"profile {row.profile} names a strategy the players do not have: "
                       + "; ".join(f"{p.actor}: {', '.join(p.strategies)}" for p in game.players)) from None
        exprs = []
        for k, text in enumerate(row.payoffs):
            try:
                exprs.append(parse_expression(text))
            except ExpressionError as exc:
                raise _err(case, loc + ("payoffs", k), exc.message) from None
            unknown = sorted(exprs[-1].names - set(game.parameters))
            if unknown:
                raise _err(case, loc + ("payoffs", k), f"unknown parameter(s) {', '.join(unknown)}; the game "
                           f"defines {', '.join(sorted(game.parameters)) or 'none'}")
        index[key] = (j, exprs)
    missing = [p for p in itertools.product(*[range(d) for d in dims]) if p not in index]
    if missing:
        names = ["/".join(game.players[i].strategies[k] for i, k in enumerate(m)) for m in missing[:3]]
        raise _err(case, ("games", gi, "payoffs"), f"{len(missing)} strategy profile(s) have no payoff row, "
                   f"e.g. {', '.join(names)}")
    return dims, index


def case_payoffs(case: Case, game: Game, env: dict) -> np.ndarray:
    """Payoff array ``(n_players, *dims)``, or ``(n_draws, n_players, *dims)`` when ``env`` holds arrays."""
    gi = _game_index(case, game)
    dims, index = _compile(case, game)
    n = len(game.players)
    draws = next((len(v) for v in env.values() if isinstance(v, np.ndarray)), None)
    out = np.zeros(((draws,) if draws else ()) + (n, *dims))
    values: dict[str, object] = {}  # a game repeats few distinct payoff texts (one per outcome class): each once
    for key, (j, exprs) in index.items():
        for i, ex in enumerate(exprs):
            val = values.get(ex.text)
            if val is None:
                try:
                    val = values[ex.text] = ex.evaluate(env)
                except ExpressionError as exc:
                    raise _err(case, ("games", gi, "payoffs", j, "payoffs", i), exc.message) from None
            if draws:
                out[(slice(None), i, *key)] = val
            else:
                out[(i, *key)] = val
    return out


def _draw(params: dict[str, ParameterValue], draws: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    env = {}
    for name in sorted(params):
        p = params[name]
        if p.high > p.low:
            env[name] = rng.triangular(p.low, p.value, p.high, size=draws)
        else:
            env[name] = np.full(draws, p.value)
    return env


def strategy_values(payoffs: np.ndarray, probs: list[np.ndarray], player: int) -> np.ndarray:
    """Expected payoff of each pure strategy of ``player`` against the others' mixed strategies."""
    arr = np.moveaxis(np.asarray(payoffs[player], dtype=float), player, 0)
    others = [p for j, p in enumerate(probs) if j != player]
    for q in reversed(others):
        arr = arr @ q
    return arr


@dataclass(frozen=True)
class ExpectationCheck:
    """A game's result against what the record leads us to expect in a period.

    Attributes
    ----------
    text : str
    strategies : dict
        Actor -> the strategies the record shows it choosing (any of them counts).
    met : bool or None
        Whether the equilibrium selected at the central values has every named
        actor play one of its expected strategies (``None``: nothing selected).
    share : float or None
        Share of Monte Carlo draws whose selected equilibrium meets it.
    gaps : list of dict
        For each actor that misses at the central values: the strategy it plays,
        ``gap`` (how much more it earns than with its best expected strategy,
        the others' strategies held fixed) and ``drivers``, the parameters that
        move the gap most across their ranges, each with the gap at its low and
        high end and whether the range closes it.
    explanation : str or None
        The analyst's account of the disagreement, from the case.
    """

    text: str
    strategies: dict[str, list[str]]
    met: bool | None
    share: float | None
    gaps: list[dict]
    explanation: str | None = None

    def lines(self) -> list[str]:
        """The verdict and, for a miss, each gap with its drivers and the analyst's account (none if unchecked)."""
        if self.met is None:
            return []
        share = "" if self.share is None else f" (met in {self.share:.0%} of draws)"
        out = [f"expectation {'met' if self.met else 'NOT met'} at the central values{share}"]
        for g in self.gaps:
            out.append(f"  {g['actor']} plays {g['plays']}, {g['gap']:.3g} better than {' or '.join(g['expected'])}; "
                       "moved most by " + ", ".join(f"{d['parameter']} ({d['gap_at_low']:+.3g} to "
                                                    f"{d['gap_at_high']:+.3g})" for d in g["drivers"]))
        if self.explanation and not self.met:
            out.append(f"  analyst's note: {self.explanation}")
        return out

    def to_dict(self) -> dict:
        return {"text": self.text, "strategies": self.strategies, "met": self.met, "share": self.share,
                "gaps": self.gaps, "explanation": self.explanation}


def _meets(eq, wanted: dict[str, list[str]]) -> bool:
    return all(eq.strategy_of(a) in names for a, names in wanted.items())


def _expectation_gaps(case: Case, game: Game, params: dict[str, ParameterValue], eq, players, strategies,
                      wanted: dict[str, list[str]]) -> list[dict]:
    probs = [np.array(list(eq.probabilities[p].values())) for p in players]
    varied = [k for k, pv in params.items() if pv.high > pv.low]
    # row 0: central values; rows 2j+1 and 2j+2: parameter varied[j] at its low and high end
    env = {k: np.full(1 + 2 * len(varied), pv.value) for k, pv in params.items()}
    for j, k in enumerate(varied):
        env[k][2 * j + 1], env[k][2 * j + 2] = params[k].low, params[k].high
    pay = case_payoffs(case, game, env)
    out = []
    for a, names in wanted.items():
        played = eq.strategy_of(a)
        if played in names or played is None:
            continue
        i = players.index(a)
        idx = strategies[i]
        gaps = []
        for row in pay:
            vals = strategy_values(row, probs, i)
            gaps.append(float(vals[idx.index(played)] - max(vals[idx.index(n)] for n in names)))
        drivers = [{"parameter": k, "origin": params[k].origin, "low": params[k].low, "high": params[k].high,
                    "gap_at_low": gaps[2 * j + 1], "gap_at_high": gaps[2 * j + 2],
                    "closes": min(gaps[2 * j + 1], gaps[2 * j + 2]) <= 0} for j, k in enumerate(varied)]
        drivers.sort(key=lambda d: -abs(d["gap_at_high"] - d["gap_at_low"]))
        out.append({"actor": a, "plays": played, "expected": names, "gap": gaps[0], "drivers": drivers[:3]})
    return out


def _check(case: Case, game: Game, params, point: SolveResult, exp, share) -> ExpectationCheck | None:
    if exp is None or not exp.strategies:
        return None
    eq = point.qre_limit
    players = tuple(p.actor for p in game.players)
    strategies = tuple(tuple(p.strategies) for p in game.players)
    met = None if eq is None else _meets(eq, exp.strategies)
    gaps = [] if eq is None else _expectation_gaps(case, game, params, eq, players, strategies, exp.strategies)
    return ExpectationCheck(exp.text, dict(exp.strategies), met, share, gaps, exp.explanation)


@dataclass(frozen=True)
class CaseGameResult:
    """A case game solved for one period, at the point estimate and under uncertainty.

    Attributes
    ----------
    game_id, period : str
    parameters : dict of ParameterValue
    point : SolveResult
        Pure, mixed and QRE equilibria at the central parameter values.
    draws : int
    pure_frequency : dict
        Pure equilibrium key -> share of draws in which it is an equilibrium.
    no_pure_share : float
        Share of draws with no pure equilibrium.
    selected_frequency : dict
        Key of the logit-selected equilibrium -> share of draws.
    strategy_frequency : dict
        Player -> strategy -> share of draws in which the selected equilibrium has the
        player play it with probability above 1/2.
    expectation : str or None
        What the documents lead us to expect for this period, in words.
    check : ExpectationCheck or None
        The result against the expectation, when the case names strategies for it.
    """

    game_id: str
    game_name: str
    period: str
    parameters: dict[str, ParameterValue]
    point: SolveResult
    draws: int
    seed: int | None
    pure_frequency: dict[str, float]
    no_pure_share: float
    selected_frequency: dict[str, float]
    strategy_frequency: dict[str, dict[str, float]]
    expectation: str | None = None
    check: ExpectationCheck | None = None
    method: str = "point solve + seeded Monte Carlo (triangular draws on each parameter's range)"

    @property
    def selected(self) -> str | None:
        """The key of the equilibrium the logit QRE selects at the point estimate."""
        return self.point.qre_limit.key if self.point.qre_limit else None

    def strategy_probability(self, player: str, strategy: str) -> float:
        """Share of draws whose selected equilibrium has ``player`` play ``strategy``
        (the point estimate when there were no draws)."""
        if self.draws:
            return self.strategy_frequency.get(player, {}).get(strategy, 0.0)
        eq = self.point.qre_limit
        return 1.0 if eq is not None and eq.strategy_of(player) == strategy else 0.0

    def summary(self) -> str:
        lines = [f"{self.game_name} [{self.game_id}] in {self.period}", self.point.summary()]
        if self.draws:
            lines.append(f"  Monte Carlo ({self.draws} draws, seed {self.seed}): selected "
                         + ", ".join(f"{k} {v:.0%}" for k, v in self.selected_frequency.items()))
        if self.expectation:
            lines.append(f"  expected from the documents: {self.expectation}")
        if self.check is not None:
            lines += ["  " + x for x in self.check.lines()]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"game": self.game_id, "name": self.game_name, "period": self.period,
                "parameters": {k: v.to_dict() for k, v in self.parameters.items()},
                **self.point.to_dict(), "selected": self.selected,
                "monte_carlo": {"draws": self.draws, "seed": self.seed, "method": self.method,
                                "pure_frequency": self.pure_frequency, "no_pure_share": self.no_pure_share,
                                "selected_frequency": self.selected_frequency,
                                "strategy_frequency": self.strategy_frequency},
                "expectation": self.expectation,
                "expectation_check": self.check.to_dict() if self.check else None}


@dataclass(frozen=True)
class GamesResult:
    """Several case games over several periods."""

    results: tuple[CaseGameResult, ...]
    draws: int
    seed: int | None
    failures: tuple[dict, ...] = field(default_factory=tuple)
    #: (game, period) pairs not run because the game reads an issue that had not arisen then
    not_applicable: tuple[dict, ...] = field(default_factory=tuple)

    def get(self, game_id: str, period: str) -> CaseGameResult | None:
        return next((r for r in self.results if r.game_id == game_id and r.period == period), None)

    def summary(self) -> str:
        parts = [r.summary() for r in self.results]
        parts += [f"{f['game']} in {f['period']}: not solved: {f['error']}" for f in self.failures]
        parts += [f"{f['game']} in {f['period']}: {f['reason']}" for f in self.not_applicable]
        return "\n\n".join(parts)

    def to_dict(self) -> dict:
        return {"draws": self.draws, "seed": self.seed, "games": [r.to_dict() for r in self.results],
                "failures": list(self.failures), "not_applicable": list(self.not_applicable)}


def _key_of(game: Game, idx: tuple) -> str:
    return "/".join(game.players[i].strategies[k] for i, k in enumerate(idx))


#: Monte Carlo draws solved per task (the cut does not depend on the number of workers).
DRAWS_PER_TASK = 50


def _select_draws(piece: tuple) -> list[tuple[str, bool, dict]]:
    """The logit selection for a run of draws: ``(key, meets expectation, {player: strategy})`` per draw.

    Solving is deterministic (the draws are made beforehand), so any split of the draws
    into tasks gives the same frequencies.
    """
    title, players, strategies, pay, mask, wanted = piece
    reuse = None
    out = []
    for d in range(len(pay)):
        nf_d = NormalForm(title, players, strategies, pay[d])
        reuse = reuse or ReusableGame(nf_d)  # one gambit game, payoffs reset per draw
        eq = select_equilibrium(nf_d, lambda: [pure_profile(nf_d, tuple(i)) for i in np.argwhere(mask[d])],
                                reuse=reuse)
        if eq is None:
            out.append(("(no selection)", False, {}))
            continue
        chosen = {p: eq.strategy_of(p) for p in players}
        out.append((eq.key, bool(wanted) and _meets(eq, wanted), {p: s for p, s in chosen.items() if s is not None}))
    return out


def solve_case_game(case: Case, game: str | Game, period: str, *, draws: int = 200,
                    seed: int | np.random.Generator | None = None, time_limit: float = 10.0,
                    mixed: bool = True, executor=None) -> CaseGameResult:
    """Solve one of the case's games for one period.

    Parameters
    ----------
    case : Case
    game : str or Game
        The game or its id.
    period : str
    draws : int
        Monte Carlo draws (0: the point estimate only).
    seed : int, Generator or None
    time_limit : float
        Seconds for mixed-equilibrium enumeration in games of three or more players.
    mixed : bool
        Enumerate mixed equilibria at the point estimate.
    executor : concurrent.futures.Executor, optional
        Where the draws are solved, :data:`DRAWS_PER_TASK` per task (see
        :mod:`equipoise.executor`); the result does not depend on it.

    Returns
    -------
    CaseGameResult

    Raises
    ------
    CaseError
        Unknown game or period, unresolvable parameter, bad expression (division by
        zero, unknown name), or payoff rows that do not cover the strategy profiles.
    """
    if isinstance(game, str):
        try:
            game = case.game(game)
        except KeyError:
            raise CaseError(f"unknown game {game!r} (expected one of {', '.join(g.id for g in case.games) or 'none'})",
                            field="game") from None
    if draws < 0:
        raise ModelInputError(f"draws must be 0 or more, got {draws}")
    params = resolve_parameters(case, game, period)
    players = tuple(p.actor for p in game.players)
    strategies = tuple(tuple(p.strategies) for p in game.players)
    point_pay = case_payoffs(case, game, {k: v.value for k, v in params.items()})
    nf = NormalForm(f"{game.name} ({period})", players, strategies, point_pay)
    point = solve_normal_form(nf, mixed=mixed, qre=True, time_limit=time_limit)
    exp = game.expectations.get(period)
    wanted = exp.strategies if exp is not None else {}
    meets = 0
    pure_freq: dict[str, float] = {}
    sel_freq: dict[str, float] = {}
    strat_freq: dict[str, dict[str, float]] = {}
    no_pure = 0.0
    seed_out = DEFAULT_SEED if seed is None else (seed if isinstance(seed, int) else None)
    if draws:
        rng = rng_from(seed)
        env = _draw(params, draws, rng)
        pay = case_payoffs(case, game, env)
        mask = pure_equilibria(pay, batched=True)
        counts: Counter = Counter()
        for d, *idx in np.argwhere(mask):
            counts[_key_of(game, tuple(idx))] += 1
        pure_freq = {k: v / draws for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}
        no_pure = float((~mask.reshape(draws, -1).any(axis=1)).mean())
        sel: Counter = Counter()
        strat: dict[str, Counter] = {p: Counter() for p in players}
        pieces = [(nf.title, players, strategies, pay[r], mask[r], wanted) for r in chunks(draws, DRAWS_PER_TASK)]
        for picked in run_chunked(executor, _select_draws, pieces):
            for key, met, chosen in picked:
                sel[key] += 1
                meets += met
                for p, s in chosen.items():
                    strat[p][s] += 1
        sel_freq = {k: v / draws for k, v in sorted(sel.items(), key=lambda kv: (-kv[1], kv[0]))}
        strat_freq = {p: {s: strat[p][s] / draws for s in pl} for p, pl in zip(players, strategies)}
    return CaseGameResult(game_id=game.id, game_name=game.name, period=period, parameters=params, point=point,
                          draws=draws, seed=seed_out, pure_frequency=pure_freq, no_pure_share=no_pure,
                          selected_frequency=sel_freq, strategy_frequency=strat_freq,
                          expectation=exp.text if exp is not None else None,
                          check=_check(case, game, params, point, exp, meets / draws if draws else None))


def solve_case_games(case: Case, *, game: str | None = None, period: str | None = None, draws: int = 200,
                     seed: int | None = None, time_limit: float = 10.0, executor=None) -> GamesResult:
    """Solve every game (or one) for every period it is defined for (or one).

    A period whose parameters the case cannot resolve is reported in ``failures``
    when all periods are requested, and raised when one period is named.
    """
    games = case.games
    if game is not None:
        try:
            games = [case.game(game)]
        except KeyError:
            raise CaseError(f"unknown game {game!r} (expected one of {', '.join(g.id for g in case.games) or 'none'})",
                            field="game") from None
    if period is not None:
        try:
            case.period(period)
        except KeyError:
            raise CaseError(f"unknown period {period!r} (expected one of {', '.join(p.id for p in case.periods)})",
                            field="period") from None
    results, failures, not_applicable = [], [], []
    for g in games:
        for pid in game_periods(case, g):
            if period is not None and pid != period:
                continue
            try:
                results.append(solve_case_game(case, g, pid, draws=draws, seed=seed, time_limit=time_limit,
                                               executor=executor))
            except MissingValueError as exc:
                if period is not None:
                    raise
                failures.append({"game": g.id, "period": pid, "error": str(exc)})
            except NotApplicableError as exc:
                if period is not None:
                    raise
                not_applicable.append({"game": g.id, "period": pid, "reason": exc.message})
    if period is not None and not results and not failures:
        raise CaseError(f"no game is defined for period {period!r}", field="period")
    return GamesResult(results=tuple(results), draws=draws, seed=seed, failures=tuple(failures),
                       not_applicable=tuple(not_applicable))
