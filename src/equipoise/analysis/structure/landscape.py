"""Alignment landscapes (Axelrod & Bennett 1993): two-bloc configurations, energies, local minima."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

import networkx as nx
import numpy as np

from ...errors import ModelInputError, parse_number
from ...seeding import reported_seed, rng_from
from .balance import frustration_index
from .network import check_actors, relation_estimate, resolve_period

__all__ = ["EXHAUSTIVE_MAX_ACTORS", "LocalMinimum", "LandscapeResult", "alignment_landscape",
           "configuration_energy", "actor_frustration", "case_landscape", "cinc_sizes", "read_landscape_csv"]

#: Largest system whose 2^(n-1) configurations are enumerated.
EXHAUSTIVE_MAX_ACTORS = 22
_TOL = 1e-9


def _blocs(names, code: int) -> tuple:
    """Two sorted blocs; the one holding the alphabetically first actor comes first."""
    a = tuple(names[i] for i in range(len(names)) if not (code >> i) & 1)
    b = tuple(names[i] for i in range(len(names)) if (code >> i) & 1)
    return (a, b) if a and (not b or a[0] < b[0]) else (b, a)


@dataclass(frozen=True)
class LocalMinimum:
    """A configuration no single actor can improve on by switching sides.

    ``basin`` counts the configurations (of the 2^(n-1)) from which steepest descent
    ends here; with search it is the share of random starts that ended here.
    """

    blocs: tuple
    energy: float
    basin: int
    basin_share: float
    is_global: bool

    def to_dict(self) -> dict:
        return {"blocs": [list(b) for b in self.blocs], "energy": self.energy, "basin": self.basin,
                "basin_share": self.basin_share, "global": self.is_global}


@dataclass(frozen=True)
class LandscapeResult:
    """The landscape of two-bloc alignments of a set of actors.

    Attributes
    ----------
    actors : tuple of str
        Sorted actor codes.
    sizes : tuple of float
    propensities : tuple of tuples
        The symmetric matrix, in actor order.
    minima : tuple of LocalMinimum
        Sorted by energy, then by basin (largest first).
    global_energy : float
        Lowest energy of any configuration.
    energies : numpy.ndarray or None
        With ``exhaustive``: the energy of every configuration, indexed by the bit code
        whose bit ``i`` is actor ``i``'s bloc (the last actor fixed in bloc 0).
    method : str
        ``exhaustive``, or ``search`` (random-start steepest descent) with the global
        minimum from the weighted frustration MILP.
    """

    actors: tuple
    sizes: tuple
    propensities: tuple
    minima: tuple
    global_energy: float
    method: str
    n_configurations: int
    starts: int | None = None
    seed: int | None = None
    energies: np.ndarray | None = field(default=None, repr=False, compare=False)
    context: dict = field(default_factory=dict)

    def blocs_of(self, code: int) -> tuple:
        """The two blocs of configuration ``code`` (bit i set: actor i in the second bloc)."""
        return _blocs(self.actors, code)

    def summary(self) -> str:
        lines = [f"{len(self.actors)} actors, {self.n_configurations} configurations ({self.method}); "
                 f"{len(self.minima)} local minim{'um' if len(self.minima) == 1 else 'a'}:"]
        for m in self.minima:
            a, b = m.blocs
            lines.append(f"  E={m.energy:.4g} basin {m.basin_share:.0%}{' (global)' if m.is_global else ''}: "
                         f"{', '.join(a)} | {', '.join(b) or '-'}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        out = {"actors": list(self.actors), "sizes": list(self.sizes),
               "propensities": [list(r) for r in self.propensities],
               "minima": [m.to_dict() for m in self.minima], "global_energy": self.global_energy,
               "method": self.method, "n_configurations": self.n_configurations, "starts": self.starts,
               "seed": self.seed}
        if self.energies is not None and len(self.energies) <= 4096:
            out["configurations"] = [{"blocs": [list(b) for b in self.blocs_of(c)], "energy": float(e)}
                                     for c, e in enumerate(self.energies)]
        out.update(self.context)
        return out


def _validate(sizes, propensities, actors):
    if isinstance(sizes, Mapping):
        names = sorted(sizes)
        s = [sizes[k] for k in names]
    else:
        s = list(sizes)
        names = list(actors) if actors is not None else [f"A{i + 1}" for i in range(len(s))]
    if len(names) != len(s):
        raise ModelInputError(f"{len(s)} sizes for {len(names)} actors", field="sizes")
    if len(set(names)) != len(names):
        raise ModelInputError(f"actor names repeat: {names}", field="actors")
    if len(names) < 3:
        raise ModelInputError(f"a landscape needs at least three actors, got {len(names)}", field="actors")
    try:
        s = np.array([float(x) for x in s])
    except (TypeError, ValueError):
        raise ModelInputError(f"sizes must be numbers, got {list(s)!r}", field="sizes") from None
    if not np.all(np.isfinite(s)) or np.any(s < 0):
        raise ModelInputError(f"sizes must be finite and non-negative, got {s.tolist()}", field="sizes")
    n = len(names)
    if isinstance(propensities, Mapping):
        p = np.zeros((n, n))
        idx = {k: i for i, k in enumerate(names)}
        for (a, b), v in propensities.items():
            if a not in idx or b not in idx:
                raise ModelInputError(f"propensity for unknown actor pair {a}-{b}", field="propensities")
            i, j = idx[a], idx[b]
            if p[i, j] != 0 and p[i, j] != float(v):
                raise ModelInputError(f"propensities are not symmetric: {a}-{b} is {p[i, j]:g} and {float(v):g}",
                                      field="propensities")
            p[i, j] = p[j, i] = float(v)
    else:
        try:
            p = np.array(propensities, dtype=float)
        except (TypeError, ValueError):
            raise ModelInputError("propensities must be a numeric square matrix", field="propensities") from None
        if p.shape != (n, n):
            raise ModelInputError(f"propensities must be a {n}x{n} matrix, got shape {p.shape}", field="propensities")
        bad = np.argwhere(~np.isclose(p, p.T, rtol=0, atol=1e-12))
        if len(bad):
            i, j = bad[0]
            raise ModelInputError(f"propensities are not symmetric: {names[i]}-{names[j]} is {p[i, j]:g} but "
                                  f"{names[j]}-{names[i]} is {p[j, i]:g}", field="propensities")
    if not np.all(np.isfinite(p)):
        raise ModelInputError("propensities must be finite numbers", field="propensities")
    p = p.copy()
    np.fill_diagonal(p, 0.0)
    return list(names), s, p


def configuration_energy(blocs, sizes, propensities) -> float:
    """Axelrod & Bennett's energy :math:`E(X) = \\sum_{i \\ne j} s_i s_j p_{ij} d_{ij}(X)`.

    ``blocs`` is a sequence of 0/1 bloc labels, ``sizes`` a vector and
    ``propensities`` a symmetric matrix (diagonal ignored); ``d_ij`` is 1 when i and j
    are in different blocs. Each unordered pair counts twice, as in the paper.

    >>> configuration_energy([0, 0, 1], [1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]])
    -4.0
    """
    x = np.asarray(blocs)
    s = np.asarray(sizes, dtype=float)
    p = np.array(propensities, dtype=float)
    np.fill_diagonal(p, 0)
    d = (x[:, None] != x[None, :]).astype(float)
    return float(np.sum(np.outer(s, s) * p * d))


def actor_frustration(i: int, blocs, sizes, propensities) -> float:
    """Actor ``i``'s frustration :math:`F_i(X) = \\sum_{j \\ne i} s_j p_{ij} d_{ij}(X)`."""
    x = np.asarray(blocs)
    s = np.asarray(sizes, dtype=float)
    p = np.array(propensities, dtype=float)
    d = (x != x[i]).astype(float)
    d[i] = 0
    return float(np.sum(s * p[i] * d))


