"""Build ``09_measured.yaml`` of the default case: independent measures for the case's dyads.

Reads, from ``$EQUIPOISE_DATA`` (default ``/work/shared/data``):

- ``unga/un_votes.csv.gz``, ``unga/un_roll_calls.csv.gz``, ``unga/un_roll_call_issues.csv``
  (Voeten, Strezhnev & Bailey; CC0): per dyad and year the agreement share, the
  S-score (Signorino & Ritter 1999) and Cohen's kappa (Häge 2011) over the votes
  both cast, with ``n``;
- ``unga/IdealpointestimatesAll_Jul2023.csv.gz`` (Bailey, Strezhnev & Voeten 2017):
  per dyad and session the ideal-point distance with a 90% interval;
- ``unsc/unsc_vetoes_1946_sept2022.csv`` (Yordán, from the UN Dag Hammarskjöld
  Library list; MIT) plus the later vetoes Equipoise records from cited sources
  (:data:`equipoise.evidence.votes.LATER_VETOES`): vetoes per permanent member and
  year, joint vetoes, and vetoes on North Korea.

The dyads are those of the case's relations between states. The package never
reads the data sets; it ships the values written here, each with its source. Run::

    python tools/build_measured.py
"""

from __future__ import annotations

import os
from pathlib import Path

from equipoise.analysis.measure.unga import ideal_point_distance, unga_dyad
from equipoise.analysis.measure.vetoes import joint_vetoes, veto_counts
from equipoise.case import load_case
from equipoise.evidence.votes import LATER_VETOES, read_ideal_points, read_unga, read_vetoes

__all__ = ["build"]

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "src" / "equipoise" / "case" / "default"
OUT = CASE / "09_measured.yaml"
DATA = Path(os.environ.get("EQUIPOISE_DATA", "/work/shared/data"))
VETO_YEARS = (1946, 2022)  # the shared list covers Feb 1946 - Sep 2022

SOURCES = """sources:
  - id: unga_votes_voeten
    author: Erik Voeten, Anton Strezhnev and Michael Bailey
    title: United Nations General Assembly Voting Data
    outlet: Harvard Dataverse, hdl:1902.1/12379 (CC0)
    url: https://hdl.handle.net/1902.1/12379
    kind: dataset
    note: "Roll calls of sessions 1-74 (1946 to 14 January 2020), via the R package unvotes. Measures computed by Equipoise (tools/build_measured.py): agreement share, S-score (Signorino & Ritter 1999, ISQ 43(1):115-144), Cohen's kappa (Haege 2011, Political Analysis 19(3):287-305)."
  - id: unga_ideal_points_2023
    author: Michael A. Bailey, Anton Strezhnev and Erik Voeten
    title: "Estimating Dynamic State Preferences from United Nations Voting Data (ideal-point estimates, July 2023 release)"
    outlet: Journal of Conflict Resolution 61(2):430-456; Harvard Dataverse hdl:1902.1/12379
    date: 2017
    url: https://doi.org/10.1177/0022002715595700
    kind: dataset
    note: Sessions 1-77 (to 2022-23); a session's year is the year it opens (1945 + session).
  - id: unsc_vetoes_yordan
    author: Carlos Yordan
    title: Vetoes in the UN Security Council, 1946 - September 2022
    outlet: world-politics-datalab, GitHub (MIT), from the UN Dag Hammarskjold Library veto list
    url: https://github.com/world-politics-datalab/vetoes-un-security-council
    kind: dataset
    note: The China column is the Republic of China before 25 October 1971 and the PRC after; USSR and Russia are one series."""


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(x: float) -> str:
    x = round(float(x), 4)
    return str(int(x)) if x == int(x) else repr(x)


def _point(year, value, source, *, n=None, low=None, high=None, note=None) -> str:
    bits = [f"year: {year}", f"value: {_num(value)}"]
    if low is not None and high is not None:
        bits += [f"low: {_num(low)}", f"high: {_num(high)}"]
    bits += [f"source: {source}", "status: computed"]
    if n is not None:
        bits.append(f"n: {n}")
    if note:
        bits.append(f"note: {_q(note)}")
    return "      - {" + ", ".join(bits) + "}"


def _indicator(iid, name, unit, actors, series, note, points) -> list[str]:
    return [f"  - id: {iid}", f"    name: {_q(name)}", f"    unit: {_q(unit)}", f"    actors: [{', '.join(actors)}]",
            f"    series: {series}", f"    note: {_q(note)}", "    points:", *points]


def case_dyads(case) -> list[tuple[str, str]]:
    states = {a.code for a in case.actors if a.kind == "state" and a.ccode is not None}
    return sorted({tuple(sorted(r.actors)) for r in case.relations if set(r.actors) <= states})


