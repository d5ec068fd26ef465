"""Nash and logit quantal-response equilibria of normal-form games, with pygambit.

A :class:`NormalForm` holds players, strategy labels and a payoff array; any
game — from a case, a Gambit ``.nfg`` file or numpy arrays — is solved by
:func:`solve_normal_form`:

- all pure-strategy equilibria (exhaustive, :func:`pure_equilibria`, vectorised
  over Monte Carlo draws);
- mixed equilibria: for two players (after dropping players with a single
  strategy) every extreme equilibrium by vertex enumeration
  (``pygambit.nash.enummixed_solve``); for more players support enumeration with
  polynomial solving (``pygambit.nash.enumpoly_solve``). Both run under a time
  limit — if it is hit the result says ``complete: false`` and lists only the
  sample found (for two players, one equilibrium found by Lemke-Howson);
- the logit QRE: the limit of the principal branch (an equilibrium selection,
  McKelvey & Palfrey 1995) and the QRE at chosen precisions ``lambda``.

References
----------
.. [1] McKelvey, R. D., McLennan, A. M. & Turocy, T. L. (2016). Gambit: Software
   Tools for Game Theory, version 16. http://www.gambit-project.org
.. [2] McKelvey, R. D. & Palfrey, T. R. (1995). Quantal Response Equilibria for
   Normal Form Games. Games and Economic Behavior 10(1), 6-38.
   doi:10.1006/game.1995.1023
.. [3] Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration
   of Nash equilibria for two-player games. Economic Theory 42, 9-37.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ...errors import ModelInputError

__all__ = ["NormalForm", "Equilibrium", "SolveResult", "solve_normal_form", "pure_equilibria",
           "dominance_solve", "select_equilibrium", "ReusableGame", "pure_profile", "DEFAULT_LAMBDAS",
           "LOGIT_TIME_LIMIT"]

DEFAULT_LAMBDAS = (2.0, 10.0)
#: Seconds allowed to trace the logit QRE branch of one game (a degenerate game can stall it).
LOGIT_TIME_LIMIT = 1.0
_TOL = 1e-7


@dataclass(frozen=True)
class NormalForm:
    """A finite game in normal form.

    Attributes
    ----------
    title : str
    players : tuple of str
    strategies : tuple of tuple of str
        Strategy labels per player.
    payoffs : numpy.ndarray
        Shape ``(n_players, *n_strategies)``: ``payoffs[i][s1, ..., sn]`` is player
        ``i``'s payoff at that profile.
    """

    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray

    def __post_init__(self) -> None:
        shape = tuple(len(s) for s in self.strategies)
        if len(self.players) < 2:
            raise ModelInputError(f"a game needs at least two players, got {len(self.players)}")
        if len(set(self.players)) != len(self.players):
            raise ModelInputError(f"player names must differ, got {list(self.players)}")
        if any(n == 0 for n in shape):
            raise ModelInputError("every player needs at least one strategy")
        for p, strat in zip(self.players, self.strategies):
            if len(set(strat)) != len(strat):
                raise ModelInputError(f"strategy labels of {p} must differ, got {list(strat)}")
        if self.payoffs.shape != (len(self.players), *shape):
            raise ModelInputError(f"payoff array has shape {self.payoffs.shape}, expected {(len(self.players), *shape)}")
        if not np.all(np.isfinite(self.payoffs)):
            raise ModelInputError("payoffs must be finite numbers")

    def to_gambit(self):
        """The game as a ``pygambit.StrategicGame`` with our labels."""
        import pygambit as gbt
        labels = [f"p{i}" for i in range(len(self.players))]
        g = gbt.StrategicGame.from_dict({lab: np.asarray(a, dtype=float) for lab, a in zip(labels, self.payoffs)},
                                        title=self.title)
        for lab, strat in zip(labels, self.strategies):
            g.relabel_strategies(lab, {str(k + 1): f"s{k}" for k in range(len(strat))})
        return g

    def profile_payoffs(self, probs: list[np.ndarray]) -> list[float]:
        """Expected payoff of each player at a mixed profile."""
        out = []
        for i in range(len(self.players)):
            arr = self.payoffs[i]
            for p in reversed(probs):
                arr = arr @ p
            out.append(float(arr))
        return out

    def to_dict(self) -> dict:
        return {"title": self.title, "players": list(self.players),
                "strategies": {p: list(s) for p, s in zip(self.players, self.strategies)},
                "payoffs": [[float(x) for x in np.ravel(a)] for a in self.payoffs]}


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium: each player's strategy probabilities and expected payoff."""

    probabilities: dict[str, dict[str, float]]
    payoffs: dict[str, float]
    pure: bool
    kind: str = "nash"

    @property
    def key(self) -> str:
        """A label: the pure profile (``a/b/c``), or the supports of a mixed one."""
        parts = []
        for strat in self.probabilities.values():
            sup = [s for s, p in strat.items() if p > 1e-6]
            parts.append(sup[0] if len(sup) == 1 else "{" + ",".join(sup) + "}")
        return "/".join(parts)

    def strategy_of(self, player: str) -> str | None:
        """The strategy ``player`` plays with probability above 1/2, if any."""
        for s, p in self.probabilities[player].items():
            if p > 0.5:
                return s
        return None

    def to_dict(self) -> dict:
        return {"key": self.key, "pure": self.pure, "kind": self.kind,
                "strategies": {p: {s: round(float(x), 10) for s, x in d.items()} for p, d in self.probabilities.items()},
                "payoffs": {p: round(float(x), 10) for p, x in self.payoffs.items()}}


