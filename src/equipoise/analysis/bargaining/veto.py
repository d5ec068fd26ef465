"""Veto players (Tsebelis 2002): an outcome must be acceptable to every actor whose consent it needs.

On one dimension with Euclidean preferences, veto player *i* (ideal point x_i)
accepts a new outcome y only if it is no farther from x_i than the status quo:
``|y - x_i| <= |q - x_i|``. The *winset* of the status quo q is the intersection
of these intervals; when q lies between the veto players' extreme ideal points
(the unanimity core) the winset is q alone and no change can pass.

Two stages:

1. **Drafting.** The agenda setter (``proposer``) wants its ideal point; the draft
   is watered down to the acceptable point nearest that ideal (the agenda-setter
   result of Romer & Rosenthal 1978 that Tsebelis generalises). Without an agenda
   setter (a bilateral matter) the parties' capability x salience weighted mean is
   taken to the nearest acceptable point.
2. **Vote.** If the watered-down draft changes the status quo, every veto player
   accepts it and it is adopted. If no acceptable draft improves on the status
   quo for the proposer, the proposer can still table its draft: it is vetoed by
   every veto player whose ideal lies on the other side of the status quo, and the
   status quo stands. The model has no abstention: a veto player that does not
   veto votes in favour.

References
----------
Tsebelis, G. (2002). *Veto Players: How Political Institutions Work*. Princeton
University Press, ch. 1-2.
Romer, T. & Rosenthal, H. (1978). Political resource allocation, controlled
agendas, and the status quo. *Public Choice* 33(4), 27-43.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from ...errors import CaseError, ModelInputError

__all__ = ["winset", "VetoResult", "veto_player_outcome", "veto_players", "case_veto_forecast"]

_EPS = 1e-9


def winset(ideals: Mapping[str, float], status_quo: float) -> tuple[float, float]:
    """The interval of outcomes every veto player weakly prefers to ``status_quo`` (1-D, Euclidean).

    Examples
    --------
    >>> winset({"A": 30.0, "B": 80.0}, 50.0)   # q between the ideals: only q itself
    (50.0, 50.0)
    >>> winset({"A": 70.0, "B": 80.0}, 50.0)   # both want more: up to 2*70 - 50 = 90
    (50.0, 90.0)
    """
    if not ideals:
        raise ModelInputError("a veto-player model needs at least one veto player", field="decided_by")
    lo, hi = -np.inf, np.inf
    for x in ideals.values():
        d = abs(status_quo - x)
        lo, hi = max(lo, x - d), min(hi, x + d)
    return float(lo), float(hi)


@dataclass(frozen=True)
class VetoResult:
    """Draft, vote and outcome of one decision."""

    status_quo: float
    ideals: dict[str, float]
    proposer: str | None
    winset: tuple[float, float]
    aim: float
    draft: float
    adopted: bool
    outcome: float
    vetoes: tuple[str, ...] = ()
    votes: dict[str, str] = field(default_factory=dict)
    method: str = "veto players (Tsebelis 2002): drafting to the winset, then a vote needing every veto player"

    def summary(self) -> str:
        who = f"{self.proposer} proposes {self.aim:.1f}" if self.proposer else f"the parties aim at {self.aim:.1f}"
        if self.adopted:
            return (f"{who}; watered down to {self.draft:.1f} in drafting; adopted by every veto player: "
                    f"{self.status_quo:.1f} -> {self.outcome:.1f}")
        if self.vetoes:
            return (f"{who}; no acceptable improvement on the status quo {self.status_quo:.1f} (winset "
                    f"{self.winset[0]:.1f}-{self.winset[1]:.1f}); a draft tabled anyway is vetoed by "
                    f"{', '.join(self.vetoes)}; the status quo stands")
        return f"{who}; the status quo {self.status_quo:.1f} stands (nothing to change)"

    def to_dict(self) -> dict:
        return {"method": self.method, "status_quo": self.status_quo, "ideals": dict(self.ideals),
                "proposer": self.proposer, "winset": list(self.winset), "aim": self.aim, "draft": self.draft,
                "adopted": self.adopted, "outcome": self.outcome, "vetoes": list(self.vetoes),
                "votes": dict(self.votes)}


def veto_player_outcome(ideals: Mapping[str, float], status_quo: float, *, proposer: str | None = None,
                        proposer_ideal: float | None = None, weights: Mapping[str, float] | None = None) -> VetoResult:
    """Draft and vote on a change of ``status_quo`` that every veto player in ``ideals`` must accept.

    Parameters
    ----------
    ideals : mapping actor -> ideal point
        The veto players.
    status_quo : float
    proposer : str, optional
        The agenda setter (need not be a veto player; give ``proposer_ideal`` then).
    weights : mapping actor -> weight, optional
        Capability x salience, for the aim of a decision without an agenda setter.
    """
    ideals = {k: float(v) for k, v in ideals.items()}
    q = float(status_quo)
    lo, hi = winset(ideals, q)
    if proposer is not None:
        aim = float(proposer_ideal if proposer_ideal is not None else ideals.get(proposer, np.nan))
        if np.isnan(aim):
            raise ModelInputError(f"proposer {proposer!r} has no position", field="proposer")
    else:
        w = {k: (weights or {}).get(k, 1.0) for k in ideals}
        total = sum(w.values())
        aim = sum(w[k] * ideals[k] for k in ideals) / total if total > 0 else float(np.mean(list(ideals.values())))
    draft = min(hi, max(lo, aim))
    if abs(draft - q) > _EPS:
        return VetoResult(q, ideals, proposer, (lo, hi), aim, draft, True, draft,
                          votes={k: "yes" for k in ideals})
    if proposer is None or abs(aim - q) <= _EPS:
        return VetoResult(q, ideals, proposer, (lo, hi), aim, q, False, q, votes={})
    side = np.sign(aim - q)  # the proposer tables its own draft: those on the other side of q veto it
    vetoes = tuple(sorted(k for k, x in ideals.items() if np.sign(x - q) == -side and abs(x - q) > _EPS))
    votes = {k: ("veto" if k in vetoes else "yes") for k in ideals}
    return VetoResult(q, ideals, proposer, (lo, hi), aim, aim, False, q, vetoes, votes)


def veto_players(case, issue) -> list[str]:
    """The issue's veto players: its ``decided_by`` actors, an institution replaced by its members."""
    out: list[str] = []
    for code in issue.decided_by:
        try:
            actor = case.actor(code)
        except KeyError:
            raise CaseError(f"issues.{issue.id}.decided_by: {code!r} is not an actor of the case",
                            field=f"issues.{issue.id}.decided_by") from None
        out += actor.members if actor.members else [code]
    return list(dict.fromkeys(out))


def case_veto_forecast(case, issue_id: str, period: str, status_quo: float) -> VetoResult:
    """The veto-player model on ``issue_id`` with the stances of ``period`` and ``status_quo`` from the record.

    Raises
    ------
    ModelInputError
        The issue declares no ``decided_by``, or a veto player or the proposer has no stance in ``period``.
    """
    issue = case.issue(issue_id)
    players = veto_players(case, issue)
    if not players:
        raise ModelInputError(f"issue {issue_id!r} declares no decided_by: the veto-player model does not apply",
                              field=f"issues.{issue_id}.decided_by")
    stances = {s.actor: s for s in case.stances(issue_id, period)}
    missing = [a for a in players + ([issue.proposer] if issue.proposer else []) if a not in stances]
    if missing:
        raise ModelInputError(f"issue {issue_id!r}: no stance of {', '.join(missing)} in period {period!r}",
                              field=f"issues.{issue_id}.stances")
    ideals = {a: stances[a].position.value for a in players}
    weights = {a: stances[a].salience.value * stances[a].capability.value for a in players}
    prop = issue.proposer
    return veto_player_outcome(ideals, status_quo, proposer=prop,
                               proposer_ideal=stances[prop].position.value if prop else None, weights=weights)
