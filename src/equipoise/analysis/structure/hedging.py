"""Hedging: how evenly an actor spreads its ties between two patrons, period by period."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...errors import ModelInputError
from ...seeding import reported_seed, rng_from
from .network import check_actors, draw_relations, relation_estimate, resolve_period

__all__ = ["HedgingPeriod", "HedgingResult", "hedging_ratio", "hedging_index", "trade_series"]


def hedging_ratio(a, b):
    """Evenness of two non-negative tie strengths: ``2 min(a, b) / (a + b)``, in [0, 1].

    1 means equal ties to both patrons (a perfect hedge), 0 ties to one only;
    negative strengths count as 0; ``nan`` when both are 0 (no patron at all).
    Works elementwise on arrays.

    >>> float(hedging_ratio(0.4, 0.4)), float(hedging_ratio(0.6, 0.2)), float(hedging_ratio(0.5, -0.3))
    (1.0, 0.5, 0.0)
    """
    a = np.clip(np.asarray(a, dtype=float), 0, None)
    b = np.clip(np.asarray(b, dtype=float), 0, None)
    tot = a + b
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, 2 * np.minimum(a, b) / np.where(tot > 0, tot, 1), np.nan)


def _lean(a, b):
    """Signed tilt towards the first patron: ``(a+ - b+) / (a+ + b+)`` in [-1, 1]."""
    a, b = max(a, 0.0), max(b, 0.0)
    return None if a + b == 0 else (a - b) / (a + b)


@dataclass(frozen=True)
class HedgingPeriod:
    """The hedging index of one period.

    ``index`` is :func:`hedging_ratio` of the central relation values with the two
    patrons; ``low``/``high`` the 5th and 95th percentiles over draws from the
    relations' ranges; ``lean`` the tilt towards the first patron (positive) or the
    second (negative); ``trade_index`` the same ratio on trade values where the case
    has them for both patrons in the same series and year.
    """

    period: str
    relations: tuple
    index: float | None
    low: float | None
    high: float | None
    lean: float | None
    trade_index: float | None = None
    trade: dict | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        return {"period": self.period, "relations": [None if r is None else list(r) for r in self.relations],
                "index": self.index, "low": self.low, "high": self.high, "lean": self.lean,
                "trade_index": self.trade_index, "trade": self.trade, "note": self.note}


@dataclass(frozen=True)
class HedgingResult:
    """Hedging index of ``actor`` between two ``patrons`` over periods."""

    actor: str
    patrons: tuple
    periods: tuple
    draws: int
    seed: int | None
    method: str = "evenness_of_positive_ties"

    def summary(self) -> str:
        p, q = self.patrons
        lines = [f"{self.actor} between {p} and {q} (hedging index 1 = even ties, 0 = one patron; "
                 f"lean > 0 towards {p}):"]
        for r in self.periods:
            idx = "n/a" if r.index is None else f"{r.index:.2f} [{r.low:.2f}, {r.high:.2f}]"
            lean = "" if r.lean is None else f", lean {r.lean:+.2f}"
            trade = "" if r.trade_index is None else f", trade {r.trade_index:.2f}"
            lines.append(f"  {r.period}: {idx}{lean}{trade}" + (f" ({r.note})" if r.note else ""))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"actor": self.actor, "patrons": list(self.patrons), "periods": [r.to_dict() for r in self.periods],
                "method": self.method, "draws": self.draws, "seed": self.seed}


def trade_series(case, actor: str, patron: str) -> dict:
    """``{series: {year: value}}`` of total trade between ``actor`` and ``patron`` in the case.

    Reads dyad indicators whose id contains ``trade`` and ``total`` (else any ``trade``
    indicator of the dyad); values of different series are never mixed.
    """
    dyad = {actor, patron}
    cands = [i for i in case.indicators if set(i.actors) == dyad and len(i.actors) == 2 and "trade" in i.id.lower()]
    totals = [i for i in cands if "total" in i.id.lower()] or cands
    out: dict[str, dict[int, float]] = {}
    for ind in sorted(totals, key=lambda i: i.id):
        out.setdefault(ind.series, {}).update({p.year: float(p.value) for p in ind.points})
    return out


def _trade_in_period(actor, patrons, series_of, per):
    """Trade hedging ratio in ``per`` from ``series_of``, the :func:`trade_series` of each patron."""
    first = per.first_day.year
    last = per.last_day.year if per.last_day else 9999
    s1, s2 = series_of
    best = None
    for series in sorted(set(s1) & set(s2)):
        years = sorted(y for y in set(s1[series]) & set(s2[series]) if first <= y <= last)
        if years:
            y = years[-1]
            best = (series, y, s1[series][y], s2[series][y])
    if best is None:
        missing = [p for p, s in zip(patrons, (s1, s2)) if not s]
        note = (f"no trade indicator for {', '.join(f'{actor}-{p}' for p in missing)}" if missing
                else "no trade values for both patrons in one series and year of the period")
        return None, None, note
    series, y, a, b = best
    return float(hedging_ratio(a, b)), {"series": series, "year": y, patrons[0]: a, patrons[1]: b}, None


def hedging_index(case, actor: str, patrons: tuple[str, str], period: str | None = None, *, draws: int = 2000,
                  seed: int | np.random.Generator | None = None) -> HedgingResult:
    """Hedging index of an actor between two patrons, per period.

    Parameters
    ----------
    case : equipoise.case.models.Case
    actor : str
        The actor that hedges (e.g. ``PRK``).
    patrons : (str, str)
        The two patrons (e.g. ``("RUS", "CHN")``).
    period : str, optional
        One period id (or date); default every period of the case.
    draws : int
        Monte Carlo draws from the relations' ranges for the interval.
    seed : int, Generator or None

    Returns
    -------
    HedgingResult

    Raises
    ------
    ModelInputError
        Unknown actor or patron, the actor among its patrons, the same patron twice,
        or a period not in the case.

    Notes
    -----
    With positive parts :math:`a = \\max(r_{AP}, 0)` and :math:`b = \\max(r_{AQ}, 0)` of
    the actor's relations with patrons P and Q, the index is :math:`H = 2\\min(a, b)/(a + b)`:
    1 when the actor is equally close to both, falling to 0 when it depends on one
    alone. Hostility to a patron counts as no tie. This evenness ratio is our own
    operational measure of the hedging that Kuik [1]_ describes (keeping ties to
    competing powers so as not to depend on one); the same ratio on trade values
    gives a dependence-based reading where the case has trade with both patrons.
    A period in which the case lacks a relation with either patron gets no index.

    References
    ----------
    .. [1] Kuik, C.-C. (2008). The Essence of Hedging: Malaysia and Singapore's
       Response to a Rising China. Contemporary Southeast Asia 30(2), 159-185.
    """
    patrons = tuple(patrons)
    if len(patrons) != 2 or patrons[0] == patrons[1]:
        raise ModelInputError(f"expected two different patrons, got {list(patrons)}", field="patrons")
    if actor in patrons:
        raise ModelInputError(f"{actor} cannot be its own patron", field="patrons")
    check_actors(case, (actor,) + patrons)
    if draws < 0:
        raise ModelInputError(f"draws must be >= 0, got {draws}", field="draws")
    pers = [resolve_period(case, period)] if period is not None else list(case.main_periods)
    # one child generator per case period, so a period's interval does not depend on which others ran
    streams = dict(zip((p.id for p in case.periods), rng_from(seed).spawn(len(case.periods))))
    patron_trade = tuple(trade_series(case, actor, p) for p in patrons)  # the same in every period
    rows = []
    for per in pers:
        ests = [relation_estimate(case, actor, p, per.id) for p in patrons]
        trade_idx, trade_values, trade_note = _trade_in_period(actor, patrons, patron_trade, per)
        if any(e is None for e in ests):
            missing = [p for p, e in zip(patrons, ests) if e is None]
            rows.append(HedgingPeriod(per.id, tuple(ests), None, None, None, None, trade_idx, trade_values,
                                      f"no relation {', '.join(f'{actor}-{p}' for p in missing)} in the case"))
            continue
        idx = float(hedging_ratio(ests[0][0], ests[1][0]))
        lo = hi = None
        if draws > 0:
            x = draw_relations(streams[per.id], ests, draws)
            h = hedging_ratio(x[:, 0], x[:, 1])
            h = h[~np.isnan(h)]
            if len(h):
                lo, hi = (float(v) for v in np.percentile(h, [5, 95]))
                if not np.isnan(idx):  # the point estimate lies inside its own interval (issue 14): the index
                    lo, hi = min(lo, idx), max(hi, idx)  # peaks at 1, which draws reach with probability 0
        rows.append(HedgingPeriod(per.id, tuple(tuple(e) for e in ests), None if np.isnan(idx) else idx, lo, hi,
                                  _lean(ests[0][0], ests[1][0]), trade_idx, trade_values, trade_note))
    return HedgingResult(actor, patrons, tuple(rows), int(draws), reported_seed(seed))
