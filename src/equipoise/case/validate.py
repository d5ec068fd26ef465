"""Checks of meaning that the schema alone cannot make.

Errors: unknown actor, period, source, issue, indicator or game references;
duplicate ids; overlapping periods in one sequence; event dates outside their
declared period; leader terms that end before they start; CAMEO codes not in the
pinned table; locators past a source's paragraph count (or, given the source
texts, past its paragraphs and sentences); payoff rows that do not match the
players' strategies; payoff expressions that do not parse or use undefined names.

Warnings: relations and stances with neither evidence nor a ``judgement`` (and
a summary warning when more than :data:`MAX_UNSUPPORTED_SHARE` of them have
neither); other values without evidence; no declared data cut-off; stale items
(:func:`stale_items`): periods, leader terms, indicators and events that run
past the cut-off or end long before it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CaseError
from ..evidence.cameo import lookup
from .loader import Located, format_loc
from .models import Case, Evidence

__all__ = ["CaseReport", "check_case", "stale_items", "unsupported_values", "MAX_UNSUPPORTED_SHARE",
           "STALE_YEARS", "HEAD_ROLES"]

#: Share of relations and stances allowed to have neither evidence nor a judgement.
MAX_UNSUPPORTED_SHARE = 0.05
#: A period sequence, head-of-government term or indicator ending more than this many
#: years before the cut-off is stale.
STALE_YEARS = 2
#: Leader roles checked against the cut-off (someone must hold them on the cut-off day).
HEAD_ROLES = ("leader", "president", "prime minister", "chairman", "general secretary", "supreme leader")


@dataclass
class CaseReport:
    """Result of :func:`check_case`: errors (the case is unusable) and warnings."""

    errors: list[CaseError] = field(default_factory=list)
    warnings: list[CaseError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        lines = [f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"]
        lines += [f"error: {e}" for e in self.errors]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        def one(e: CaseError) -> dict:
            return {"path": e.path, "line": e.line, "field": e.field, "message": e.message}
        return {"ok": self.ok, "errors": [one(e) for e in self.errors],
                "warnings": [one(w) for w in self.warnings]}


class _Collector:
    def __init__(self, located: Located | None):
        self.located = located
        self.report = CaseReport()

    def _make(self, loc: tuple, message: str) -> CaseError:
        fname, line = self.located.where(loc) if self.located else (None, None)
        return CaseError(message, path=fname, line=line, field=format_loc(loc))

    def error(self, loc: tuple, message: str) -> None:
        self.report.errors.append(self._make(loc, message))

    def warn(self, loc: tuple, message: str) -> None:
        self.report.warnings.append(self._make(loc, message))


def _check_payoff(c: _Collector, loc: tuple, text, parameters: dict) -> None:
    """A payoff parses (:mod:`equipoise.analysis.games.expr`, a self-contained parser) and
    names only the game's parameters."""
    from ..analysis.games.expr import ExpressionError, parse_expression
    try:
        names = parse_expression(text).names
    except ExpressionError as exc:
        c.error(loc, exc.message)
        return
    unknown = sorted(names - set(parameters))
    if unknown:
        c.error(loc, f"unknown parameter(s) {', '.join(unknown)}; the game defines "
                     f"{', '.join(sorted(parameters)) or 'none'}")


def _dupes(c: _Collector, section: str, ids: list[str], what: str = "id") -> None:
    seen: dict[str, int] = {}
    for i, x in enumerate(ids):
        if x in seen:
            c.error((section, i, what), f"duplicate {what} {x!r} (also {section}[{seen[x]}])")
        else:
            seen[x] = i


