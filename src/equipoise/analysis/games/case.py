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
from ...seeding import DEFAULT_SEED, rng_from
from .expr import ExpressionError, parse_expression
from .solve import NormalForm, SolveResult, pure_equilibria, solve_normal_form

__all__ = ["ParameterValue", "CaseGameResult", "GamesResult", "resolve_parameters", "case_payoffs",
           "solve_case_game", "solve_case_games", "game_periods"]


@dataclass(frozen=True)
class ParameterValue:
    """A resolved game parameter: central value, range and where it came from."""

    name: str
    value: float
    low: float
    high: float
    origin: str

    def to_dict(self) -> dict:
        return {"name": self.name, "value": self.value, "low": self.low, "high": self.high, "origin": self.origin}


def _err(case: Case, loc: tuple, message: str) -> CaseError:
    located = case._located
    fname, line = located.where(loc) if located is not None else (None, None)
    return CaseError(message, path=fname, line=line, field=format_loc(loc))


def _game_index(case: Case, game: Game) -> int:
    for i, g in enumerate(case.games):
        if g is game:
            return i
    return next((i for i, g in enumerate(case.games) if g.id == game.id), 0)


def game_periods(case: Case, game: Game) -> list[str]:
    """The periods a game is defined for (its ``periods``, or every period of the case)."""
    return list(game.periods) or [p.id for p in case.periods]


def _resolve_one(case: Case, name: str, par: GameParameter, period: str, loc: tuple) -> ParameterValue:
    if par.value is not None:
        lo, hi = par.value.range
        return ParameterValue(name, float(par.value.value), lo, hi, "constant")
    if par.relation is not None:
        a, b = par.relation
        rel = case.relation(a, b, period)
        if rel is None:
            raise _err(case, loc, f"parameter {name!r}: no relation {a}-{b} in period {period!r}")
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
                raise _err(case, loc, f"parameter {name!r}: indicator {ind.id!r} has no value for {par.year}")
        else:
            last = per.last_day.year if per.last_day is not None else 9999
            pts = sorted((p for p in ind.points if per.first_day.year <= p.year <= last), key=lambda p: p.year)[-1:]
            if not pts:
                raise _err(case, loc, f"parameter {name!r}: indicator {ind.id!r} has no value within period "
                                      f"{period!r}; give a year")
        pt = pts[0]
        lo = pt.low if pt.low is not None else pt.value
        hi = pt.high if pt.high is not None else pt.value
        return ParameterValue(name, float(pt.value), float(lo), float(hi), f"indicator {ind.id} {pt.year}")
    try:
        issue = case.issue(par.issue)
    except KeyError:
        raise _err(case, loc, f"parameter {name!r}: unknown issue {par.issue!r}") from None
    stance = next((s for s in issue.stances if s.actor == par.actor and s.period == period), None)
    if stance is None:
        raise _err(case, loc, f"parameter {name!r}: {par.actor} has no stance on {issue.id!r} in period {period!r}")
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
    for key, (j, exprs) in index.items():
        for i, ex in enumerate(exprs):
            try:
                val = ex.evaluate(env)
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
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"game": self.game_id, "name": self.game_name, "period": self.period,
                "parameters": {k: v.to_dict() for k, v in self.parameters.items()},
                **self.point.to_dict(), "selected": self.selected,
                "monte_carlo": {"draws": self.draws, "seed": self.seed, "method": self.method,
                                "pure_frequency": self.pure_frequency, "no_pure_share": self.no_pure_share,
                                "selected_frequency": self.selected_frequency,
                                "strategy_frequency": self.strategy_frequency},
                "expectation": self.expectation}


@dataclass(frozen=True)
class GamesResult:
    """Several case games over several periods."""

    results: tuple[CaseGameResult, ...]
    draws: int
    seed: int | None
    failures: tuple[dict, ...] = field(default_factory=tuple)

    def get(self, game_id: str, period: str) -> CaseGameResult | None:
        return next((r for r in self.results if r.game_id == game_id and r.period == period), None)

    def summary(self) -> str:
        parts = [r.summary() for r in self.results]
        parts += [f"{f['game']} in {f['period']}: not solved: {f['error']}" for f in self.failures]
        return "\n\n".join(parts)

    def to_dict(self) -> dict:
        return {"draws": self.draws, "seed": self.seed, "games": [r.to_dict() for r in self.results],
                "failures": list(self.failures)}


def _key_of(game: Game, idx: tuple) -> str:
    return "/".join(game.players[i].strategies[k] for i, k in enumerate(idx))


def solve_case_game(case: Case, game: str | Game, period: str, *, draws: int = 200,
                    seed: int | np.random.Generator | None = None, time_limit: float = 10.0,
                    mixed: bool = True) -> CaseGameResult:
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
        from .solve import _logit
        sel: Counter = Counter()
        strat: dict[str, Counter] = {p: Counter() for p in players}
        for d in range(draws):
            eq, _ = _logit(NormalForm(nf.title, players, strategies, pay[d]), ())
            if eq is None:
                sel["(logit tracing failed)"] += 1
                continue
            sel[eq.key] += 1
            for p in players:
                s = eq.strategy_of(p)
                if s is not None:
                    strat[p][s] += 1
        sel_freq = {k: v / draws for k, v in sorted(sel.items(), key=lambda kv: (-kv[1], kv[0]))}
        strat_freq = {p: {s: strat[p][s] / draws for s in pl} for p, pl in zip(players, strategies)}
    return CaseGameResult(game_id=game.id, game_name=game.name, period=period, parameters=params, point=point,
                          draws=draws, seed=seed_out, pure_frequency=pure_freq, no_pure_share=no_pure,
                          selected_frequency=sel_freq, strategy_frequency=strat_freq,
                          expectation=game.expectations.get(period))


def solve_case_games(case: Case, *, game: str | None = None, period: str | None = None, draws: int = 200,
                     seed: int | None = None, time_limit: float = 10.0) -> GamesResult:
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
    results, failures = [], []
    for g in games:
        for pid in game_periods(case, g):
            if period is not None and pid != period:
                continue
            try:
                results.append(solve_case_game(case, g, pid, draws=draws, seed=seed, time_limit=time_limit))
            except CaseError as exc:
                if period is not None or "no relation" not in exc.message and "no stance" not in exc.message \
                        and "no value" not in exc.message:
                    raise
                failures.append({"game": g.id, "period": pid, "error": str(exc)})
    if period is not None and not results and not failures:
        raise CaseError(f"no game is defined for period {period!r}", field="period")
    return GamesResult(results=tuple(results), draws=draws, seed=seed, failures=tuple(failures))
