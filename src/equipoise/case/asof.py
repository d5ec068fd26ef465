"""What was knowable when: a case cut back to what could be known on a date.

Every dated value of a case (event, relation, indicator point, stance, outcome,
claim, game expectation) has an *availability date*:

- its ``known`` field, when the analyst sets one (a value learnt earlier or later
  than its sources say);
- otherwise, under ``rule="evidence"`` (the default), the later of (a) when what
  it describes could first be observed — an event's date, the end of the period a
  relation, stance or outcome summarises (the start of a period still open), the
  end of an indicator point's year — and (b) the publication date of the latest
  source it cites (a source dated ``2024`` counts from 31 December 2024);
- under ``rule="event"``, (a) alone: as if every value had been coded the moment
  what it describes was over, ignoring that the case's sources came later.

``case_as_of(case, date)`` keeps what was available on ``date`` and drops the rest
(periods that start after ``date`` too); ``case._as_of`` records the cut-off and
how many items of each kind were dropped. A backtest freezes a case this way at
each origin so that no later information leaks into a forecast.

References
----------
Tashman, L. J. (2000). Out-of-sample tests of forecasting accuracy: an analysis
and review. *International Journal of Forecasting* 16(4), 437-450 (rolling origins).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import CaseError
from .models import Case, FuzzyDate

__all__ = ["AsOf", "RULES", "parse_as_of", "availability", "case_as_of"]

RULES = ("evidence", "event")


@dataclass(frozen=True)
class AsOf:
    """The cut-off of a case frozen by :func:`case_as_of` and what it dropped."""

    date: dt.date
    rule: str
    dropped: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        gone = ", ".join(f"{n} {k}" for k, n in self.dropped.items() if n) or "nothing"
        return f"as of {self.date.isoformat()} ({self.rule} rule): dropped {gone}"

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "rule": self.rule, "dropped": dict(self.dropped),
                "kept": dict(self.kept)}


def parse_as_of(value: Any) -> dt.date:
    """``2021``, ``2021-06``, ``2021-06-30`` or a date -> the last day it covers (what was known *by* then)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        fd = FuzzyDate.parse(str(value))
    except ValueError as exc:
        raise CaseError(f"--as-of: {exc}") from None
    if fd.end is None:
        raise CaseError(f"--as-of: expected a date such as 2021-12-31, got the open interval {value!r}")
    return fd.end


def _period_floor(case: Case, pid: str | None) -> dt.date | None:
    if pid is None:
        return None
    try:
        per = case.period(pid)
    except KeyError:
        return None
    return per.last_day or per.first_day


def _source_dates(case: Case, ids: Iterable[str]) -> list[dt.date]:
    out = []
    for sid in ids:
        try:
            d = case.source(sid).date
        except KeyError:
            continue
        if d is not None:
            out.append(d.end or d.start)
    return out


def _describes(case: Case, kind: str, item: Any, parent: Any = None) -> dt.date | None:
    """When what ``item`` describes could first be observed."""
    if kind == "events":
        return item.date.end or item.date.start
    if kind == "relations":
        if item.period is not None:
            return _period_floor(case, item.period)
        return (item.end.end if item.end is not None else None) or item.start.start
    if kind == "points":
        return dt.date(item.year, 12, 31)
    if kind in ("stances", "outcomes", "expectations"):
        return _period_floor(case, item.period if kind != "expectations" else parent)
    return None  # claims: only their sources date them


def _cites(kind: str, item: Any) -> list[str]:
    if kind == "points":
        return [item.source]
    ids = [e.source for e in getattr(item, "evidence", [])]
    if kind == "claims":
        ids.append(item.source)
    return ids


def availability(case: Case, kind: str, item: Any, *, rule: str = "evidence", parent: Any = None) -> dt.date | None:
    """The date from which ``item`` (of ``kind``: events, relations, points, stances, outcomes, claims,
    expectations) was knowable; ``None`` when nothing dates it (then it is always kept)."""
    known = getattr(item, "known", None)
    if known is not None:
        return known.end or known.start
    dates = [d for d in [_describes(case, kind, item, parent)] if d is not None]
    if rule == "evidence":
        dates += _source_dates(case, _cites(kind, item))
    return max(dates) if dates else None


def case_as_of(case: Case, date: Any, *, rule: str = "evidence") -> Case:
    """The case as it was knowable on ``date`` (see the module docstring for the rules).

    Parameters
    ----------
    case : Case
    date : str or datetime.date
        ``2021`` means by the end of 2021.
    rule : {"evidence", "event"}

    Returns
    -------
    Case
        A deep copy holding only what was available; ``._as_of`` is an :class:`AsOf`.
    """
    if rule not in RULES:
        raise CaseError(f"as-of rule must be one of {', '.join(RULES)}, got {rule!r}")
    cut = parse_as_of(date)
    # what is kept is chosen on the case itself, on shallow copies of the containers that change, and
    # only that is copied deeply at the end (copying everything first cost most of an as-of on a large case);
    # assignments mark the same fields as set as editing a full deep copy did
    src = case.model_copy()
    src._located = None  # list indices change: line numbers of the original no longer apply
    src._relation_index = None
    dropped: dict[str, int] = {}

    def keep(kind: str, items: list, parent: Any = None) -> list:
        out = [x for x in items if (d := availability(case, kind, x, rule=rule, parent=parent)) is None or d <= cut]
        dropped[kind] = dropped.get(kind, 0) + len(items) - len(out)
        return out

    periods = [p for p in case.periods if p.first_day <= cut]
    dropped["periods"] = len(case.periods) - len(periods)
    src.periods = periods
    src.events = keep("events", case.events)
    src.relations = keep("relations", case.relations)
    indicators = []
    for ind in case.indicators:
        points = keep("points", ind.points)
        if points:
            ind = ind.model_copy()
            ind.points = points
            indicators.append(ind)
    dropped["indicators"] = len(case.indicators) - len(indicators)
    src.indicators = indicators
    issues = []
    for iss in case.issues:
        iss = iss.model_copy()
        iss.stances = keep("stances", iss.stances)
        iss.outcomes = keep("outcomes", iss.outcomes)
        issues.append(iss)
    src.claims = keep("claims", case.claims)
    live = {p.id for p in periods}
    games = []
    for g in case.games:
        g = g.model_copy()
        if g.periods:
            g.periods = [p for p in g.periods if p in live]
        exp = {p: e for p, e in g.expectations.items() if p in live}
        kept = {p: e for p, e in exp.items()
                if (d := availability(case, "expectations", e, rule=rule, parent=p)) is None or d <= cut}
        dropped["expectations"] = dropped.get("expectations", 0) + len(g.expectations) - len(kept)
        g.expectations = kept
        games.append(g)
    src.__dict__.update(issues=issues, games=games)  # replaced, not edited: not marked as set
    new = src.model_copy(deep=True)
    new._as_of = AsOf(date=cut, rule=rule, dropped=dropped,
                      kept={"periods": len(new.periods), "events": len(new.events),
                            "relations": len(new.relations),
                            "points": sum(len(i.points) for i in new.indicators),
                            "stances": sum(len(i.stances) for i in new.issues),
                            "outcomes": sum(len(i.outcomes) for i in new.issues), "claims": len(new.claims)})
    return new