@dataclass(frozen=True)
class SolveResult:
    """Equilibria of one game, with the method used and whether the list is complete."""

    game: NormalForm
    equilibria: tuple[Equilibrium, ...]
    method: str
    complete: bool
    note: str
    qre_limit: Equilibrium | None
    qre: dict[float, Equilibrium] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if e.pure)

    @property
    def mixed(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if not e.pure)

    def summary(self) -> str:
        head = (f"{self.game.title}: {len(self.pure)} pure and {len(self.mixed)} mixed equilibri"
                f"{'um' if len(self.equilibria) == 1 else 'a'} ({self.method}; "
                f"{'complete' if self.complete else 'SAMPLE ONLY'})")
        lines = [head]
        for e in self.equilibria:
            bits = "; ".join(f"{p}: " + ", ".join(f"{s} {x:.3g}" for s, x in d.items() if x > 1e-9)
                             for p, d in e.probabilities.items())
            pay = ", ".join(f"{p} {x:.3g}" for p, x in e.payoffs.items())
            lines.append(f"  {'pure ' if e.pure else 'mixed'} {bits}  (payoffs {pay})")
        if self.qre_limit is not None:
            lines.append(f"  logit QRE selects: {self.qre_limit.key}")
        if self.note:
            lines.append(f"  note: {self.note}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"title": self.game.title, "players": list(self.game.players),
                "strategies": {p: list(s) for p, s in zip(self.game.players, self.game.strategies)},
                "method": self.method, "complete": self.complete, "note": self.note,
                "equilibria": [e.to_dict() for e in self.equilibria],
                "qre": {"limit": self.qre_limit.to_dict() if self.qre_limit else None,
                        "at_lambda": {f"{k:g}": v.to_dict() for k, v in self.qre.items()}}}


# ---------------------------------------------------------------- pure equilibria (vectorised)

