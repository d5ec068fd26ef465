"""Judged against measured: every judged relation beside the independent series for its dyad-period.

Measured series are the case's indicators whose ``series`` is one of
:data:`SERIES` (written by ``tools/build_measured.py`` for the default case; any
case may carry them), plus ``case_events``, the net-cooperation share of the
events the case itself records (coded from the documents it cites, hence not an
independent measure of claims resting on those documents).

Period value
------------
A yearly point belongs to a period when 1 July of its year lies inside the period
(a period without a 1 July takes the years it overlaps). The period value is the
mean of its yearly values weighted by their ``n`` (votes both cast; 1 when
absent); ``low``/``high`` are the smallest and largest yearly values; ``n`` is
the sum of the yearly ``n``. A period with no yearly point has no measured value.

Mapping to the relation scale
-----------------------------
Judged relations lie on -1...1. Each measured series is put on that scale by
standardising it across all dyad-periods of the case that have a value
(``z = (x - mean) / sd``; distance series are negated first, so larger is
friendlier) and squashing with ``tanh``: ``scaled = tanh(z)``. The mapping has no
free parameter and is never fitted to the judged values; it states where a
dyad-period stands relative to the case's other dyad-periods, so a negative
scaled value means "less aligned than the typical dyad-period", not hostility.
The Spearman correlation (computed on raw values, sign-corrected) does not depend
on the mapping.

Flags
-----
- ``signs disagree``: judged and scaled values have opposite signs, each at least
  :data:`NEUTRAL` away from zero;
- ``outside judged range``: the scaled value lies outside the judged range;
- ``few observations``: ``n`` below :data:`MIN_N` for the series;
- ``covers``: the measured years span less than half the period's years (a
  state not yet a UN member, or data ending before the period does).

References
----------
.. [1] Spearman, C. (1904). The Proof and Measurement of Association between Two
   Things. American Journal of Psychology 15(1), 72-101.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from ...case.models import Case

__all__ = ["SERIES", "MIN_N", "NEUTRAL", "MeasuredValue", "RelationComparison", "SeriesAgreement",
           "RelationsResult", "period_years", "measured_values", "compare_relations"]

SERIES = {  # series -> (label, sign: +1 when larger is friendlier, minimum n)
    "unga_agreement": ("UNGA agreement", 1, 20),
    "unga_s_score": ("UNGA S-score", 1, 20),
    "unga_kappa": ("UNGA kappa", 1, 20),
    "unga_ideal_point_distance": ("UNGA ideal-point distance", -1, 20),
    "case_events": ("net cooperation of the case's events", 1, 5),
}
MIN_N = {k: v[2] for k, v in SERIES.items()}
NEUTRAL = 0.1


def period_years(first: dt.date, last: dt.date | None, *, years: range | None = None) -> list[int]:
    """Years whose 1 July lies in ``[first, last]``; if none, the years the period overlaps.

    >>> period_years(dt.date(2012, 1, 1), dt.date(2014, 3, 17))
    [2012, 2013]
    >>> period_years(dt.date(2014, 3, 18), dt.date(2014, 5, 1))
    [2014]
    """
    end = last or dt.date(dt.date.today().year, 12, 31)
    ys = [y for y in range(first.year, end.year + 1) if first <= dt.date(y, 7, 1) <= end]
    return ys or list(range(first.year, end.year + 1))


@dataclass(frozen=True)
class MeasuredValue:
    series: str
    value: float
    low: float
    high: float
    n: int
    years: tuple[int, int]
    scaled: float | None = None
    independent: bool = True
    indicator: str | None = None

    def to_dict(self) -> dict:
        return {"value": self.value, "low": self.low, "high": self.high, "n": self.n, "scaled": self.scaled,
                "years": list(self.years), "independent": self.independent, "indicator": self.indicator}


@dataclass(frozen=True)
class RelationComparison:
    dyad: tuple[str, str]
    period: str
    judged: tuple[float, float, float]
    measured: dict[str, MeasuredValue]
    flags: tuple[str, ...]
    note: str | None = None

    def to_dict(self) -> dict:
        v, lo, hi = self.judged
        return {"dyad": list(self.dyad), "period": self.period, "judged": {"value": v, "low": lo, "high": hi},
                "measured": {k: m.to_dict() for k, m in sorted(self.measured.items())}, "flags": list(self.flags),
                "note": self.note}


@dataclass(frozen=True)
class SeriesAgreement:
    period: str
    series: str
    spearman: float | None
    n_dyads: int

    def to_dict(self) -> dict:
        return {"period": self.period, "series": self.series, "spearman": self.spearman, "n_dyads": self.n_dyads}


@dataclass(frozen=True)
class RelationsResult:
    relations: tuple[RelationComparison, ...]
    agreement: tuple[SeriesAgreement, ...]
    scaling: dict = field(default_factory=dict)
    method: str = ("period value: n-weighted mean of yearly points whose 1 July lies in the period; scaled = tanh(z) "
                   "of the series standardised across the case's dyad-periods (distance negated); flags: signs "
                   f"disagree (both beyond ±{NEUTRAL}), outside judged range, few observations; Spearman per period "
                   "and series across dyads")

    @property
    def n_measured(self) -> int:
        """Dyad-periods with at least one independent measured value."""
        return sum(1 for r in self.relations if any(m.independent for m in r.measured.values()))

    def summary(self) -> str:
        lines = [f"{len(self.relations)} judged dyad-periods, {self.n_measured} measured independently; "
                 f"{sum(1 for r in self.relations if r.flags)} with flags"]
        for r in self.relations:
            if r.flags:
                lines.append(f"  {'-'.join(r.dyad)} {r.period}: " + "; ".join(r.flags))
        for a in self.agreement:
            if a.spearman is not None:
                lines.append(f"  Spearman {a.series} in {a.period}: {a.spearman:+.2f} over {a.n_dyads} dyads")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"relations": [r.to_dict() for r in self.relations], "agreement": [a.to_dict() for a in self.agreement],
                "n_dyad_periods": len(self.relations), "n_measured_independently": self.n_measured,
                "scaling": self.scaling, "method": self.method,
                "thresholds": {"neutral": NEUTRAL, "min_n": MIN_N}}


def _case_event_points(case: Case) -> dict[tuple[str, str], list[tuple[dt.date, int, str]]]:
    """(date, +1 cooperation / -1 conflict, source id) per dyad from the case's own events."""
    from ...evidence.cameo import quad_class
    out: dict[tuple[str, str], list] = {}
    for e in case.events:
        sign = 1 if quad_class(e.code) <= 2 else -1
        srcs = sorted({ev.source for ev in e.evidence})
        for a in e.source:
            for b in e.target:
                if a != b:
                    out.setdefault(tuple(sorted((a, b))), []).append((e.date.start, sign, ",".join(srcs)))
    return out


