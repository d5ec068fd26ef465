"""Signed networks from a case: one weighted, signed graph per period.

Every structural analysis (triangles, balance, landscapes, hedging) reads the
case's relations through this module, so that unknown actors, periods missing
from the case and absent relations give the same clear errors everywhere.
"""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx
import numpy as np

from ...errors import ModelInputError

__all__ = ["check_actors", "resolve_period", "relation_estimate", "signed_graph", "read_signed_edges",
           "draw_relations", "edge_sign"]


def check_actors(case, codes) -> list[str]:
    """Return ``codes`` as a list after checking each is an actor of ``case``.

    Raises
    ------
    ModelInputError
        If a code is not an actor of the case.
    """
    known = {a.code for a in case.actors}
    out = []
    for code in codes:
        if code not in known:
            raise ModelInputError(f"{code!r} is not an actor of the case; expected one of {', '.join(sorted(known))}",
                                  field="actor")
        out.append(code)
    return out


def resolve_period(case, period: str):
    """The case's :class:`~equipoise.case.models.Period` named by id, or containing an ISO date.

    Raises
    ------
    ModelInputError
        If ``period`` is neither a period id of the case nor a date inside one of its periods.
    """
    ids = [p.id for p in case.periods]
    if period in ids:
        return case.period(period)
    if isinstance(period, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        try:
            found = case.period_of(dt.date.fromisoformat(period))
        except ValueError:
            found = None
        if found is not None:
            return found
    raise ModelInputError(f"{period!r} is not a period of the case; expected one of "
                          f"{', '.join(ids) or '(no periods)'} or a date YYYY-MM-DD inside one", field="period")


def relation_estimate(case, a: str, b: str, period: str) -> tuple[float, float, float] | None:
    """``(value, low, high)`` of the relation of ``a`` and ``b`` in ``period``, or ``None`` if absent."""
    rel = case.relation(a, b, period)
    if rel is None:
        return None
    return float(rel.value.value), float(rel.value.low), float(rel.value.high)


def signed_graph(case, period: str, *, actors=None) -> nx.Graph:
    """The signed, weighted network of the case's relations in one period.

    Parameters
    ----------
    case : equipoise.case.models.Case
    period : str
        Period id (or an ISO date inside a period).
    actors : iterable of str, optional
        Restrict the graph to these actors (default: every actor with a relation in the period).

    Returns
    -------
    networkx.Graph
        Nodes are actor codes; each edge carries ``weight`` (the central value in [-1, 1]),
        ``low``, ``high`` (its range) and ``kind``. Relations of value 0 are kept as edges
        with weight 0; :func:`edge_sign` treats them as absent.
    """
    per = resolve_period(case, period)
    keep = None if actors is None else set(check_actors(case, actors))
    g = nx.Graph(period=per.id)
    if keep:
        g.add_nodes_from(sorted(keep))
    dyads = sorted({r.dyad for r in case.relations})
    for a, b in dyads:
        if keep is not None and (a not in keep or b not in keep):
            continue
        rel = case.relation(a, b, per.id)
        if rel is None:
            continue
        g.add_edge(a, b, weight=float(rel.value.value), low=float(rel.value.low),
                   high=float(rel.value.high), kind=rel.kind)
    return g


def edge_sign(data: dict) -> float:
    """The signed weight of an edge: its ``sign`` attribute if set, else its ``weight`` (default +1)."""
    if "sign" in data and data["sign"] is not None:
        return float(data["sign"])
    return float(data.get("weight", 1.0))


_SIGN_WORDS = {"+": 1.0, "-": -1.0, "pos": 1.0, "neg": -1.0}


def read_signed_edges(text: str, *, path: str = "<edges>") -> nx.Graph:
    """Parse a signed edge list: one ``node node sign_or_weight`` a line.

    Fields are separated by whitespace or commas; ``#`` starts a comment; blank lines
    are skipped. The third field is a number (its sign is the edge's sign, its absolute
    value the weight) or ``+``/``-``.

    Raises
    ------
    ModelInputError
        Naming ``path:line`` for a line without three fields, a non-numeric or zero
        sign, a self-loop or an edge listed twice.
    """
    g = nx.Graph()
    seen: dict[frozenset, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p for p in re.split(r"[,\s]+", line) if p]
        if len(parts) != 3:
            raise ModelInputError(f"expected 'node node sign_or_weight', got {len(parts)} field(s): {line!r}",
                                  path=path, line=lineno)
        u, v, s = parts
        if s.lower() in _SIGN_WORDS:
            w = _SIGN_WORDS[s.lower()]
        else:
            try:
                w = float(s)
            except ValueError:
                raise ModelInputError(f"expected a number or +/- as the sign, got {s!r}",
                                      path=path, line=lineno, field="sign") from None
            if not np.isfinite(w) or w == 0:
                raise ModelInputError(f"expected a non-zero finite sign or weight, got {s!r}",
                                      path=path, line=lineno, field="sign")
        if u == v:
            raise ModelInputError(f"self-loop {u}-{u}: an edge needs two different nodes", path=path, line=lineno)
        key = frozenset((u, v))
        if key in seen:
            raise ModelInputError(f"edge {u}-{v} already listed on line {seen[key]}", path=path, line=lineno)
        seen[key] = lineno
        g.add_edge(u, v, weight=w)
    if g.number_of_edges() == 0:
        raise ModelInputError("no edges found; expected lines 'node node sign_or_weight'", path=path)
    return g


def draw_relations(rng: np.random.Generator, estimates, draws: int) -> np.ndarray:
    """Draw relation strengths from their ranges: an array of shape ``(draws, k)``.

    Each estimate ``(value, low, high)`` is drawn from a triangular distribution on
    ``[low, high]`` with its mode at ``value`` (a point value when ``low == high``).
    The triangular law is our assumption: a case states a best value and a range,
    nothing more.
    """
    est = np.asarray(estimates, dtype=float).reshape(-1, 3)
    out = np.empty((draws, len(est)))
    for k, (value, low, high) in enumerate(est):
        if high > low:
            out[:, k] = rng.triangular(low, value, high, size=draws)
        else:
            out[:, k] = value
    return out
