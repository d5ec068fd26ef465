"""What changed between two versions of a case: claims, games and forecasts re-evaluated.

:func:`compare_cases` runs the same analyses, with the same seed and draws, on
the case before and after an update (``equipoise review``) and reports every
difference: claim verdicts and probabilities, each game's selected equilibrium
and expectation check per period, and each bargaining model's forecast per
issue and period. Only the latest period of each game and issue is compared by
default (the one new documents usually touch); ``periods="all"`` compares all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..case.models import Case
from ..seeding import DEFAULT_SEED

__all__ = ["Change", "CaseChanges", "compare_cases"]


@dataclass(frozen=True)
class Change:
    """One analysed quantity before and after."""

    kind: str  # claim | game | forecast | count
    key: str
    before: object
    after: object

    def to_dict(self) -> dict:
        return {"kind": self.kind, "key": self.key, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class CaseChanges:
    """Differences in the analyses of a case before and after an update."""

    changes: tuple[Change, ...]
    compared: dict[str, int]
    draws: int
    seed: int
    failures: tuple[str, ...] = field(default_factory=tuple)
    method: str = "same analyses, same seed and draws, on the case before and after"

    def summary(self) -> str:
        head = (f"What changed (claims {self.compared.get('claims', 0)}, game periods "
                f"{self.compared.get('games', 0)}, forecasts {self.compared.get('forecasts', 0)} compared; "
                f"{self.draws} draws, seed {self.seed}): ")
        if not self.changes:
            lines = [head + "nothing"]
        else:
            lines = [head + f"{len(self.changes)} difference(s)"]
            lines += [f"  {c.kind} {c.key}: {_fmt(c.before)} -> {_fmt(c.after)}" for c in self.changes]
        lines += [f"  not compared: {f}" for f in self.failures]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"changes": [c.to_dict() for c in self.changes], "compared": dict(self.compared),
                "draws": self.draws, "seed": self.seed, "failures": list(self.failures), "method": self.method}


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.3g}"
    if isinstance(v, dict):
        return ", ".join(f"{k} {_fmt(x)}" for k, x in v.items())
    return str(v)


def _claims(case: Case, draws: int, seed: int, failures: list[str]) -> dict[str, tuple]:
    from .claims import evaluate_claim
    out, cache = {}, {}
    for claim in case.claims:
        try:
            c = evaluate_claim(case, claim, draws=draws, seed=seed, cache=cache)
        except Exception as exc:  # one claim the model cannot run must not hide the others' changes
            failures.append(f"claim {claim.id}: {type(exc).__name__}: {exc}")
            continue
        out[c.id] = (c.verdict, None if c.probability is None else round(c.probability, 3))
    return out


def _latest(case: Case, pids: list[str]) -> list[str]:
    order = {p.id: (p.first_day, i) for i, p in enumerate(case.periods)}
    known = [p for p in pids if p in order]
    return [max(known, key=lambda p: order[p])] if known else []


def _games(case: Case, draws: int, seed: int, periods: str, failures: list[str]) -> dict[str, tuple]:
    from .games.case import game_periods, solve_case_game
    out = {}
    for g in case.games:
        pids = game_periods(case, g)
        for pid in pids if periods == "all" else _latest(case, pids):
            try:
                r = solve_case_game(case, g, pid, draws=draws, seed=seed, mixed=False)
            except Exception as exc:  # an unsolvable period is reported, not fatal to the comparison
                failures.append(f"game {g.id} in {pid}: {exc}")
                continue
            met = None if r.check is None else r.check.met
            share = None if r.check is None or r.check.share is None else round(r.check.share, 3)
            out[f"{g.id}/{pid}"] = (r.selected, met, share)
    return out


def _forecasts(case: Case, draws: int, seed: int, periods: str, failures: list[str]) -> dict[str, float]:
    from .bargaining.case import forecast_case
    out = {}
    for iss in case.issues:
        pids = [p.id for p in case.periods if len(case.stances(iss.id, p.id)) >= 2]
        for pid in pids if periods == "all" else _latest(case, pids):
            try:
                r = forecast_case(case, iss.id, pid, draws=0, seed=seed)
            except Exception as exc:
                failures.append(f"forecast {iss.id} in {pid}: {exc}")
                continue
            for f in r.forecasts:
                out[f"{iss.id}/{pid}/{f.model}"] = round(float(f.forecast), 2)
    return out


def compare_cases(before: Case, after: Case, *, draws: int = 100, seed: int = DEFAULT_SEED,
                  periods: str = "latest") -> CaseChanges:
    """Re-evaluate claims, games and forecasts on ``before`` and ``after`` and list the differences.

    Parameters
    ----------
    before, after : Case
    draws : int
        Monte Carlo draws for claims and games (the same for both cases).
    seed : int
        The same seed for both, so a difference comes from the case, not the draws.
    periods : {"latest", "all"}
        Compare games and forecasts in their latest period only, or in all.

    Returns
    -------
    CaseChanges
    """
    failures: list[str] = []
    changes: list[Change] = []
    ca, cb = _claims(before, draws, seed, failures), _claims(after, draws, seed, failures)
    for cid in sorted(set(ca) | set(cb)):
        if ca.get(cid) != cb.get(cid):
            changes.append(Change("claim", cid,
                                  dict(zip(("verdict", "P"), ca[cid])) if cid in ca else None,
                                  dict(zip(("verdict", "P"), cb[cid])) if cid in cb else None))
    ga = _games(before, draws, seed, periods, failures)
    gb = _games(after, draws, seed, periods, failures)
    for key in sorted(set(ga) | set(gb)):
        if ga.get(key) != gb.get(key):
            names = ("selected", "expectation met", "share met")
            changes.append(Change("game", key, dict(zip(names, ga[key])) if key in ga else None,
                                  dict(zip(names, gb[key])) if key in gb else None))
    fa = _forecasts(before, draws, seed, periods, failures)
    fb = _forecasts(after, draws, seed, periods, failures)
    for key in sorted(set(fa) | set(fb)):
        if fa.get(key) != fb.get(key):
            changes.append(Change("forecast", key, fa.get(key), fb.get(key)))
    for section in ("actors", "events", "relations", "indicators", "sources"):
        n0, n1 = len(getattr(before, section)), len(getattr(after, section))
        if n0 != n1:
            changes.append(Change("count", section, n0, n1))
    return CaseChanges(tuple(changes), {"claims": len(set(ca) | set(cb)), "games": len(set(ga) | set(gb)),
                                        "forecasts": len(set(fa) | set(fb))}, draws, seed,
                       tuple(dict.fromkeys(failures)))
