"""Foreign-policy similarity from UN General Assembly votes: agreement, S-score, kappa, ideal points.

Votes are coded yes = 1, abstain = 0.5, no = 0. Every statistic is computed over
the roll calls **both** states cast (absence and non-membership give no vote, so a
year with none gives no row, never a zero). The coding traps (Soviet Union and
Russia one series, the China seat, the two Koreas) are applied when the votes are
read (:mod:`equipoise.evidence.votes`).

References
----------
.. [1] Signorino, C. S. & Ritter, J. M. (1999). Tau-b or Not Tau-b: Measuring the
   Similarity of Foreign Policy Positions. International Studies Quarterly 43(1),
   115-144. doi:10.1111/0020-8833.00113
.. [2] Häge, F. M. (2011). Choosing the Right Tool for the Job: Measuring Foreign
   Policy Similarity. Political Analysis 19(3), 287-305. doi:10.1093/pan/mpr023
.. [3] Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating Dynamic State
   Preferences from United Nations Voting Data. Journal of Conflict Resolution
   61(2), 430-456. doi:10.1177/0022002715595700
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...errors import ModelInputError
from ...evidence.votes import VoteData

__all__ = ["agreement_share", "s_score", "cohen_kappa", "UNGARow", "UNGAResult", "unga_dyad", "IdealRow",
           "IdealDistanceResult", "ideal_point_distance", "ISSUES"]

ISSUES = {"me": "Palestinian conflict", "nu": "nuclear weapons and material", "di": "arms control and disarmament",
          "hr": "human rights", "co": "colonialism", "ec": "economic development"}


def _pair(x, y) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape:
        raise ModelInputError(f"vote vectors differ in length ({len(x)} and {len(y)})")
    return x, y


def agreement_share(x, y) -> float | None:
    """Share of the roll calls both states cast on which they voted the same way.

    ``None`` when there is no common vote.

    >>> agreement_share([1, 1, 0.5, 0], [1, 0, 0.5, 0])
    0.75
    """
    x, y = _pair(x, y)
    return None if x.size == 0 else float(np.mean(x == y))


def s_score(x, y) -> float | None:
    """Signorino and Ritter's S: ``1 - 2 d / d_max`` with the L1 distance over roll calls.

    Notes
    -----
    Each roll call is one dimension, positions coded yes = 1, abstain = 0.5, no = 0,
    unweighted. With ``d = sum_i |x_i - y_i|`` and ``d_max = n`` (the largest
    distance on ``n`` dimensions of range 1), ``S = 1 - 2 d / d_max`` [1]_ (their
    equation for the unweighted L1 metric), so ``S = 1 - 2 mean |x_i - y_i|``: 1 for
    identical votes, -1 for opposite votes throughout.

    References
    ----------
    .. [1] Signorino, C. S. & Ritter, J. M. (1999). Tau-b or Not Tau-b: Measuring
       the Similarity of Foreign Policy Positions. International Studies Quarterly
       43(1), 115-144. doi:10.1111/0020-8833.00113

    Examples
    --------
    Votes (yes, no, abstain, yes) against (yes, yes, no, no): distances 0, 1, 0.5,
    1, so ``d = 2.5`` and ``S = 1 - 2 * 2.5 / 4 = -0.25``.

    >>> s_score([1, 0, 0.5, 1], [1, 1, 0, 0])
    -0.25
    """
    x, y = _pair(x, y)
    return None if x.size == 0 else float(1.0 - 2.0 * np.abs(x - y).sum() / x.size)


def cohen_kappa(x, y) -> float | None:
    """Cohen's kappa for the agreement of two states' votes (three nominal categories).

    Notes
    -----
    ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_o`` the observed share of equal
    votes and ``p_e = sum_k p_k(x) p_k(y)`` the share expected from each state's own
    distribution of yes/abstain/no; Häge [1]_ recommends chance-corrected measures
    such as kappa because agreement and S treat two states that both vote yes on
    nearly everything as allies. Undefined (``None``) when ``p_e = 1`` (both states
    cast one and the same category throughout) or there is no common vote.

    References
    ----------
    .. [1] Häge, F. M. (2011). Choosing the Right Tool for the Job: Measuring
       Foreign Policy Similarity. Political Analysis 19(3), 287-305.
       doi:10.1093/pan/mpr023

    Examples
    --------
    Four votes, x = (yes, yes, no, abstain), y = (yes, no, no, abstain):
    ``p_o = 3/4``; marginals x (1/2, 1/4, 1/4), y (1/4, 1/4, 1/2) for
    (yes, abstain, no), ``p_e = 1/8 + 1/16 + 1/8 = 5/16``, so
    ``kappa = (12/16 - 5/16) / (11/16) = 7/11``.

    >>> round(cohen_kappa([1, 1, 0, 0.5], [1, 0, 0, 0.5]), 6) == round(7 / 11, 6)
    True
    """
    x, y = _pair(x, y)
    if x.size == 0:
        return None
    po = float(np.mean(x == y))
    pe = float(sum(np.mean(x == k) * np.mean(y == k) for k in (0.0, 0.5, 1.0)))
    return None if pe >= 1.0 else (po - pe) / (1.0 - pe)


@dataclass(frozen=True)
class UNGARow:
    """One dyad-year: the three statistics and the number of votes both cast."""

    year: int
    agreement: float | None
    s_score: float | None
    kappa: float | None
    n: int

    def to_dict(self) -> dict:
        return {"year": self.year, "agreement": self.agreement, "s_score": self.s_score, "kappa": self.kappa,
                "n": self.n}


@dataclass(frozen=True)
class UNGAResult:
    """Yearly UNGA similarity of a dyad."""

    dyad: tuple[str, str]
    rows: tuple[UNGARow, ...]
    issue: str | None = None
    important: bool = False
    files: tuple[str, ...] = ()
    bad_rows: int = 0
    method: str = ("UNGA roll calls both cast; yes=1, abstain=0.5, no=0; agreement share, S-score (Signorino & "
                   "Ritter 1999, L1), Cohen's kappa (Häge 2011)")

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.to_dict() for r in self.rows], columns=["year", "agreement", "s_score", "kappa", "n"])

    def summary(self) -> str:
        lines = [f"UNGA similarity {'-'.join(self.dyad)}" + (f", issue {self.issue}" if self.issue else "")
                 + (", important votes" if self.important else "") + f": {len(self.rows)} years"]
        for r in self.rows:
            k = "n/a" if r.kappa is None else f"{r.kappa:.3f}"
            lines.append(f"  {r.year}: agreement {r.agreement:.3f}, S {r.s_score:.3f}, kappa {k} (n={r.n})")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"dyad": list(self.dyad), "issue": self.issue, "important": self.important, "method": self.method,
                "files": list(self.files), "bad_rows": self.bad_rows, "rows": [r.to_dict() for r in self.rows]}


def _joint(data: VoteData, a: str, b: str, *, issue: str | None, important: bool) -> pd.DataFrame:
    va, vb = data.for_actor(a), data.for_actor(b)
    j = va.merge(vb, on="rcid", suffixes=("_a", "_b"))
    calls = data.votes[["rcid", "year", "important"]].drop_duplicates("rcid")
    j = j.merge(calls, on="rcid")
    if important:
        j = j[j["important"] == 1]
    if issue is not None:
        if issue not in ISSUES:
            raise ModelInputError(f"unknown issue {issue!r}; expected one of {', '.join(ISSUES)}", field="--issue")
        j = j[j["rcid"].isin(data.issues.loc[data.issues["issue"] == issue, "rcid"])]
    return j


def unga_dyad(data: VoteData, a: str, b: str, *, start: int | None = None, end: int | None = None,
              issue: str | None = None, important: bool = False) -> UNGAResult:
    """Agreement share, S-score and Cohen's kappa of states ``a`` and ``b`` per calendar year.

    Parameters
    ----------
    data : VoteData
        From :func:`equipoise.evidence.votes.read_unga`.
    a, b : str
        ISO alpha-3 (or case) codes; ``SUN`` and ``RUS`` are one series.
    start, end : int, optional
        First and last year (inclusive).
    issue : str, optional
        Keep only roll calls with this Voeten issue flag (``me``, ``nu``, ``di``, ``hr``, ``co``, ``ec``).
    important : bool
        Keep only the votes the US State Department classed as important.

    Returns
    -------
    UNGAResult
        One row per year in which both states cast at least one vote on the kept roll calls.

    References
    ----------
    .. [1] Signorino & Ritter (1999), doi:10.1111/0020-8833.00113 (S-score).
    .. [2] Häge (2011), doi:10.1093/pan/mpr023 (kappa).
    """
    j = _joint(data, a, b, issue=issue, important=important)
    if start is not None:
        j = j[j["year"] >= start]
    if end is not None:
        j = j[j["year"] <= end]
    rows = []
    for year, g in j.groupby("year", sort=True):
        x, y = g["vote_a"].to_numpy(), g["vote_b"].to_numpy()
        rows.append(UNGARow(int(year), agreement_share(x, y), s_score(x, y), cohen_kappa(x, y), int(len(g))))
    return UNGAResult((a, b), tuple(rows), issue, important, data.files, data.bad.count)


@dataclass(frozen=True)
class IdealRow:
    session: int
    year: int
    distance: float
    low: float | None
    high: float | None
    n: int

    def to_dict(self) -> dict:
        return {"session": self.session, "year": self.year, "distance": self.distance, "low": self.low,
                "high": self.high, "n": self.n}


@dataclass(frozen=True)
class IdealDistanceResult:
    dyad: tuple[str, str]
    rows: tuple[IdealRow, ...]
    method: str = ("|ideal point a - ideal point b| per session (Bailey, Strezhnev & Voeten 2017); 90% interval "
                   "from each estimate's 5%/95% quantiles, taken as normal and independent")

    def summary(self) -> str:
        return "\n".join([f"Ideal-point distance {'-'.join(self.dyad)}: {len(self.rows)} sessions"] +
                         [f"  session {r.session} ({r.year}): {r.distance:.3f}" for r in self.rows])

    def to_dict(self) -> dict:
        return {"dyad": list(self.dyad), "method": self.method, "rows": [r.to_dict() for r in self.rows]}


def _ideal_rows(ip: pd.DataFrame, actor: str, ccode: int | None) -> pd.DataFrame:
    code = "RUS" if actor.upper() == "SUN" else actor.upper()
    rows = ip[ip["iso3"] == code] if ccode is None else ip[ip["ccode"] == ccode]
    if code == "CHN":  # the PRC's estimates begin with session 26 (1971); earlier ones would be the ROC's
        rows = rows[rows["session"] >= 26]
    return rows


def ideal_point_distance(ip: pd.DataFrame, a: str, b: str, *, ccodes: dict[str, int] | None = None) -> IdealDistanceResult:
    """Absolute distance between two states' UNGA ideal points, per session.

    Notes
    -----
    The interval treats each estimate as normal with standard deviation
    ``(q95 - q5) / 3.29`` and the two as independent: the difference ``D`` has
    90% interval ``D ± 1.645 sqrt(s_a^2 + s_b^2)``; the distance's interval is
    that interval's image under ``|.|``. ``n`` is the smaller of the two
    states' vote counts in the session.

    References
    ----------
    .. [1] Bailey, Strezhnev & Voeten (2017), doi:10.1177/0022002715595700
    """
    ccodes = ccodes or {}
    ra = _ideal_rows(ip, a, ccodes.get(a)).set_index("session")
    rb = _ideal_rows(ip, b, ccodes.get(b)).set_index("session")
    rows = []
    for s in sorted(set(ra.index) & set(rb.index)):
        xa, xb = ra.loc[s], rb.loc[s]
        d = float(xa["ideal"] - xb["ideal"])
        lo = hi = None
        if all(np.isfinite(v) for v in (xa["q5"], xa["q95"], xb["q5"], xb["q95"])):
            sd = float(np.hypot((xa["q95"] - xa["q5"]) / 3.29, (xb["q95"] - xb["q5"]) / 3.29))
            l, h = d - 1.645 * sd, d + 1.645 * sd
            lo, hi = (0.0, max(abs(l), abs(h))) if l <= 0 <= h else (min(abs(l), abs(h)), max(abs(l), abs(h)))
        n = int(min(xa["nvotes"], xb["nvotes"])) if np.isfinite(xa["nvotes"]) and np.isfinite(xb["nvotes"]) else 0
        rows.append(IdealRow(int(s), int(1945 + s), abs(d), lo, hi, n))
    return IdealDistanceResult((a, b), tuple(rows))