def stale_items(case: Case) -> list[dict]:
    """Items that run past the case's data cut-off or end long before it.

    Returns a list of ``{"loc": tuple, "what": str, "kind": "past_cutoff" | "ends_early", "message": str}``;
    empty when the case declares no cut-off. Checked: periods (a period ending after the
    cut-off or left open; the last period of a sequence ending more than :data:`STALE_YEARS`
    before it), leader terms (a term starting or ending after the cut-off; a head role of
    :data:`HEAD_ROLES` nobody holds on the cut-off day although the actor records it),
    indicators (points after the cut-off year; a last point more than :data:`STALE_YEARS`
    before it) and events dated after the cut-off.
    """
    cut = case.case.cutoff_day
    if cut is None:
        return []
    out: list[dict] = []

    def add(loc, what, kind, message):
        out.append({"loc": loc, "what": what, "kind": kind, "message": message})

    by_seq: dict[str, list[int]] = {}
    for i, p in enumerate(case.periods):
        by_seq.setdefault(p.sequence, []).append(i)
        if p.last_day is None:
            add(("periods", i, "end"), f"period {p.id}", "past_cutoff",
                f"period {p.id!r} is open-ended; close it at the cut-off {case.case.cutoff}")
        elif p.last_day > cut:
            add(("periods", i, "end"), f"period {p.id}", "past_cutoff",
                f"period {p.id!r} ends {p.end} after the cut-off {case.case.cutoff}")
    for seq, idx in by_seq.items():
        last = max(idx, key=lambda i: case.periods[i].last_day or dt.date.max)
        p = case.periods[last]
        if p.last_day is not None and (cut - p.last_day).days > 365 * STALE_YEARS:
            add(("periods", last, "end"), f"period {p.id}", "ends_early",
                f"sequence {seq!r} ends with {p.id!r} on {p.end}, long before the cut-off {case.case.cutoff}")
    for i, a in enumerate(case.actors):
        roles: dict[str, list[int]] = {}
        for j, ld in enumerate(a.leaders):
            roles.setdefault(ld.role, []).append(j)
            if ld.start.start > cut or (ld.end is not None and ld.end.start > cut):
                add(("actors", i, "leaders", j), f"leader {ld.name}", "past_cutoff",
                    f"term of {ld.name} ({a.code}) runs past the cut-off {case.case.cutoff}")
        for role, js in roles.items():
            if role not in HEAD_ROLES or a.successor:  # a state with a successor has ended
                continue
            if not any(a.leaders[j].start.start <= cut and (a.leaders[j].end is None or a.leaders[j].end.end >= cut)
                       for j in js):
                j = max(js, key=lambda j: a.leaders[j].start.start)
                add(("actors", i, "leaders", j), f"leader {a.leaders[j].name}", "ends_early",
                    f"no {role} of {a.code} in office on the cut-off {case.case.cutoff} "
                    f"(the last recorded term is {a.leaders[j].name}'s)")
    for i, ind in enumerate(case.indicators):
        years = [pt.year for pt in ind.points]
        if max(years) > cut.year:
            add(("indicators", i), f"indicator {ind.id}", "past_cutoff",
                f"indicator {ind.id!r} has points after the cut-off year {cut.year}")
        elif cut.year - max(years) > STALE_YEARS:
            add(("indicators", i), f"indicator {ind.id}", "ends_early",
                f"indicator {ind.id!r} ends in {max(years)}, long before the cut-off {case.case.cutoff}")
    for i, e in enumerate(case.events):
        if e.date.start > cut:
            add(("events", i, "date"), f"event {e.id}", "past_cutoff",
                f"event {e.id!r} ({e.date}) lies after the cut-off {case.case.cutoff}")
    return out


def unsupported_values(case: Case) -> tuple[int, int]:
    """``(neither, total)``: relations and stances with neither evidence nor a judgement, of all."""
    vals = list(case.relations) + [s for iss in case.issues for s in iss.stances]
    return sum(1 for v in vals if not v.evidence and not v.judgement), len(vals)


def _text_shapes(case: Case, texts: Path | None) -> dict[str, list[int]]:
    """Source id -> sentences per paragraph, for each source whose ``file`` is in ``texts``."""
    if texts is None:
        return {}
    from ..errors import EquipoiseError
    from ..evidence.reader import read_document
    from ..evidence.segment import segment
    out = {}
    for s in case.sources:
        path = Path(texts) / Path(s.file).name if s.file else None
        if path is not None and path.is_file():
            try:
                out[s.id] = [len(sents) for _, sents in segment(read_document(path).text)]
            except EquipoiseError:
                continue
    return out


