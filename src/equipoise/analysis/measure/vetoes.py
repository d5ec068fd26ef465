"""Security Council vetoes per member and year, and joint vetoes of two members.

A joint veto is a draft both members vetoed. Russia's series includes the Soviet
Union's vetoes; "China" is the ROC (``TWN``) before 25 October 1971 and the PRC
(``CHN``) from then (see :mod:`equipoise.evidence.votes`). Vetoes after the
shared list ends come from :data:`equipoise.evidence.votes.LATER_VETOES`, each
with its source.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...evidence.votes import Veto

__all__ = ["VetoRow", "VetoCounts", "veto_counts", "joint_vetoes"]


@dataclass(frozen=True)
class VetoRow:
    actors: tuple[str, ...]
    year: int
    vetoes: int
    drafts: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"actors": list(self.actors), "year": self.year, "vetoes": self.vetoes, "drafts": list(self.drafts)}


@dataclass(frozen=True)
class VetoCounts:
    rows: tuple[VetoRow, ...]
    topic: str | None = None
    method: str = "vetoed Security Council drafts per member and year (joint: drafts every named member vetoed)"

    def summary(self) -> str:
        return "\n".join([f"Vetoes{' on ' + self.topic if self.topic else ''}: {sum(r.vetoes for r in self.rows)}"] +
                         [f"  {'+'.join(r.actors)} {r.year}: {r.vetoes} ({', '.join(r.drafts)})" for r in self.rows])

    def to_dict(self) -> dict:
        return {"topic": self.topic, "method": self.method, "rows": [r.to_dict() for r in self.rows]}


def _match(v: Veto, topic: str | None) -> bool:
    if topic is None:
        return True
    t = topic.lower()
    return t in v.topic.lower() or t in v.agenda.lower() or t in v.region.lower()


def veto_counts(vetoes, *, topic: str | None = None, members=None, start: int | None = None,
                end: int | None = None) -> VetoCounts:
    """Vetoes per member and year; ``topic`` keeps vetoes whose topic, agenda item or region contains it.

    >>> import datetime as dt
    >>> vs = [Veto(dt.date(2022, 5, 26), "S/2022/431", ("CHN", "RUS"), "North Korea"),
    ...       Veto(dt.date(2022, 2, 25), "S/2022/155", ("RUS",), "Ukraine")]
    >>> [(r.actors, r.vetoes) for r in veto_counts(vs).rows]
    [(('CHN',), 1), (('RUS',), 2)]
    >>> [(r.actors, r.vetoes) for r in veto_counts(vs, topic="korea").rows]
    [(('CHN',), 1), (('RUS',), 1)]
    """
    drafts: dict[tuple, list[str]] = {}
    for v in vetoes:
        if not _match(v, topic) or (start is not None and v.date.year < start) or (end is not None and v.date.year > end):
            continue
        for m in v.members:
            if members is None or m in members:
                drafts.setdefault(((m,), v.date.year), []).append(v.draft)
    rows = tuple(VetoRow(k[0], k[1], len(d), tuple(d)) for k, d in sorted(drafts.items()))
    return VetoCounts(rows, topic)


def joint_vetoes(vetoes, a: str, b: str, *, topic: str | None = None) -> VetoCounts:
    """Drafts both ``a`` and ``b`` vetoed, per year (years without one give no row).

    >>> import datetime as dt
    >>> vs = [Veto(dt.date(2022, 5, 26), "S/2022/431", ("CHN", "RUS")), Veto(dt.date(2024, 3, 28), "S/2024/255", ("RUS",))]
    >>> [(r.year, r.vetoes) for r in joint_vetoes(vs, "RUS", "CHN").rows]
    [(2022, 1)]
    """
    c: Counter = Counter()
    drafts: dict[int, list[str]] = {}
    for v in vetoes:
        if a in v.members and b in v.members and _match(v, topic):
            c[v.date.year] += 1
            drafts.setdefault(v.date.year, []).append(v.draft)
    return VetoCounts(tuple(VetoRow(tuple(sorted((a, b))), y, c[y], tuple(drafts[y])) for y in sorted(c)), topic)