def measured_values(case: Case) -> dict[tuple[tuple[str, str], str], dict[str, MeasuredValue]]:
    """Measured value per (sorted dyad, period id) and series, before scaling."""
    periods = list(case.periods)  # every sequence: a dyad's own periods (e.g. KOR-JPN) are judged too
    yrs = {p.id: sorted(set(period_years(p.first_day, p.last_day))) for p in periods}
    out: dict = {}
    for ind in case.indicators:
        if ind.series not in SERIES or len(ind.actors) != 2 or ind.series == "case_events":
            continue
        dyad = tuple(sorted(ind.actors))
        by_year: dict[int, list] = {}
        for pt in ind.points:
            by_year.setdefault(pt.year, []).append(pt)
        for p in periods:
            pts = [pt for y in yrs[p.id] if y in by_year for pt in by_year[y]]
            if not pts:
                continue
            w = np.array([pt.n if pt.n else 1 for pt in pts], dtype=float)
            v = np.array([pt.value for pt in pts], dtype=float)
            out.setdefault((dyad, p.id), {})[ind.series] = MeasuredValue(
                ind.series, float((w * v).sum() / w.sum()), float(v.min()), float(v.max()), int(w.sum()),
                (min(pt.year for pt in pts), max(pt.year for pt in pts)), indicator=ind.id)
    spans = [(p.id, p.first_day, p.last_day or dt.date.max) for p in periods]  # Period.contains, unrolled
    for dyad, evs in _case_event_points(case).items():
        for pid, lo, hi in spans:
            signs = [s for d, s, _ in evs if lo <= d <= hi]
            if signs:  # signs are +1/-1: their sum is exact, so sum/len is the float mean exactly
                ys = [d.year for d, _, _ in evs if lo <= d <= hi]
                out.setdefault((dyad, pid), {})["case_events"] = MeasuredValue(
                    "case_events", sum(signs) / len(signs), float(min(signs)), float(max(signs)), len(signs),
                    (min(ys), max(ys)), independent=False)
    return out


