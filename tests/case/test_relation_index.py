"""``Case.relation`` answers from an index exactly as the former scan of the whole list did."""

from __future__ import annotations

import datetime as dt
import itertools

from equipoise.case import load_case
from equipoise.case.models import Relation


def _relation_by_scan(case, a, b, period):
    """The lookup without an index: scan every relation (period id first, then the longest overlap
    among relations coded on another period scheme or by dates, the later one on a tie)."""
    dyad = tuple(sorted((a, b)))
    per = case.period(period)
    for r in case.relations:
        if r.dyad == dyad and r.period == period:
            return r
    lo, hi = per.first_day, per.last_day or dt.date.max
    best, best_days = None, 0
    for r in case.relations:
        if r.dyad != dyad:
            continue
        if r.period is not None:
            other = next((p for p in case.periods if p.id == r.period), None)
            if other is None or other.sequence == per.sequence:
                continue
            r_lo, r_hi = other.first_day, other.last_day or dt.date.max
        elif r.start is not None:
            r_lo, r_hi = r.start.start, (r.start.end if r.end is None else r.end.end) or dt.date.max
        else:
            continue
        days = (min(hi, r_hi) - max(lo, r_lo)).days + 1
        if days > 0 and days >= best_days:
            best, best_days = r, days
    return best


def _all_lookups(case):
    codes = [a.code for a in case.actors]
    return [(a, b, p.id) for a, b in itertools.combinations(codes, 2) for p in case.periods]


def test_index_matches_scan_on_default_case():
    case = load_case()
    lookups = _all_lookups(case)
    assert any(_relation_by_scan(case, *k) is not None for k in lookups)
    for k in lookups:
        assert case.relation(*k) is _relation_by_scan(case, *k)


def test_index_follows_mutations():
    case = load_case()
    a, b, pid = next(k for k in _all_lookups(case) if case.relation(*k) is None)
    case.relations.append(Relation(actors=(a, b), period=pid, value=0.5))           # appended
    assert case.relation(a, b, pid) is case.relations[-1]
    old = case.relations[-1]
    other = next(p.id for p in case.periods if p.id != pid)
    old.period = other                                                              # edited in place
    assert case.relation(a, b, pid) is _relation_by_scan(case, a, b, pid)
    assert case.relation(a, b, other) is _relation_by_scan(case, a, b, other)
    case.relations = case.relations[:-1]                                            # replaced
    assert case.relation(a, b, other) is _relation_by_scan(case, a, b, other)
    copy = case.model_copy(deep=True)                                               # copies index their own list
    for k in _all_lookups(copy)[:200]:
        assert copy.relation(*k) is _relation_by_scan(copy, *k)
