"""Read a three-player game of amity and enmity as a Dittmer strategic triangle.

In such a game each player offers amity to both others (``amity_both``), to one
(``amity_<ACTOR>``) or to neither (``enmity_both``); a tie is friendly only when
both ends offer it. The friendly ties of a profile give Dittmer's configuration —
three: ménage à trois, two: romantic triangle, one: stable marriage, none: unit
veto — so an equilibrium of the game can be set beside the triangle that
:func:`equipoise.analysis.structure.triangle` reads off the relation strengths.

References
----------
.. [1] Dittmer, L. (1981). The Strategic Triangle: An Elementary Game-Theoretical
   Analysis. World Politics 33(4), 485-515. doi:10.2307/2010133
"""

from __future__ import annotations

from itertools import combinations

from ..structure.triangle import CONFIGURATIONS

__all__ = ["is_amity_game", "friendly_ties", "profile_configuration", "configuration_shares"]

_BY_POSITIVES = {3: CONFIGURATIONS[0], 2: CONFIGURATIONS[1], 1: CONFIGURATIONS[2], 0: CONFIGURATIONS[3]}


def _offers(actor: str, strategy: str, others: list[str]) -> set[str]:
    if strategy == "amity_both":
        return set(others)
    if strategy == "enmity_both":
        return set()
    if strategy.startswith("amity_") and strategy[6:] in others:
        return {strategy[6:]}
    raise ValueError(f"{actor}: {strategy!r} is not amity_both, enmity_both or amity_<one of {', '.join(others)}>")


def is_amity_game(players: list[str], strategies: list[list[str]]) -> bool:
    """Whether a game has three players whose strategies all follow the amity naming."""
    if len(players) != 3:
        return False
    try:
        for p, strat in zip(players, strategies):
            for s in strat:
                _offers(p, s, [q for q in players if q != p])
    except ValueError:
        return False
    return True


def friendly_ties(profile: dict[str, str]) -> list[tuple[str, str]]:
    """The pairs that both offer amity to each other under a pure profile (actor -> strategy).

    Examples
    --------
    >>> friendly_ties({"RUS": "amity_CHN", "CHN": "amity_both", "USA": "amity_CHN"})
    [('RUS', 'CHN'), ('CHN', 'USA')]
    """
    players = list(profile)
    offers = {p: _offers(p, s, [q for q in players if q != p]) for p, s in profile.items()}
    return [(a, b) for a, b in combinations(players, 2) if b in offers[a] and a in offers[b]]


def profile_configuration(profile: dict[str, str]) -> str:
    """Dittmer's configuration of a pure profile.

    Examples
    --------
    >>> profile_configuration({"RUS": "amity_CHN", "CHN": "amity_RUS", "USA": "enmity_both"})
    'stable_marriage'
    """
    return _BY_POSITIVES[len(friendly_ties(profile))]


def configuration_shares(players: list[str], frequencies: dict[str, float]) -> dict[str, float]:
    """Configuration -> share, from equilibrium keys (``a/b/c``) and their shares.

    A key whose player mixes (``{a,b}``) counts as ``mixed``.
    """
    out: dict[str, float] = {}
    for key, share in frequencies.items():
        parts = key.split("/")
        if len(parts) != len(players) or any(p.startswith("{") or p.startswith("(") for p in parts):
            conf = "mixed"
        else:
            conf = profile_configuration(dict(zip(players, parts)))
        out[conf] = out.get(conf, 0.0) + share
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))