def pure_equilibria(payoffs: np.ndarray, *, batched: bool = False) -> np.ndarray:
    """Boolean mask of pure Nash equilibria.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, *n_strategies)`` or, for Monte Carlo draws,
        ``(n_draws, n_players, *n_strategies)`` with ``batched=True``.
    batched : bool
        Whether the first axis holds Monte Carlo draws.

    Returns
    -------
    numpy.ndarray
        Shape ``n_strategies`` (or ``(n_draws, *n_strategies)``): True where no
        player gains by a unilateral deviation (ties count as equilibrium, within
        1e-9).

    Examples
    --------
    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])  # prisoner's dilemma
    >>> np.argwhere(pure_equilibria(pd)).tolist()
    [[1, 1]]
    """
    arr = np.asarray(payoffs, dtype=float)
    squeeze = not batched
    if squeeze:
        arr = arr[None]
    if arr.ndim != arr.shape[1] + 2:
        raise ModelInputError(f"payoff array of shape {arr.shape[1:]} does not fit {arr.shape[1]} players")
    n = arr.shape[1]
    ok = np.ones((arr.shape[0], *arr.shape[2:]), dtype=bool)
    for i in range(n):
        best = arr[:, i].max(axis=1 + i, keepdims=True)
        ok &= arr[:, i] >= best - 1e-9
    return ok[0] if squeeze else ok


def dominance_solve(payoffs: np.ndarray) -> tuple[int, ...] | None:
    """The profile left by iterated elimination of strictly dominated pure strategies.

    Returns the strategy indices when one profile survives — then it is the game's
    unique Nash equilibrium, so every selection (the logit limit included) picks
    it — and ``None`` otherwise.

    Examples
    --------
    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])  # prisoner's dilemma
    >>> dominance_solve(pd)
    (1, 1)
    """
    arr = np.asarray(payoffs, dtype=float)
    n = arr.shape[0]
    alive = [list(range(k)) for k in arr.shape[1:]]
    changed = True
    while changed:
        changed = False
        sub = arr[np.ix_(range(n), *alive)]
        for i in range(n):
            mine = np.moveaxis(sub[i], i, 0).reshape(len(alive[i]), -1)
            keep = [a for a in range(len(alive[i]))
                    if not any(np.all(mine[b] > mine[a] + 1e-12) for b in range(len(alive[i])) if b != a)]
            if len(keep) < len(alive[i]):
                alive[i] = [alive[i][a] for a in keep]
                changed = True
                break
    return tuple(a[0] for a in alive) if all(len(a) == 1 for a in alive) else None


# ---------------------------------------------------------------- solving

class _Timeout(Exception):
    pass


def _as_eq(nf: NormalForm, probs: list[np.ndarray], kind: str = "nash") -> Equilibrium:
    probs = [np.where(np.abs(p) < 1e-12, 0.0, p) for p in probs]
    pure = all(abs(float(p.max()) - 1.0) <= 1e-9 + 1e-5 for p in probs)  # np.isclose(max, 1, atol=1e-9)
    return Equilibrium(
        probabilities={pl: {s: float(x) for s, x in zip(strat, p)}
                       for pl, strat, p in zip(nf.players, nf.strategies, probs)},
        payoffs=dict(zip(nf.players, nf.profile_payoffs(probs))), pure=pure, kind=kind)


def pure_profile(nf: NormalForm, idx: tuple[int, ...], kind: str = "nash") -> Equilibrium:
    """The pure profile ``idx`` (one strategy index per player) as an :class:`Equilibrium` record."""
    probs = []
    for k, strat in zip(idx, nf.strategies):
        v = np.zeros(len(strat))
        v[int(k)] = 1.0
        probs.append(v)
    return _as_eq(nf, probs, kind=kind)


class ReusableGame:
    """One pygambit game of a fixed shape whose payoffs are reset for each Monte Carlo draw.

    Building a game (and relabelling its strategies) costs more than writing new payoffs
    into an existing one; pass the same instance to :func:`select_equilibrium` for every draw.
    Not safe to share between threads.
    """

    def __init__(self, nf: NormalForm):
        self.game = nf.to_gambit()
        self.players = [f"p{i}" for i in range(len(nf.players))]
        self.cells = [(idx, self.game.get_outcome({p: f"s{k}" for p, k in zip(self.players, idx)}))
                      for idx in np.ndindex(*nf.payoffs.shape[1:])]

    def load(self, payoffs: np.ndarray):
        """The game with ``payoffs`` (shape ``(n_players, *n_strategies)``) written in."""
        for idx, label in self.cells:
            self.game.set_outcome_payoffs(label, {p: float(payoffs[(i, *idx)]) for i, p in enumerate(self.players)})
        return self.game


