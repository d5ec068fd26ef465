"""Dyad event series: counts, quad counts, Goldstein and net cooperation, with document bootstrap.

Events come de-duplicated from :class:`equipoise.evidence.eventdata.EventTable`
(one per date, source, target and CAMEO code, as in Phoenix). Per bucket (month,
year or case period):

- ``n``: events; ``q1``..``q4``: events per quad class (1 verbal cooperation,
  2 material cooperation, 3 verbal conflict, 4 material conflict);
- ``goldstein_mean`` and ``goldstein_sum``: Goldstein (1992) weights;
- ``net_coop``: ``(q1 + q2 - q3 - q4) / n``, from -1 (all conflict) to 1;
- 90% percentile intervals for ``goldstein_mean`` and ``net_coop`` from a
  bootstrap that resamples **documents** with replacement (events from one
  article are not independent), ``boot`` replicates, seeded;
- ``documents``: distinct documents behind the bucket.

A bucket without events gives no row (no events is not a measurement of zero).

References
----------
.. [1] Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data.
   Journal of Conflict Resolution 36(2), 369-385.
.. [2] Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap.
   Chapman & Hall (percentile intervals; resampling clusters).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...errors import ModelInputError
from ...seeding import rng_from, reported_seed

__all__ = ["EventRow", "EventSeriesResult", "dyad_events", "event_series", "series_from_frame", "all_dyad_series"]

BY = ("month", "year", "period")


@dataclass(frozen=True)
class EventRow:
    bucket: str
    n: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_mean: float
    goldstein_sum: float
    net_coop: float
    goldstein_low: float | None
    goldstein_high: float | None
    net_coop_low: float | None
    net_coop_high: float | None
    documents: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class EventSeriesResult:
    dyad: tuple[str, str]
    by: str
    directed: bool
    rows: tuple[EventRow, ...]
    boot: int
    seed: int | None
    method: str = ("Phoenix de-duplication (date, source, target, code); Goldstein (1992) weights; net cooperation "
                   "(q1+q2-q3-q4)/n; 90% percentile bootstrap resampling documents")

    def summary(self) -> str:
        arrow = "->" if self.directed else "<->"
        lines = [f"Events {self.dyad[0]}{arrow}{self.dyad[1]} by {self.by}: {sum(r.n for r in self.rows)} events"]
        for r in self.rows:
            lines.append(f"  {r.bucket}: n={r.n} quads {r.q1}/{r.q2}/{r.q3}/{r.q4}, Goldstein mean "
                         f"{r.goldstein_mean:+.2f}, net cooperation {r.net_coop:+.2f} ({r.documents} documents)")
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.to_dict() for r in self.rows])

    def to_dict(self) -> dict:
        return {"dyad": list(self.dyad), "by": self.by, "directed": self.directed, "boot": self.boot,
                "seed": self.seed, "method": self.method, "rows": [r.to_dict() for r in self.rows]}


def dyad_events(table, a: str, b: str, *, directed: bool = False) -> pd.DataFrame:
    """The de-duplicated events between ``a`` and ``b`` (``a`` to ``b`` only when ``directed``)."""
    where = "source = ? AND target = ?" if directed else "((source = ? AND target = ?) OR (source = ? AND target = ?))"
    params = [a, b] if directed else [a, b, b, a]
    con = table.connect()
    try:
        return con.execute(f"SELECT date, source, target, code, quad, goldstein, document, locator FROM dedup "
                           f"WHERE {where} ORDER BY date, source, target, code", params).df()
    finally:
        con.close()


def _bucket(dates: pd.Series, by: str, periods) -> pd.Series:
    d = pd.to_datetime(dates)
    if by == "month":
        return d.dt.strftime("%Y-%m")
    if by == "year":
        return d.dt.strftime("%Y")
    out = pd.Series([None] * len(d), index=d.index, dtype=object)
    for pid, start, end in periods:
        m = (d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end or dt.date.max))
        out[m & out.isna()] = pid
    return out


def series_from_frame(df: pd.DataFrame, dyad: tuple[str, str], *, by: str = "year", directed: bool = False,
                      periods=None, boot: int = 500, seed=None) -> EventSeriesResult:
    """Aggregate an event frame (``date``, ``quad``, ``goldstein``, ``document``) into a bucketed series.

    ``periods`` is a sequence of ``(id, start, end)`` (``end`` None = open) for ``by="period"``.

    Examples
    --------
    Two documents: A has events of quads 1 and 4 (Goldstein 3 and -10), B one of quad 2 (Goldstein 7):
    n = 3, net cooperation (1 + 1 - 1) / 3, Goldstein mean 0.

    >>> df = pd.DataFrame({"date": ["2020-01-05", "2020-01-06", "2020-02-01"], "quad": [1, 4, 2],
    ...                    "goldstein": [3.0, -10.0, 7.0], "document": ["A", "A", "B"]})
    >>> r = series_from_frame(df, ("RUS", "PRK"), by="year", boot=0).rows[0]
    >>> (r.bucket, r.n, r.q1, r.q4, round(r.net_coop, 4), r.goldstein_mean, r.documents)
    ('2020', 3, 1, 1, 0.3333, 0.0, 2)
    """
    if by not in BY:
        raise ModelInputError(f"expected --by one of {', '.join(BY)}, got {by!r}", field="--by")
    if by == "period" and not periods:
        raise ModelInputError("--by period needs the case's periods", field="--by")
    rng = rng_from(seed)
    df = df.copy()
    df["bucket"] = _bucket(df["date"], by, periods or ())
    df = df[df["bucket"].notna()]
    order = [p[0] for p in periods] if by == "period" else sorted(df["bucket"].unique())
    groups = {k: g for k, g in df.groupby("bucket", sort=False)}
    keys = [k for k in order if k in groups]
    rngs = rng.spawn(len(keys)) if keys else []
    rows = []
    for k, r in zip(keys, rngs):
        g = groups[k]
        q = g["quad"].astype(int).to_numpy()
        gold = g["goldstein"].astype(float).to_numpy()
        n = len(g)
        counts = [int((q == i).sum()) for i in (1, 2, 3, 4)]
        net = (counts[0] + counts[1] - counts[2] - counts[3]) / n
        docs = g["document"].astype(str).to_numpy()
        ud, inv = np.unique(docs, return_inverse=True)
        lo = hi = nlo = nhi = None
        if boot > 0 and len(ud) > 1:
            m = len(ud)
            per_n = np.bincount(inv, minlength=m).astype(float)
            per_g = np.bincount(inv, weights=gold, minlength=m)
            per_c = np.bincount(inv, weights=np.where(q <= 2, 1.0, -1.0), minlength=m)
            w = r.multinomial(m, np.full(m, 1.0 / m), size=boot).astype(float)
            tot = w @ per_n
            ok = tot > 0
            gm = (w @ per_g)[ok] / tot[ok]
            nc = (w @ per_c)[ok] / tot[ok]
            lo, hi = (float(x) for x in np.quantile(gm, [0.05, 0.95]))
            nlo, nhi = (float(x) for x in np.quantile(nc, [0.05, 0.95]))
        rows.append(EventRow(str(k), n, *counts, float(gold.mean()), float(gold.sum()), float(net), lo, hi, nlo, nhi,
                             int(len(ud))))
    return EventSeriesResult(tuple(dyad), by, directed, tuple(rows), boot, reported_seed(seed))


def event_series(table, a: str, b: str, *, by: str = "year", directed: bool = False, periods=None, boot: int = 500,
                 seed=None) -> EventSeriesResult:
    """Dyad series from an :class:`~equipoise.evidence.eventdata.EventTable` (see the module docstring)."""
    return series_from_frame(dyad_events(table, a, b, directed=directed), (a, b), by=by, directed=directed,
                             periods=periods, boot=boot, seed=seed)


def all_dyad_series(table, *, by: str = "month") -> pd.DataFrame:
    """Directed dyad series for every dyad in the table (DuckDB, no bootstrap): the bulk aggregation.

    Returns a frame with ``source``, ``target``, ``bucket``, ``n``, ``q1``..``q4``, ``goldstein_mean``,
    ``goldstein_sum`` and ``net_coop``.
    """
    if by not in ("month", "year"):
        raise ModelInputError(f"expected by month or year, got {by!r}", field="by")
    fmt = "%Y-%m" if by == "month" else "%Y"
    con = table.connect()
    try:
        return con.execute(f"""
            SELECT source, target, strftime(date, '{fmt}') AS bucket, count(*) AS n,
                   count(*) FILTER (WHERE quad = 1) AS q1, count(*) FILTER (WHERE quad = 2) AS q2,
                   count(*) FILTER (WHERE quad = 3) AS q3, count(*) FILTER (WHERE quad = 4) AS q4,
                   avg(goldstein) AS goldstein_mean, sum(goldstein) AS goldstein_sum,
                   (count(*) FILTER (WHERE quad <= 2) - count(*) FILTER (WHERE quad >= 3)) / count(*) AS net_coop
            FROM (SELECT date, source, target, code, min(quad) AS quad, min(goldstein) AS goldstein
                  FROM events GROUP BY date, source, target, code)
            GROUP BY ALL ORDER BY source, target, bucket""").df()
    finally:
        con.close()