def unga_indicators(dyads, data: Path) -> list[str]:
    votes = read_unga([data / "unga" / "un_votes.csv.gz", data / "unga" / "un_roll_calls.csv.gz",
                       data / "unga" / "un_roll_call_issues.csv"])
    out = []
    common = ("votes both cast, yes=1/abstain=0.5/no=0; Soviet Union and Russia one series (COW 365); the PRC from "
              "25 Oct 1971 only; both Koreas from Sep 1991; a year without common votes has no point (never zero); "
              "data end 14 Jan 2020")
    for a, b in dyads:
        res = unga_dyad(votes, a, b)
        if not res.rows:
            continue
        for key, series, name, unit, ref in (
                ("agreement", "unga_agreement", "UNGA agreement", "share of votes both cast that agree", ""),
                ("s_score", "unga_s_score", "UNGA S-score", "S in [-1, 1]", " (Signorino & Ritter 1999)"),
                ("kappa", "unga_kappa", "UNGA Cohen's kappa", "kappa in [-1, 1]", " (Haege 2011)")):
            pts = [_point(r.year, getattr(r, key), "unga_votes_voeten", n=r.n) for r in res.rows
                   if getattr(r, key) is not None]
            if pts:
                out += _indicator(f"{series}_{a.lower()}_{b.lower()}", f"{name}, {a}-{b}", unit, [a, b], series,
                                  f"{name}{ref}: {common}.", pts)
    return out


def ideal_indicators(dyads, data: Path) -> list[str]:
    ip = read_ideal_points(data / "unga" / "IdealpointestimatesAll_Jul2023.csv.gz")
    out = []
    for a, b in dyads:
        res = ideal_point_distance(ip, a, b)
        pts = [_point(r.year, r.distance, "unga_ideal_points_2023", n=r.n, low=r.low, high=r.high) for r in res.rows]
        if pts:
            out += _indicator(f"unga_ideal_distance_{a.lower()}_{b.lower()}", f"UNGA ideal-point distance, {a}-{b}",
                              "|ideal point difference|", [a, b], "unga_ideal_point_distance",
                              "Distance between UNGA ideal points (Bailey, Strezhnev & Voeten 2017) per session, "
                              "dated by the year the session opens; 90% interval from each estimate's 5%/95% "
                              "quantiles. PRK's estimate jumps between sessions 69 and 70 without a matching change in "
                              "its votes: read it beside agreement, not alone.", pts)
    return out


def veto_indicators(data: Path) -> list[str]:
    vetoes = read_vetoes(data / "unsc" / "unsc_vetoes_1946_sept2022.csv", source="unsc_vetoes_yordan")
    later = [v for v in LATER_VETOES]
    out = []
    y0, y1 = VETO_YEARS

    def pts(counts: dict[int, int], first: int, later_counts: dict[int, int]) -> list[str]:
        p = [_point(y, counts.get(y, 0), "unsc_vetoes_yordan",
                    note="January-September only" if y == y1 else None) for y in range(first, y1 + 1)]
        p += [_point(y, c, "unsc_sc15648", note="from the cited record of this veto; other vetoes of the year are "
                     "not recorded here") for y, c in sorted(later_counts.items())]
        return p

    for member, first in (("RUS", 1946), ("CHN", 1971), ("USA", 1946)):
        c = {r.year: r.vetoes for r in veto_counts(vetoes, members=[member]).rows}
        lc = {r.year: r.vetoes for r in veto_counts(later, members=[member]).rows}
        out += _indicator(f"unsc_vetoes_{member.lower()}", f"Security Council vetoes, {member}", "vetoed drafts",
                          [member], "unsc_vetoes",
                          "Vetoed Security Council drafts per year" + (" (the Soviet Union's before 1992)"
                                                                       if member == "RUS" else
                                                                       " (the PRC's, from 1971)" if member == "CHN"
                                                                       else "") + ".", pts(c, first, lc))
        k = {r.year: r.vetoes for r in veto_counts(vetoes, members=[member], topic="korea").rows}
        lk = {r.year: r.vetoes for r in veto_counts(later, members=[member], topic="korea").rows}
        if k or lk:
            out += _indicator(f"unsc_vetoes_korea_{member.lower()}", f"Security Council vetoes on Korea, {member}",
                              "vetoed drafts", [member], "unsc_vetoes_korea",
                              "Vetoed drafts whose topic, agenda item or region names Korea.", pts(k, first, lk))
    j = {r.year: r.vetoes for r in joint_vetoes(vetoes, "RUS", "CHN").rows}
    out += _indicator("unsc_joint_vetoes_chn_rus", "Security Council joint vetoes, CHN-RUS", "drafts both vetoed",
                      ["CHN", "RUS"], "unsc_joint_vetoes", "Drafts both the PRC and Russia vetoed.",
                      pts(j, 1971, {}))
    return out


def build(data: Path = DATA) -> str:
    """The text of ``09_measured.yaml``."""
    case = load_case(CASE)
    dyads = case_dyads(case)
    parts = ["# GENERATED by tools/build_measured.py from the shared data sets; do not edit by hand.",
             "# Independent measures for the case's dyads: UNGA votes (agreement, S-score, kappa), ideal points,",
             "# Security Council vetoes. Compared with the judged relations by `equipoise measure relations`.",
             SOURCES, "indicators:", *unga_indicators(dyads, data), *ideal_indicators(dyads, data),
             *veto_indicators(data)]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    from equipoise.case.loader import write_text_atomic
    write_text_atomic(OUT, build())
    print(f"wrote {OUT}")