def _tolerance(W) -> float:
    """Energy differences below this count as ties (relative to the total coupling of ``W``)."""
    return _TOL * max(1.0, float(np.abs(W).sum()))


def _exhaustive(W, scale):
    """Energies of all 2^(n-1) codes and steepest-descent targets (bit n-1 fixed at 0); ``scale`` is the
    tie tolerance (:func:`_tolerance`)."""
    n = len(W)
    total = 1 << (n - 1)
    codes = np.arange(total, dtype=np.int64)
    E = np.zeros(total)
    for i in range(n):
        for j in range(i + 1, n):
            if W[i, j] != 0:
                E += (2 * W[i, j]) * (((codes >> i) ^ (codes >> j)) & 1)
    best_e = E.copy()
    nxt = codes.copy()
    for i in range(n):
        nb = codes ^ ((1 << i) if i < n - 1 else (total - 1))
        e = E[nb]
        better = e < best_e - scale
        best_e = np.where(better, e, best_e)
        nxt = np.where(better, nb, nxt)
    minima = np.flatnonzero(nxt == codes)
    while True:
        nn = nxt[nxt]
        if np.array_equal(nn, nxt):
            break
        nxt = nn
    basins = np.bincount(nxt, minlength=total)
    return E, minima, basins[minima]


def _descend(W, sigma, scale):
    """Steepest descent for many starts at once (spins +/-1, shape (S, n)); lowest index wins ties
    (gains within the tolerance ``scale`` are no move)."""
    sigma = sigma.copy()
    H = sigma @ W
    rows = np.arange(len(sigma))
    while True:
        gain = 4 * sigma * H  # change of energy if actor i switches
        i = np.argmin(gain, axis=1)
        move = gain[rows, i] < -scale
        if not move.any():
            return sigma
        r, c = rows[move], i[move]
        old = sigma[r, c].copy()
        sigma[r, c] = -old
        H[r] -= 2 * old[:, None] * W[c]


