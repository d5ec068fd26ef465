"""Strategic triangles (Dittmer 1981) with roles ranked as in Wu (1996), under uncertainty."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from ...errors import ModelInputError
from ...seeding import reported_seed, rng_from
from .network import check_actors, draw_relations, relation_estimate, resolve_period

__all__ = ["STANDARD_TRIANGLES", "case_triangles", "CONFIGURATIONS", "ROLES", "ROLE_RANK", "TriangleClass", "TriangleResult",
           "classify_triangle", "triangle"]

#: The triangles the seed articles reason about: Dittmer's Grand Strategic Triangle and North Korea
#: between its patrons and rivals. The report, the web app and scenarios analyse those a case has.
STANDARD_TRIANGLES = (("RUS", "CHN", "USA"), ("RUS", "CHN", "PRK"), ("RUS", "PRK", "USA"), ("CHN", "PRK", "USA"),
                      ("RUS", "KOR", "PRK"))
CONFIGURATIONS = ("menage_a_trois", "romantic_triangle", "stable_marriage", "unit_veto")
#: Roles from best to worst, as ranked by Wu (1996, p. 30).
ROLES = ("pivot", "friend", "partner", "wing", "foe", "pariah")
ROLE_RANK = {r: i + 1 for i, r in enumerate(ROLES)}

# Role from (number of the actor's own positive ties, whether the other two are friends).
_ROLE_OF = {(2, False): "pivot", (2, True): "friend", (1, False): "partner",
            (1, True): "wing", (0, False): "foe", (0, True): "pariah"}
_CONFIG_OF_POSITIVES = {3: "menage_a_trois", 2: "romantic_triangle", 1: "stable_marriage", 0: "unit_veto"}


@dataclass(frozen=True)
class TriangleClass:
    """A triangle classified from point values: configuration (``None`` if ambiguous), roles, ranks."""

    actors: tuple[str, str, str]
    values: tuple[float, float, float]
    threshold: float
    configuration: str | None
    roles: dict
    ranks: dict

    def to_dict(self) -> dict:
        a, b, c = self.actors
        return {"actors": list(self.actors), "values": {f"{a}-{b}": self.values[0], f"{a}-{c}": self.values[1],
                                                          f"{b}-{c}": self.values[2]},
                "threshold": self.threshold, "configuration": self.configuration,
                "roles": dict(self.roles), "ranks": dict(self.ranks)}


def _signs(values: np.ndarray, threshold: float) -> np.ndarray:
    """+1, -1, or 0 where ``|value| < threshold`` (too close to zero to call)."""
    s = np.sign(values)
    s[np.abs(values) < threshold] = 0
    s[values == 0] = 0
    return s


def _classify_signs(s: np.ndarray):
    """Vectorised: ``s`` is ``(n, 3)`` signs of (AB, AC, BC); returns config index (-1 ambiguous)
    and role index per actor ``(n, 3)`` (-1 ambiguous)."""
    ambiguous = (s == 0).any(axis=1)
    pos = s > 0
    npos = pos.sum(axis=1)
    config = np.array([3, 2, 1, 0])[npos]  # index into CONFIGURATIONS by count of positive ties
    config = np.where(ambiguous, -1, config)
    ab, ac, bc = pos[:, 0], pos[:, 1], pos[:, 2]
    own = np.stack([ab.astype(int) + ac, ab.astype(int) + bc, ac.astype(int) + bc], axis=1)
    other = np.stack([bc, ac, ab], axis=1)
    table = np.empty((3, 2), dtype=int)
    for (k, friends), role in _ROLE_OF.items():
        table[k, int(friends)] = ROLES.index(role)
    roles = table[own, other.astype(int)]
    roles = np.where(ambiguous[:, None], -1, roles)
    return config, roles


def classify_triangle(values, *, threshold: float = 0.1, actors: Sequence[str] = ("A", "B", "C")) -> TriangleClass:
    """Classify three pairwise relations as one of Dittmer's four strategic triangles.

    Parameters
    ----------
    values : sequence of 3 numbers, or mapping
        Signs or signed strengths of the relations ``(A-B, A-C, B-C)`` for
        ``actors = (A, B, C)``; or a mapping from actor pairs (tuples) to values.
    threshold : float
        Relations with ``|value| < threshold`` are too close to zero to sign; the
        configuration is then ``None`` (ambiguous) rather than a silent guess.
    actors : sequence of 3 str
        Names of the three actors.

    Returns
    -------
    TriangleClass
        ``configuration`` is one of ``menage_a_trois`` (all three ties positive),
        ``romantic_triangle`` (one pivot friendly with two wings who are hostile to
        each other), ``stable_marriage`` (two partners against a pariah) or
        ``unit_veto`` (all hostile); ``roles`` maps each actor to ``pivot``,
        ``friend``, ``partner``, ``wing``, ``foe`` or ``pariah``; ``ranks`` gives the
        role's rank (1 best).

    Raises
    ------
    ModelInputError
        Not three distinct actors, a missing pair, or a non-numeric value.

    Notes
    -----
    Dittmer [1]_ reads a triangle from the signs of its three bilateral relations
    (amity or enmity). An actor's role depends only on how many of its own two ties
    are positive and on whether the other two are friends: with two positive ties it
    is a pivot (the others hostile) or a friend (the others friendly); with one, a
    partner (other pair hostile) or a wing (other pair friendly); with none, a foe
    (other pair hostile) or a pariah (other pair friendly). Wu [2]_ ranks the roles
    pivot > friend > partner > wing > foe > pariah: more amity with the others is
    better, and enmity between the other two is better still.

    References
    ----------
    .. [1] Dittmer, L. (1981). The Strategic Triangle: An Elementary Game-Theoretical
       Analysis. World Politics 33(4), 485-515. doi:10.2307/2010133
    .. [2] Wu, Y.-S. (1996). Exploring Dual Triangles: The Development of
       Taipei-Washington-Beijing Relations. Issues & Studies 32(10), 26-52.

    Examples
    --------
    >>> t = classify_triangle([0.6, 0.5, -0.7], actors=("USA", "CHN", "TWN"))
    >>> t.configuration, t.roles["USA"], t.roles["CHN"]
    ('romantic_triangle', 'pivot', 'wing')
    >>> classify_triangle([0.6, 0.05, -0.7]).configuration is None
    True
    """
    actors = tuple(actors)
    if len(actors) != 3 or len(set(actors)) != 3:
        raise ModelInputError(f"a triangle needs three different actors, got {list(actors)}", field="actors")
    a, b, c = actors
    if isinstance(values, Mapping):
        vals = []
        for p, q in ((a, b), (a, c), (b, c)):
            v = values.get((p, q), values.get((q, p)))
            if v is None:
                raise ModelInputError(f"no value for the pair {p}-{q}", field="values")
            vals.append(v)
    else:
        vals = list(values)
        if len(vals) != 3:
            raise ModelInputError(f"expected three values (A-B, A-C, B-C), got {len(vals)}", field="values")
    try:
        arr = np.array([float(v) for v in vals])
    except (TypeError, ValueError):
        raise ModelInputError(f"expected numbers or signs, got {vals!r}", field="values") from None
    if threshold < 0:
        raise ModelInputError(f"threshold must be >= 0, got {threshold}", field="threshold")
    config, roles = _classify_signs(_signs(arr[None, :], threshold))
    if config[0] < 0:
        return TriangleClass(actors, tuple(float(x) for x in arr), float(threshold), None, {}, {})
    role_map = {code: ROLES[r] for code, r in zip(actors, roles[0])}
    return TriangleClass(actors, tuple(float(x) for x in arr), float(threshold), CONFIGURATIONS[config[0]],
                         role_map, {code: ROLE_RANK[r] for code, r in role_map.items()})


@dataclass(frozen=True)
class TriangleResult:
    """A strategic triangle in one period, with Monte Carlo probabilities.

    Attributes
    ----------
    actors : tuple of str
        The three actors, as given.
    period : str
    configuration : str or None
        Configuration from the central relation values (``None``: a value within the threshold of zero).
    roles, ranks : dict
        Actor code -> role and Wu's rank (1 best), from the central values.
    probabilities : dict
        Configuration (and ``ambiguous``) -> share of draws.
    role_probabilities : dict
        Actor code -> {role (and ``ambiguous``): share of draws}.
    values : dict
        ``"A-B"`` -> ``[value, low, high]`` for each pair.
    draws, seed, threshold, method : as run.
    """

    actors: tuple[str, str, str]
    period: str
    configuration: str | None
    roles: dict
    ranks: dict
    probabilities: dict
    role_probabilities: dict
    values: dict
    draws: int
    seed: int | None
    threshold: float
    method: str = "monte_carlo_triangular"
    notes: tuple = field(default=())

    def summary(self) -> str:
        a, b, c = self.actors
        conf = self.configuration or "ambiguous (a relation is within the threshold of zero)"
        roles = ", ".join(f"{k} {v}" for k, v in self.roles.items())
        probs = ", ".join(f"{k} {v:.2f}" for k, v in self.probabilities.items() if v > 0)
        return f"{a}-{b}-{c} in {self.period}: {conf}" + (f" ({roles})" if roles else "") + \
            f"; over {self.draws} draws: {probs or 'no draws'}"

    def to_dict(self) -> dict:
        return {"actors": list(self.actors), "period": self.period, "configuration": self.configuration,
                "roles": dict(self.roles), "ranks": dict(self.ranks),
                "probabilities": dict(self.probabilities),
                "role_probabilities": {k: dict(v) for k, v in self.role_probabilities.items()},
                "values": {k: list(v) for k, v in self.values.items()},
                "method": self.method, "draws": self.draws, "seed": self.seed, "threshold": self.threshold,
                "notes": list(self.notes)}


def triangle(case, a: str, b: str, c: str, *, period: str, draws: int = 2000,
             seed: int | np.random.Generator | None = None, threshold: float = 0.1) -> TriangleResult:
    """Classify the strategic triangle of three actors in a period, with probabilities.

    Parameters
    ----------
    case : equipoise.case.models.Case
    a, b, c : str
        Actor codes (three different actors of the case).
    period : str
        Period id, or an ISO date inside one of the case's periods.
    draws : int
        Monte Carlo draws from the relations' ranges (0: point answer only).
    seed : int, Generator or None
        Seed for the draws (``None``: the package default seed).
    threshold : float
        Relations with ``|value| < threshold`` count as neither friendly nor hostile,
        making the draw (or the point answer) ``ambiguous``.

    Returns
    -------
    TriangleResult

    Raises
    ------
    ModelInputError
        Unknown actor, repeated actor, period not in the case, or a missing relation.

    Notes
    -----
    Each relation's strength is drawn from a triangular distribution on its stated
    range with mode at its central value; each draw is classified with
    :func:`classify_triangle`. See that function for the configurations and Wu's
    role ranks.

    References
    ----------
    .. [1] Dittmer, L. (1981). The Strategic Triangle: An Elementary Game-Theoretical
       Analysis. World Politics 33(4), 485-515. doi:10.2307/2010133
    .. [2] Wu, Y.-S. (1996). Exploring Dual Triangles: The Development of
       Taipei-Washington-Beijing Relations. Issues & Studies 32(10), 26-52.
    """
    actors = (a, b, c)
    if len(set(actors)) != 3:
        raise ModelInputError(f"a triangle needs three different actors, got {list(actors)}", field="actors")
    check_actors(case, actors)
    if draws < 0:
        raise ModelInputError(f"draws must be >= 0, got {draws}", field="draws")
    per = resolve_period(case, period)
    pairs = ((a, b), (a, c), (b, c))
    estimates = []
    for p, q in pairs:
        est = relation_estimate(case, p, q, per.id)
        if est is None:
            raise ModelInputError(f"the case has no relation between {p} and {q} in period {per.id!r}",
                                  field="relations")
        estimates.append(est)
    point = classify_triangle([e[0] for e in estimates], threshold=threshold, actors=actors)
    labels = CONFIGURATIONS + ("ambiguous",)
    probs = {k: 0.0 for k in labels}
    role_probs = {code: {} for code in actors}
    if draws > 0:
        rng = rng_from(seed)
        x = draw_relations(rng, estimates, draws)
        config, roles = _classify_signs(_signs(x, threshold))
        counts = np.bincount(config + 1, minlength=5)  # index 0 = ambiguous
        probs = {k: float(counts[i + 1] / draws) for i, k in enumerate(CONFIGURATIONS)}
        probs["ambiguous"] = float(counts[0] / draws)
        for j, code in enumerate(actors):
            rc = np.bincount(roles[:, j] + 1, minlength=len(ROLES) + 1)
            role_probs[code] = {r: float(rc[i + 1] / draws) for i, r in enumerate(ROLES) if rc[i + 1]}
            if rc[0]:
                role_probs[code]["ambiguous"] = float(rc[0] / draws)
    notes = []
    if point.configuration is None:
        notes.append(f"a central relation value lies within {threshold:g} of zero: no configuration is named")
    return TriangleResult(
        actors=actors, period=per.id, configuration=point.configuration, roles=point.roles, ranks=point.ranks,
        probabilities=probs, role_probabilities=role_probs,
        values={f"{p}-{q}": [float(v) for v in e] for (p, q), e in zip(pairs, estimates)},
        draws=int(draws), seed=reported_seed(seed),
        threshold=float(threshold), notes=tuple(notes))


def case_triangles(case, limit: int = 10) -> list[tuple[str, str, str]]:
    """The triangles to read for ``case``: the standard triangles whose actors it holds (the
    Northeast Asia set; a period lacking one of their relations is reported there), else every
    triad of its actors related pairwise in some period (at most ``limit``, in the case's order)."""
    import itertools
    codes = {a.code for a in case.actors}
    related: dict[str | None, set] = {}
    for r in case.relations:
        related.setdefault(r.period, set()).add(frozenset(r.actors))

    def closed(t) -> bool:
        pairs = {frozenset(p) for p in itertools.combinations(t, 2)}
        return any(pairs <= have for have in related.values())
    std = [t for t in STANDARD_TRIANGLES if set(t) <= codes]
    if std:
        return std
    order = [a.code for a in case.actors]
    return [t for t in itertools.combinations(order, 3) if closed(t)][:limit]