def select_equilibrium(nf: NormalForm, candidates=(), *, reuse: ReusableGame | None = None) -> Equilibrium | None:
    """The logit QRE selection (the principal branch's limit), without the QRE points.

    A dominance-solvable game has one Nash equilibrium, which every selection
    picks; it is returned without tracing. Otherwise see :func:`_logit`.
    ``candidates`` may be a callable returning them (called only when needed);
    ``reuse`` a :class:`ReusableGame` of the same shape to trace on.
    """
    only = dominance_solve(nf.payoffs)
    if only is not None:
        return pure_profile(nf, only, kind="logit_limit")
    return _logit(nf, (), candidates, reuse=reuse)[0]


def _from_gambit(nf: NormalForm, prof, keep: list[int], fixed: dict[int, int]) -> list[np.ndarray]:
    """Probabilities per player of the full game from a profile of the reduced game."""
    reduced = _profile_probs(prof)
    out: list[np.ndarray] = []
    for i, strat in enumerate(nf.strategies):
        if i in fixed:
            v = np.zeros(len(strat))
            v[fixed[i]] = 1.0
            out.append(v)
        else:
            out.append(reduced[keep.index(i)])
    return out


def _dedupe(eqs: list[Equilibrium]) -> list[Equilibrium]:
    out: list[Equilibrium] = []
    for e in eqs:
        vec = np.concatenate([list(d.values()) for d in e.probabilities.values()])
        if not any(np.allclose(vec, np.concatenate([list(d.values()) for d in o.probabilities.values()]), atol=1e-6)
                   for o in out):
            out.append(e)
    return out


#: Two-player games with at most this many strategy profiles run vertex enumeration in-process
#: (well under a second: an 8x8 random game takes ~0.04 s, 10x10 ~0.4 s, 12x12 ~13 s, 14x14 ~2 min).
ENUMMIXED_INLINE_PROFILES = 64


def _enummixed_profiles(sub: NormalForm) -> list[dict]:
    """Every extreme equilibrium of a two-player game, as plain probabilities (runs in a child process)."""
    import pygambit as gbt
    res = gbt.nash.enummixed_solve(sub.to_gambit(), rational=False)
    return [{i: {k: float(x) for k, x in enumerate(p)} for i, p in enumerate(_profile_probs(prof))}
            for prof in res.equilibria]


def _enummixed_child(sub: NormalForm, conn) -> None:
    conn.send(_enummixed_profiles(sub))
    conn.close()


def _enummixed_within(sub: NormalForm, game, time_limit: float) -> list | None:
    """All extreme equilibria of a two-player game, or ``None`` when ``time_limit`` seconds pass first.

    Vertex enumeration offers no callback to stop it, so a game larger than
    :data:`ENUMMIXED_INLINE_PROFILES` profiles runs in a child process that is terminated at the limit.
    """
    import pygambit as gbt
    if sub.payoffs[0].size <= ENUMMIXED_INLINE_PROFILES:
        return list(gbt.nash.enummixed_solve(game, rational=False).equilibria)
    import multiprocessing as mp
    ctx = mp.get_context("spawn")  # safe under the web app's threads
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_enummixed_child, args=(sub, send), daemon=True)
    proc.start()
    send.close()
    try:
        return recv.recv() if recv.poll(time_limit) else None
    except EOFError:  # the child died without an answer
        return None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        recv.close()