def _code(sigma):
    """Bit code of a +/-1 configuration with the last actor in bloc 0."""
    x = (sigma != sigma[:, -1:]).astype(np.int64)
    return (x << np.arange(sigma.shape[1], dtype=np.int64)).sum(axis=1)


def _energy_of_code(W, code):
    n = len(W)
    x = np.array([(code >> i) & 1 for i in range(n)])
    d = x[:, None] != x[None, :]
    return float(np.sum(W * d))


def alignment_landscape(sizes, propensities, *, actors: Sequence[str] | None = None, method: str = "auto",
                        starts: int = 2000, seed: int | np.random.Generator | None = None,
                        time_limit: float = 60) -> LandscapeResult:
    """Energy landscape of two-bloc alignments and its local minima (Axelrod & Bennett 1993).

    Parameters
    ----------
    sizes : mapping or sequence of float
        Actor sizes (e.g. CINC scores), non-negative.
    propensities : mapping or square array
        Symmetric pairwise propensities to align (positive) or oppose (negative);
        a mapping ``{(a, b): p}`` or an ``n x n`` matrix in actor order.
    actors : sequence of str, optional
        Names when ``sizes`` is a sequence.
    method : {"auto", "exhaustive", "search"}
        ``auto`` enumerates all configurations up to :data:`EXHAUSTIVE_MAX_ACTORS`
        actors and searches beyond.
    starts : int
        Random starts for ``search``.
    seed : int, Generator or None
        Seed for ``search`` (``None``: the package default).
    time_limit : float
        Seconds for the MILP that proves the global minimum in ``search``.

    Returns
    -------
    LandscapeResult

    Raises
    ------
    ModelInputError
        Fewer than three actors, negative or non-numeric sizes, or a non-square or
        asymmetric propensity matrix.

    Notes
    -----
    Axelrod and Bennett [1]_ let each actor ``i`` of size ``s_i`` feel a frustration
    :math:`F_i(X) = \\sum_{j \\ne i} s_j p_{ij} d_{ij}(X)` in a configuration ``X`` of two
    blocs, where ``d_ij`` is 1 if i and j are apart. The energy
    :math:`E(X) = \\sum_i s_i F_i(X)` is a potential: when an actor switches sides
    the energy changes by twice its size times the change in its frustration, so
    every frustration-reducing switch lowers E and actors moving one at a time end
    in a local minimum. Here actors move by steepest descent (the switch that lowers
    E most, the first actor in sorted order on ties); a minimum's basin is the set of
    configurations from which this descent ends there.

    Galam [2]_ recast the model as an Ising spin glass: with spins
    :math:`\\sigma_i = \\pm 1` for the two blocs, :math:`d_{ij} = (1 - \\sigma_i \\sigma_j)/2`
    and :math:`E = \\sum_{i<j} J_{ij} - \\sum_{i<j} J_{ij} \\sigma_i \\sigma_j` with
    couplings :math:`J_{ij} = s_i s_j p_{ij}` (counting each pair twice, as above,
    doubles J). Up to the constant this is the Hamiltonian
    :math:`H = -\\sum_{i<j} J_{ij} \\sigma_i \\sigma_j` with no external field, so the
    local minima are the metastable states of a zero-temperature spin glass with
    single-spin-flip dynamics; mixed-sign couplings make it frustrated, and the
    global minimum is a weighted frustration index (see :func:`frustration_index`),
    which is how ``search`` proves it. Galam also adds external fields for each
    actor's bias towards one of two pre-existing coalitions, which this model omits.

    References
    ----------
    .. [1] Axelrod, R., & Bennett, D. S. (1993). A Landscape Theory of Aggregation.
       British Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000973X
    .. [2] Galam, S. (1996). Fragmentation versus stability in bimodal coalitions.
       Physica A 230(1-2), 174-188. doi:10.1016/0378-4371(96)00037-4

    Examples
    --------
    >>> r = alignment_landscape({"A": 1, "B": 1, "C": 1}, {("A", "B"): 1, ("A", "C"): -1, ("B", "C"): -1})
    >>> [m.blocs for m in r.minima if m.is_global]
    [(('A', 'B'), ('C',))]
    """
    names, s, p = _validate(sizes, propensities, actors)
    order = np.argsort(names, kind="stable")
    names = [names[i] for i in order]
    s = s[order]
    p = p[np.ix_(order, order)]
    n = len(names)
    if method not in ("auto", "exhaustive", "search"):
        raise ModelInputError(f"method must be auto, exhaustive or search, got {method!r}", field="method")
    if method == "auto":
        method = "exhaustive" if n <= EXHAUSTIVE_MAX_ACTORS else "search"
    if method == "exhaustive" and n > 26:
        raise ModelInputError(f"exhaustive search over 2^{n - 1} configurations is too large; use method='search'",
                              field="method")
    W = np.outer(s, s) * p
    tol = _tolerance(W)
    total = 1 << (n - 1)

    def blocs(code):
        return _blocs(names, code)

    if method == "exhaustive":
        E, mins, basins = _exhaustive(W, tol)
        gmin = float(E.min())
        minima = [LocalMinimum(blocs(int(c)), float(E[c]), int(b), float(b / total), bool(E[c] <= gmin + tol))
                  for c, b in zip(mins, basins)]
        minima.sort(key=lambda m: (m.energy, -m.basin, m.blocs))
        return LandscapeResult(tuple(names), tuple(float(x) for x in s), tuple(tuple(float(v) for v in r) for r in p),
                               tuple(minima), gmin, "exhaustive", total, energies=E)
    # search: random-start steepest descent, global minimum proven by MILP
    if starts < 1:
        raise ModelInputError(f"starts must be >= 1, got {starts}", field="starts")
    rng = rng_from(seed)
    sigma = rng.choice(np.array([-1.0, 1.0]), size=(starts, n))
    ends = _code(_descend(W, sigma, tol))
    uniq, counts = np.unique(ends, return_counts=True)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i in range(n):
        for j in range(i + 1, n):
            if W[i, j] != 0:
                g.add_edge(i, j, weight=float(W[i, j]))
    fr = frustration_index(g, weighted=True, method="milp", time_limit=time_limit)
    gmin = float(2 * fr.frustration + 2 * W[W < 0].sum() / 2)
    x = np.zeros(n, dtype=np.int64)
    x[[int(v) for v in fr.partition[1]]] = 1
    x = x ^ x[-1]
    gcode = int((x << np.arange(n)).sum())
    found = {int(c): int(k) for c, k in zip(uniq, counts)}
    if gcode not in found:
        found[gcode] = 0
    minima = []
    for c, k in found.items():
        e = _energy_of_code(W, c)
        minima.append(LocalMinimum(blocs(c), e, k, float(k / starts), bool(e <= gmin + tol)))
    minima.sort(key=lambda m: (m.energy, -m.basin, m.blocs))
    method_name = "search" + ("+milp" if fr.optimal else "+milp(not proven)")
    return LandscapeResult(tuple(names), tuple(float(v) for v in s), tuple(tuple(float(v) for v in r) for r in p),
                           tuple(minima), min(gmin, minima[0].energy), method_name, total, starts=int(starts),
                           seed=reported_seed(seed))