def _spearman(x, y) -> float | None:
    if len(x) < 3:
        return None
    from scipy.stats import spearmanr
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = spearmanr(x, y).statistic
    return None if rho is None or not math.isfinite(float(rho)) else float(rho)


def compare_relations(case: Case) -> RelationsResult:
    """Compare each judged relation (dyad, period) with the measured series for it.

    See the module docstring for the period value, the mapping to -1...1, the
    flags and the per-period Spearman correlation.
    """
    raw = measured_values(case)
    scaling = {}
    for s, (label, sign, _) in SERIES.items():
        xs = np.array([sign * m[s].value for m in raw.values() if s in m])
        if len(xs) >= 2 and xs.std() > 0:
            scaling[s] = {"mean": float(xs.mean()), "sd": float(xs.std()), "sign": sign, "n": int(len(xs)),
                          "label": label}
    rows = []
    main = {p.id for p in case.periods}
    order = {p.id: i for i, p in enumerate(case.periods)}
    period_span = {p.id: period_years(p.first_day, p.last_day) for p in case.periods if p.id in main}
    for rel in sorted((r for r in case.relations if r.period in main),
                      key=lambda r: (tuple(sorted(r.actors)), order.get(r.period, 0))):
        dyad = tuple(sorted(rel.actors))
        v = rel.value
        judged = (v.value, v.low if v.low is not None else v.value, v.high if v.high is not None else v.value)
        meas, flags = {}, []
        for s, m in sorted(raw.get((dyad, rel.period), {}).items()):
            sc = scaling.get(s)
            scaled = None if sc is None else float(np.tanh((sc["sign"] * m.value - sc["mean"]) / sc["sd"]))
            m = MeasuredValue(m.series, m.value, m.low, m.high, m.n, m.years, scaled, m.independent, m.indicator)
            meas[s] = m
            if scaled is not None:
                if judged[0] * scaled < 0 and abs(judged[0]) >= NEUTRAL and abs(scaled) >= NEUTRAL:
                    flags.append(f"{s}: signs disagree (judged {judged[0]:+.2f}, measured {scaled:+.2f})")
                elif not judged[1] <= scaled <= judged[2]:
                    flags.append(f"{s}: outside judged range ({scaled:+.2f} not in [{judged[1]:+.2f}, "
                                 f"{judged[2]:+.2f}])")
            if m.n < MIN_N[s]:
                flags.append(f"{s}: few observations (n={m.n} < {MIN_N[s]})")
            span = period_span[rel.period]
            covered = m.years[1] - m.years[0] + 1
            if m.independent and covered * 2 < len(span):
                flags.append(f"{s}: covers {m.years[0]}-{m.years[1]} of {span[0]}-{span[-1]}")
        rows.append(RelationComparison(dyad, rel.period, judged, meas, tuple(flags), rel.note))
    agreement = []
    for p in case.periods:
        if p.id not in main:
            continue
        for s, (_, sign, _) in SERIES.items():
            pairs = [(r.judged[0], sign * r.measured[s].value) for r in rows if r.period == p.id and s in r.measured]
            if pairs:
                agreement.append(SeriesAgreement(p.id, s, _spearman(*zip(*pairs)), len(pairs)))
    return RelationsResult(tuple(rows), tuple(agreement), scaling)