def solve_normal_form(nf: NormalForm, *, mixed: bool = True, qre: bool = True,
                      lambdas: tuple[float, ...] = DEFAULT_LAMBDAS, time_limit: float = 20.0) -> SolveResult:
    """Compute the equilibria of a normal-form game.

    Parameters
    ----------
    nf : NormalForm
    mixed : bool
        Also compute mixed equilibria (see the module notes for the method).
    qre : bool
        Also trace the logit QRE principal branch: its limit and the QRE at ``lambdas``.
    lambdas : tuple of float
        Precisions at which to report the logit QRE. Payoffs are first scaled to a
        range of 1, so ``lambda`` is comparable across games.
    time_limit : float
        Seconds allowed to enumerating mixed equilibria: ``enumpoly_solve`` (three or
        more players) returns the equilibria found so far, ``enummixed_solve`` (two
        players) falls back to one equilibrium by Lemke-Howson; either way the result
        says ``complete=False`` and the note says why.

    Returns
    -------
    SolveResult

    Examples
    --------
    >>> bos = NormalForm("BoS", ("1", "2"), (("T", "B"), ("L", "R")),
    ...                  np.array([[[3, 0], [0, 2]], [[2, 0], [0, 3]]], dtype=float))
    >>> res = solve_normal_form(bos, qre=False)
    >>> [e.key for e in res.equilibria]
    ['T/L', 'B/R', '{T,B}/{L,R}']
    """
    import pygambit as gbt

    t0 = time.perf_counter()
    if time_limit <= 0:
        raise ModelInputError(f"time_limit must be positive, got {time_limit}")
    mask = pure_equilibria(nf.payoffs)
    eqs: list[Equilibrium] = []
    for idx in np.argwhere(mask):
        eqs.append(pure_profile(nf, tuple(idx)))
    method, complete, note = "pure enumeration", True, ""
    if mixed:
        keep = [i for i, s in enumerate(nf.strategies) if len(s) > 1]
        fixed = {i: 0 for i, s in enumerate(nf.strategies) if len(s) == 1}
        if len(keep) <= 1:
            method = "pure enumeration (at most one player has a choice: every equilibrium is pure)"
        else:
            sub_pay = nf.payoffs[keep][(slice(None), *[slice(None) if i in keep else 0 for i in range(len(nf.players))])]
            sub = NormalForm(nf.title, tuple(nf.players[i] for i in keep), tuple(nf.strategies[i] for i in keep),
                             sub_pay)
            g = sub.to_gambit()
            if fixed:
                note = f"players with one strategy ({', '.join(nf.players[i] for i in fixed)}) fixed before solving. "
            if len(keep) == 2:
                profiles = _enummixed_within(sub, g, time_limit)
                method = "pure enumeration + enummixed (all extreme equilibria of a two-player game)"
                if profiles is None:
                    profiles = list(gbt.nash.lcp_solve(g, rational=False, stop_after=1).equilibria)
                    complete = False
                    method = "pure enumeration + lcp (enummixed stopped at the time limit)"
                    note += (f"enummixed_solve did not finish within the {time_limit:g} s limit: one "
                             "equilibrium found by Lemke-Howson (lcp_solve) is listed, not all of them; all pure "
                             "equilibria are listed. ")
            else:
                found: list = []
                deadline = time.perf_counter() + time_limit

                budget: list = []

                def on_event(ev) -> None:
                    if "BudgetExceeded" in type(ev).__name__:
                        budget.append(ev)
                    if time.perf_counter() > deadline:
                        raise _Timeout()

                try:
                    res = gbt.nash.enumpoly_solve(g, use_strategic=True, nash_callback=found.append, max_rectangles=500,
                                                  event_callback=on_event)
                    profiles = list(res.equilibria)
                    method = "pure enumeration + enumpoly (support enumeration, all isolated equilibria)"
                    if budget:
                        complete = False
                        note += (f"enumpoly_solve gave up on {len(budget)} support(s) after 500 rectangles each: "
                                 "the mixed equilibria listed may be a sample; all pure equilibria are listed. ")
                except RuntimeError as exc:
                    if "_Timeout" not in str(exc) and "Timeout" not in type(exc).__name__:
                        raise
                    profiles = found
                    complete = False
                    method = "pure enumeration + enumpoly (stopped at the time limit)"
                    note += (f"enumpoly_solve hit the {time_limit:g} s limit: the mixed equilibria listed are a "
                             f"sample ({len(found)} found), not all of them; all pure equilibria are listed. ")
            for prof in profiles:
                eqs.append(_as_eq(nf, _from_gambit(nf, prof, keep, fixed)))
    eqs = _dedupe(eqs)
    eqs.sort(key=lambda e: not e.pure)  # stable: pure in profile order, then mixed
    qre_limit, at = None, {}
    if qre:
        qre_limit, at = _logit(nf, lambdas, eqs)
        if qre_limit is not None and qre_limit.kind == "logit_nearest":
            note += (" The logit principal branch does not reach an equilibrium here (it meets a bifurcation, "
                     "as in symmetric games); the selection is the equilibrium nearest the last point traced.")
    return SolveResult(game=nf, equilibria=tuple(eqs), method=method, complete=complete, note=note.strip(),
                       qre_limit=qre_limit, qre=at, seconds=time.perf_counter() - t0)