def _is_cinc(ind) -> bool:
    """Whether a case indicator is a CINC score (id starting ``cinc``)."""
    return ind.id.lower().startswith("cinc")


def _cinc_indicator(case, code: str):
    """The case's first CINC indicator of actor ``code`` alone, or ``None``."""
    return next((i for i in case.indicators if _is_cinc(i) and i.actors == [code]), None)


def cinc_sizes(case, actors, year: int) -> dict:
    """CINC score of each actor in ``year`` from the case's ``cinc*`` indicators.

    Raises
    ------
    ModelInputError
        An actor without a CINC indicator, or without a value for ``year``.
    """
    out = {}
    for code in actors:
        ind = _cinc_indicator(case, code)
        if ind is None:
            raise ModelInputError(f"the case has no CINC indicator (id starting 'cinc') for {code}", field="indicators")
        value = ind.value(year)
        if value is None:
            years = sorted(p.year for p in ind.points)
            raise ModelInputError(f"{ind.id} has no value for {year} (it covers {years[0]}-{years[-1]})",
                                  field="year")
        out[code] = float(value)
    return out


def _cinc_actors(case):
    return sorted({i.actors[0] for i in case.indicators if _is_cinc(i) and len(i.actors) == 1})


def case_landscape(case, period: str, *, year: int | None = None, actors: Sequence[str] | None = None,
                   method: str = "auto", seed: int | np.random.Generator | None = None) -> LandscapeResult:
    """The alignment landscape of a case in one period: CINC sizes and relation values as propensities.

    Parameters
    ----------
    case : equipoise.case.models.Case
    period : str
        Period id (or an ISO date inside a period).
    year : int, optional
        Year of the CINC scores (default: the latest year inside the period for which
        every actor has one, else the latest year before the period's end).
    actors : sequence of str, optional
        Default: every actor with a CINC indicator and at least one relation in the period.
    method, seed
        Passed to :func:`alignment_landscape`.

    Notes
    -----
    The propensity of a pair is the central value of its relation in the period (0
    when the case states none). CINC (Composite Index of National Capability,
    Correlates of War) is the size measure Axelrod & Bennett used.

    Raises
    ------
    ModelInputError
        Unknown actor, period not in the case, fewer than three actors, or no CINC
        value for the year.
    """
    per = resolve_period(case, period)
    if actors is None:
        with_cinc = _cinc_actors(case)
        actors = [a for a in with_cinc
                  if any(relation_estimate(case, a, b, per.id) is not None for b in with_cinc if b != a)]
    else:
        actors = sorted(check_actors(case, actors))
    if len(actors) < 3:
        raise ModelInputError(f"a landscape needs at least three actors with CINC scores and relations in "
                              f"{per.id!r}, got {actors}", field="actors")
    if year is None:
        first = per.first_day.year
        last = per.last_day.year if per.last_day else 9999
        common = None
        for code in actors:
            ind = _cinc_indicator(case, code)
            ys = {p.year for p in ind.points} if ind else set()
            common = ys if common is None else common & ys
        inside = sorted(y for y in common or () if first <= y <= last)
        before = sorted(y for y in common or () if y <= last)
        if inside:
            year = inside[-1]
        elif before:
            year = before[-1]
        else:
            raise ModelInputError(f"no year up to the end of {per.id!r} has CINC scores for all of {actors}",
                                  field="year")
    sizes = cinc_sizes(case, actors, year)
    props = {}
    missing = []
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            est = relation_estimate(case, a, b, per.id)
            props[(a, b)] = 0.0 if est is None else est[0]
            if est is None:
                missing.append(f"{a}-{b}")
    res = alignment_landscape(sizes, props, method=method, seed=seed)
    ctx = {"period": per.id, "year": int(year), "size_measure": "cinc", "missing_relations": sorted(missing)}
    return replace(res, context=ctx)