def check_case(case: Case, located: Located | None = None, *, texts: str | Path | None = None) -> CaseReport:
    """Check the meaning of a schema-valid case; return errors and warnings.

    ``texts`` is a folder holding the sources' files (by ``file`` name): locators into
    them are then checked against their paragraphs and sentences.
    """
    c = _Collector(located if located is not None else case._located)
    shapes = _text_shapes(case, Path(texts) if texts is not None else None)
    actors = {a.code for a in case.actors}
    periods = {p.id: p for p in case.periods}
    sources = {s.id: s for s in case.sources}
    issues = {i.id for i in case.issues}
    indicators = {i.id for i in case.indicators}
    games = {g.id for g in case.games}

    for section, key in (("sources", "id"), ("actors", "code"), ("periods", "id"), ("events", "id"),
                         ("indicators", "id"), ("issues", "id"), ("claims", "id"), ("games", "id")):
        _dupes(c, section, [getattr(x, key) for x in getattr(case, section)], key)

    def actor_ref(loc: tuple, code: str | None) -> None:
        if code is not None and code not in actors:
            c.error(loc, f"unknown actor code {code!r} (expected one of the case's actors)")

    def strategy_ref(game, actor: str, names: list[str], actor_loc: tuple, strategy_loc: tuple, *,
                     named: bool = False) -> None:
        """``actor`` is a player of ``game`` and ``names`` are strategies it has."""
        plays = {pl.actor: pl.strategies for pl in game.players}
        if actor not in plays:
            c.error(actor_loc, f"{actor!r} is not a player{f' of game {game.id!r}' if named else ''} "
                    f"({', '.join(plays)})")
            return
        for s_ in names:
            if s_ not in plays[actor]:
                c.error(strategy_loc, f"{s_!r} is not a strategy of {actor}{f' in game {game.id!r}' if named else ''} "
                        f"({', '.join(plays[actor])})")

    def period_ref(loc: tuple, pid: str | None) -> None:
        if pid is not None and pid not in periods:
            c.error(loc, f"unknown period {pid!r} (expected one of {', '.join(sorted(periods))})")

    def evidence(loc: tuple, evs: list[Evidence], what: str, *, warn_missing: bool = True,
                 missing: str = "has no evidence") -> None:
        if not evs and warn_missing:
            c.warn(loc, f"{what} {missing}")
        for j, ev in enumerate(evs):
            src = sources.get(ev.source)
            if src is None:
                c.error(loc + ("evidence", j), f"dangling evidence: no source {ev.source!r}")
            elif src.paragraphs and ev.paragraph and ev.paragraph > src.paragraphs:
                c.error(loc + ("evidence", j),
                        f"paragraph {ev.paragraph} past the end of {ev.source} ({src.paragraphs} paragraphs)")
            elif ev.source in shapes and ev.paragraph:
                paras = shapes[ev.source]
                if ev.paragraph > len(paras):
                    c.error(loc + ("evidence", j), f"paragraph {ev.paragraph} past the end of {ev.source} "
                                                   f"({len(paras)} paragraphs in {src.file})")
                elif ev.sentence and ev.sentence > paras[ev.paragraph - 1]:
                    c.error(loc + ("evidence", j), f"sentence {ev.sentence} past the end of paragraph "
                                                   f"{ev.paragraph} of {ev.source} ({paras[ev.paragraph - 1]} sentences)")

    for i, a in enumerate(case.actors):
        actor_ref(("actors", i, "predecessor"), a.predecessor)
        actor_ref(("actors", i, "successor"), a.successor)
        for j, m in enumerate(a.members):
            actor_ref(("actors", i, "members", j), m)
        for j, ld in enumerate(a.leaders):
            evidence(("actors", i, "leaders", j), ld.evidence, f"term of {ld.name}", warn_missing=False)
            if ld.end is not None and ld.end.end is not None and ld.end.end < ld.start.start:
                c.error(("actors", i, "leaders", j, "end"), f"term of {ld.name} ends before it starts")

    by_seq: dict[str, list[int]] = {}
    for i, p in enumerate(case.periods):
        evidence(("periods", i), p.evidence, f"period {p.id!r}", warn_missing=False)
        if p.last_day is not None and p.last_day < p.first_day:
            c.error(("periods", i, "end"), f"period {p.id!r} ends before it starts")
        by_seq.setdefault(p.sequence, []).append(i)
    for seq, idx in by_seq.items():
        for i, j in itertools.combinations(idx, 2):
            a, b = case.periods[i], case.periods[j]
            if a.first_day <= (b.last_day or a.first_day.max) and b.first_day <= (a.last_day or b.first_day.max):
                c.error(("periods", j, "start"),
                        f"period {b.id!r} overlaps {a.id!r} in sequence {seq!r}; periods of one sequence must not overlap")

    for i, e in enumerate(case.events):
        for role in ("source", "target"):
            for j, code in enumerate(getattr(e, role)):
                actor_ref(("events", i, role, j), code)
        if lookup(e.code) is None:
            c.error(("events", i, "code"), f"CAMEO code {e.code!r} is not in the pinned table")
        period_ref(("events", i, "period"), e.period)
        if e.period in periods:
            p = periods[e.period]
            if not e.date.overlaps(p.first_day, p.last_day):
                c.error(("events", i, "date"), f"date {e.date} lies outside period {p.id!r} ({p.start}–{p.end or ''})")
        evidence(("events", i), e.evidence, f"event {e.id!r}")

    seen_rel: dict[tuple, int] = {}
    for i, r in enumerate(case.relations):
        for j, code in enumerate(r.actors):
            actor_ref(("relations", i, "actors", j), code)
        period_ref(("relations", i, "period"), r.period)
        if r.period is not None:
            key = (r.dyad, r.period)
            if key in seen_rel:
                c.error(("relations", i), f"duplicate relation {'-'.join(r.dyad)} in {r.period} (also relations[{seen_rel[key]}])")
            seen_rel[key] = i
        evidence(("relations", i), r.evidence, f"relation {'-'.join(r.dyad)} {r.period or r.start}",
                 warn_missing=not r.judgement, missing="has no evidence (and no judgement)")

    for i, ind in enumerate(case.indicators):
        for j, code in enumerate(ind.actors):
            actor_ref(("indicators", i, "actors", j), code)
        years = [p.year for p in ind.points]
        for j, y in enumerate(years):
            if y in years[:j]:
                c.error(("indicators", i, "points", j, "year"), f"year {y} appears twice in series {ind.id!r}")
        for j, p in enumerate(ind.points):
            if p.source not in sources:
                c.error(("indicators", i, "points", j, "source"), f"dangling source {p.source!r}")

    for i, iss in enumerate(case.issues):
        seen: dict[tuple, int] = {}
        for j, s in enumerate(iss.stances):
            loc = ("issues", i, "stances", j)
            actor_ref(loc + ("actor",), s.actor)
            period_ref(loc + ("period",), s.period)
            if (s.actor, s.period) in seen:
                c.error(loc, f"duplicate stance of {s.actor} in {s.period}")
            seen[(s.actor, s.period)] = j
            evidence(loc, s.evidence, f"stance of {s.actor} on {iss.id} in {s.period}",
                     warn_missing=not s.judgement, missing="has no evidence (and no judgement)")
        for j, o in enumerate(iss.outcomes):
            period_ref(("issues", i, "outcomes", j, "period"), o.period)
            evidence(("issues", i, "outcomes", j), o.evidence, f"outcome of {iss.id} in {o.period}",
                     warn_missing=False)
        for what, items in (("stances", iss.stances), ("outcomes", iss.outcomes)):
            for j, x in enumerate(items):
                if x.period in periods and not iss.applies_in(periods[x.period]):
                    c.error(("issues", i, what, j, "period"),
                            f"issue {iss.id!r} arose on {iss.arises}, after period {x.period!r} ends; "
                            "it is not applicable there")

    for i, cl in enumerate(case.claims):
        if cl.source not in sources:
            c.error(("claims", i, "source"), f"dangling source {cl.source!r}")
        evidence(("claims", i), cl.evidence, f"claim {cl.id!r}")
        for k, chk in enumerate(cl.all_checks):
            loc = ("claims", i, "check") if (cl.check is not None and k == 0) else ("claims", i, "checks", k - (cl.check is not None))
            for code in [*(chk.dyad or ()), *(chk.other_dyad or ()), *(chk.between or ()), *(chk.actors or ()),
                         *(chk.together or ()), *(x for pair in (chk.apart or ()) for x in pair),
                         *(chk.patrons or ()), *(chk.role or {}), chk.actor]:
                actor_ref(loc, code)
            period_ref(loc + ("period",), chk.period)
            period_ref(loc + ("other_period",), chk.other_period)
            if chk.issue is not None and chk.issue not in issues:
                c.error(loc + ("issue",), f"unknown issue {chk.issue!r}")
            if chk.indicator is not None and chk.indicator not in indicators:
                c.error(loc + ("indicator",), f"unknown indicator {chk.indicator!r}")
            if chk.game is not None and chk.game not in games:
                c.error(loc + ("game",), f"unknown game {chk.game!r}")
            elif chk.kind == "equilibrium":
                strategy_ref(case.game(chk.game), chk.actor, chk.strategies, loc + ("actor",), loc + ("strategy",),
                             named=True)

    for i, g in enumerate(case.games):
        loc = ("games", i)
        evidence(loc, g.evidence, f"game {g.id!r}", warn_missing=False)
        for j, pl in enumerate(g.players):
            actor_ref(loc + ("players", j, "actor"), pl.actor)
        for j, pid in enumerate(g.periods):
            period_ref(loc + ("periods", j), pid)
        for name, par in g.parameters.items():
            ploc = loc + ("parameters", name)
            for code in (*(par.relation or ()), par.actor):
                actor_ref(ploc, code)
            if par.issue is not None and par.issue not in issues:
                c.error(ploc + ("issue",), f"unknown issue {par.issue!r}")
            if par.indicator is not None and par.indicator not in indicators:
                c.error(ploc + ("indicator",), f"unknown indicator {par.indicator!r}")
        for pid, exp in g.expectations.items():
            eloc = loc + ("expectations", pid)
            period_ref(eloc, pid)
            evidence(eloc, exp.evidence, f"expectation of game {g.id!r} in {pid}", warn_missing=False)
            if g.periods and pid in periods and pid not in g.periods:
                c.error(eloc, f"period {pid!r} is not one of the game's periods ({', '.join(g.periods)})")
            for actor, names in exp.strategies.items():
                strategy_ref(g, actor, names, eloc + ("strategies", actor), eloc + ("strategies", actor))
        n = len(g.players)
        expected = 1
        for pl in g.players:
            expected *= len(pl.strategies)
        profiles = set()
        for j, row in enumerate(g.payoffs):
            rloc = loc + ("payoffs", j)
            if len(row.profile) != n:
                c.error(rloc + ("profile",), f"profile names {len(row.profile)} strategies for {n} players")
                continue
            for pl, s in zip(g.players, row.profile):
                if s not in pl.strategies:
                    c.error(rloc + ("profile",), f"{s!r} is not a strategy of {pl.actor} ({', '.join(pl.strategies)})")
            if len(row.payoffs) != n:
                c.error(rloc + ("payoffs",), f"{len(row.payoffs)} payoffs for {n} players")
            for k, text in enumerate(row.payoffs):
                _check_payoff(c, rloc + ("payoffs", k), text, g.parameters)
            if tuple(row.profile) in profiles:
                c.error(rloc + ("profile",), f"profile {row.profile} appears twice")
            profiles.add(tuple(row.profile))
        if len(profiles) != expected and not any(e.field and e.field.startswith(format_loc(loc)) for e in c.report.errors):
            c.error(loc + ("payoffs",), f"{len(profiles)} payoff rows for {expected} strategy profiles")

    if case.case.cutoff is None:
        c.warn(("case", "cutoff"), "no data cut-off declared (case.cutoff: YYYY-MM-DD); outputs cannot say "
               "how recent the record is")
    for item in stale_items(case):
        c.warn(item["loc"], f"stale: {item['message']}")
    neither, total = unsupported_values(case)
    if total and neither / total > MAX_UNSUPPORTED_SHARE:
        c.warn(("relations",), f"{neither} of {total} relations and stances ({neither / total:.0%}) have neither "
               f"evidence nor a judgement; at most {MAX_UNSUPPORTED_SHARE:.0%} should")
    return c.report