def _logit(nf: NormalForm, lambdas: tuple[float, ...], candidates=(), *, reuse: ReusableGame | None = None
           ) -> tuple[Equilibrium | None, dict[float, Equilibrium]]:
    """Logit QRE limit and points, on payoffs scaled to range 1 (equilibria do not change).

    When the principal branch does not reach an equilibrium (it meets a bifurcation,
    as symmetric games make it do, or runs out of time), the candidate equilibrium
    nearest to the last point traced — the one with the highest ``lambda`` — is
    returned with ``kind="logit_nearest"``; ``None`` when there are no candidates.
    """
    import pygambit as gbt

    lo, hi = float(nf.payoffs.min()), float(nf.payoffs.max())
    scale = (hi - lo) or 1.0
    scaled = NormalForm(nf.title, nf.players, nf.strategies, (nf.payoffs - lo) / scale)
    g = scaled.to_gambit() if reuse is None else reuse.load(scaled.payoffs)
    deadline = time.perf_counter() + LOGIT_TIME_LIMIT
    last: list = []

    def on_event(ev) -> None:
        qre = getattr(ev, "qre", None)
        if qre is not None and (not last or qre.lam >= last[0].lam):
            last[:] = [qre]
        if time.perf_counter() > deadline:
            raise _Timeout()

    try:
        res = gbt.nash.logit_solve(g, use_strategic=True, event_callback=on_event)
        reached = res.equilibrium
    except RuntimeError as exc:  # our _Timeout, re-raised by pygambit
        if "_Timeout" not in str(exc):
            raise
        reached = None
    if callable(candidates):
        candidates = candidates() if reached is None and last else ()
    if reached is not None:
        limit = _as_eq(nf, _profile_probs(reached), kind="logit_limit")
    elif candidates and last:
        end = np.concatenate(_profile_probs(last[0].profile))
        near = min(candidates, key=lambda e: float(np.linalg.norm(
            np.concatenate([list(d.values()) for d in e.probabilities.values()]) - end)))
        limit = Equilibrium(near.probabilities, near.payoffs, near.pure, kind="logit_nearest")
    else:
        return None, {}
    at: dict[float, Equilibrium] = {}
    if lambdas:
        pts = gbt.qre.logit_solve_lambda(g, lam=list(lambdas), use_strategic=True)
        for lam, prof in zip(lambdas, pts):
            at[float(lam)] = _as_eq(nf, _profile_probs(prof.profile), kind=f"logit_qre_lambda_{lam:g}")
    return limit, at


def _profile_probs(prof) -> list[np.ndarray]:
    """Probabilities per player, in our order (players ``p0..``, strategies ``s0..``)."""
    if isinstance(prof, dict):
        return [np.array([float(x) for x in d.values()], dtype=float) for d in prof.values()]
    game = prof.game
    return [np.array([float(prof[pl][s]) for s in game.get_strategies(pl)], dtype=float) for pl in game.players]