def read_landscape_csv(sizes_text: str, propensities_text: str, *, sizes_path: str = "<sizes>",
                       propensities_path: str = "<propensities>") -> tuple[dict, dict]:
    """Parse a sizes CSV (``actor,size`` rows, optional header) and a propensity matrix CSV.

    The matrix has a header row of actor names (first cell empty or a label) and one
    row per actor: its name, then its propensities in header order. Returns
    ``(sizes, propensities)`` ready for :func:`alignment_landscape`.

    Raises
    ------
    ModelInputError
        Naming ``file:line`` for non-numeric cells, ragged rows, names that differ
        between the files, repeated actors and asymmetric entries.
    """
    sizes: dict[str, float] = {}
    size_line: dict[str, int] = {}
    for lineno, row in enumerate(csv.reader(io.StringIO(sizes_text)), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) != 2:
            raise ModelInputError(f"expected 'actor,size', got {len(cells)} field(s)", path=sizes_path, line=lineno)
        name, val = cells
        if not sizes and not size_line and lineno == 1:
            try:
                float(val)
            except ValueError:
                size_line["__header__"] = lineno
                continue
        if name in sizes:
            raise ModelInputError(f"actor {name!r} already given on line {size_line[name]}", path=sizes_path,
                                  line=lineno)
        sizes[name] = parse_number(val, path=sizes_path, line=lineno, field="size")
        if sizes[name] < 0:
            raise ModelInputError(f"expected a non-negative size, got {val}", path=sizes_path, line=lineno,
                                  field="size")
        size_line[name] = lineno
    rows = [(i, [c.strip() for c in r]) for i, r in enumerate(csv.reader(io.StringIO(propensities_text)), start=1)
            if any(c.strip() for c in r) and not r[0].strip().startswith("#")]
    if not rows:
        raise ModelInputError("no rows; expected a header of actor names and one row per actor",
                              path=propensities_path)
    head_line, header = rows[0]
    names = header[1:]
    if len(set(names)) != len(names):
        raise ModelInputError(f"actor names repeat in the header: {names}", path=propensities_path, line=head_line)
    values: dict[tuple[str, str], tuple[float, int]] = {}
    seen_rows = {}
    for lineno, cells in rows[1:]:
        if len(cells) != len(names) + 1:
            raise ModelInputError(f"expected {len(names) + 1} fields (name and {len(names)} values), got {len(cells)}",
                                  path=propensities_path, line=lineno)
        a = cells[0]
        if a not in names:
            raise ModelInputError(f"row actor {a!r} is not in the header {names}", path=propensities_path, line=lineno)
        if a in seen_rows:
            raise ModelInputError(f"row {a!r} already given on line {seen_rows[a]}", path=propensities_path,
                                  line=lineno)
        seen_rows[a] = lineno
        for b, cell in zip(names, cells[1:]):
            if a == b and cell in ("", "-"):
                continue
            v = parse_number(cell, path=propensities_path, line=lineno, field=f"{a}-{b}")
            if (b, a) in values and not math.isclose(values[(b, a)][0], v, rel_tol=0, abs_tol=1e-12):
                ov, oline = values[(b, a)]
                raise ModelInputError(f"propensities are not symmetric: {a}-{b} is {v:g} here but {b}-{a} is "
                                      f"{ov:g} on line {oline}", path=propensities_path, line=lineno, field=f"{a}-{b}")
            values[(a, b)] = (v, lineno)
    missing = [n for n in names if n not in seen_rows]
    if missing:
        raise ModelInputError(f"no row for {', '.join(missing)}", path=propensities_path)
    if set(names) != set(sizes):
        raise ModelInputError(f"actors differ: sizes name {sorted(sizes)}, propensities name {sorted(names)}",
                              path=propensities_path, line=head_line)
    props = {(a, b): v for (a, b), (v, _) in values.items() if a < b}
    return sizes, props
