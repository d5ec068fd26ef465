"""A living case: propose updates from new documents, review them, apply them.

:func:`propose_updates` reads documents (through the evidence store), extracts
events, quantities and names, and compares them with a case. It proposes

- ``new_event``: an event the case lacks, merged across every document that
  reports it (same date at the coarser of the two precisions, same source and
  target actors, same CAMEO root), with all its supporting sentences;
- ``event_evidence``: new sentences for an event the case already holds (the
  same key matched against the case's events: same root and actors, dates that
  overlap);
- ``value_evidence``: a sentence reporting an event between two actors whose
  relation the case judges for that period, supporting it (the event's
  Goldstein weight has the relation's sign) or contradicting it; or one that
  meets a claim's ``event_exists`` check;
- ``indicator_point``: a reported quantity (troops, workers, money, tonnes),
  each report kept as its own dated point citing its document;
- ``new_actor`` and ``leader_change``: an actor the events need that the case
  lacks; a named office holder ("President X") the case does not list;
- ``relation_change``: where the mean Goldstein weight of the new events of a
  dyad in a period (scaled to [-1, 1]) lies outside the judged range.

Each proposal has an id, a confidence, its sentences (with the extracted spans
to highlight) and its documents' addresses. :func:`apply_proposals` writes the
accepted ones into the case's YAML files through :class:`~.yamledit.YamlEdits`
(comments, order and layout kept), records :class:`~.models.Provenance` on each
new value, and writes nothing unless the whole edited case validates.

References
----------
.. [1] Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events
   Data. Journal of Conflict Resolution 36(2), 369-385.
   https://doi.org/10.1177/0022002792036002007
.. [2] Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event Observations
   Event and Actor Codebook, version 1.1b3. Pennsylvania State University.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import CaseError, EquipoiseError
from .loader import LIST_KEYS, Located, _pydantic_problems, default_case_path, load_case, read_yaml, write_text_atomic
from .models import Actor, Case, Event, FuzzyDate, Indicator, IndicatorPoint, Leader, Relation, Source
from .yamledit import YamlEdits, flow, quoted

__all__ = ["PROPOSAL_KINDS", "ProposalSentence", "ProposedDocument", "Proposal", "ProposalSet", "propose_updates",
           "read_proposals", "write_proposals", "ApplyResult", "apply_proposals", "is_packaged_case"]

PROPOSAL_KINDS = ("new_actor", "leader_change", "new_event", "event_evidence", "value_evidence",
                  "indicator_point", "relation_change")
_PREFIX = {"new_actor": "na", "leader_change": "lc", "new_event": "ev", "event_evidence": "ee",
           "value_evidence": "ve", "indicator_point": "ip", "relation_change": "rc"}
#: units of reported quantities worth an indicator point (people, money, mass)
INDICATOR_UNITS = ("troops", "workers", "people", "USD", "EUR", "RUB", "CNY", "KRW", "JPY", "t")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_EQUIV = {"SUN": "RUS"}
_ROLE = re.compile(r"\b(?P<role>President|Prime Minister|Premier|Chancellor|Supreme Leader|Foreign Minister)\s+"
                   r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_NEW_OFFICE = re.compile(r"\b(?:new|newly|elected|sworn in|inaugurat\w*|took office|takes office|succeed\w*|"
                         r"appointed|became)\b", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProposalSentence(_Model):
    """A sentence behind a proposal: its document, locator, text and the spans to highlight."""

    doc: str
    locator: str
    text: str
    highlight: list[tuple[int, int]] = []


class ProposedDocument(_Model):
    """A document read for the proposals, with the case source it becomes when a proposal citing it is accepted."""

    name: str
    path: str
    address: str
    date: str | None = None
    source: dict


class Proposal(_Model):
    """One proposed change to the case.

    ``target`` names the existing value a proposal changes (``section`` and its
    key: ``id``, ``code``, or ``actors`` and ``period``); ``value`` is what is
    written (a whole event, actor, leader, indicator point, relation value, or
    the evidence locators to add); ``requires`` lists proposals that must be
    accepted with it.
    """

    id: str
    kind: Literal[PROPOSAL_KINDS]  # type: ignore[valid-type]
    status: Literal["pending", "accepted", "rejected", "applied"] = "pending"
    confidence: float = Field(ge=0, le=1)
    summary: str
    actors: list[str] = []
    date: str | None = None
    direction: Literal["supports", "contradicts"] | None = None
    target: dict | None = None
    value: dict = {}
    requires: list[str] = []
    documents: list[str] = Field(min_length=1)
    addresses: list[str] = []
    sentences: list[ProposalSentence] = Field(min_length=1)
    applied: str | None = None


class ProposalSet(_Model):
    """The proposals file: what was read, what was skipped, and the proposals."""

    case: str | None = None
    created: str
    since: str | None = None
    method: str = ""
    documents: list[ProposedDocument] = []
    skipped: list[dict] = []
    proposals: list[Proposal] = []

    def get(self, pid: str) -> Proposal | None:
        return next((p for p in self.proposals if p.id == pid), None)

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in PROPOSAL_KINDS}
        for p in self.proposals:
            out[p.kind] += 1
        return out

    def summary(self) -> str:
        c = self.counts()
        lines = [f"{len(self.proposals)} proposal(s) from {len(self.documents)} document(s)"
                 + (f" (events since {self.since})" if self.since else "") + ": "
                 + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in c.items() if v)]
        lines += [f"skipped {s['path']}: {s['reason']}" for s in self.skipped]
        for p in self.proposals:
            lines.append(f"  {p.id} [{p.kind}] {p.status} {p.confidence:.2f} {p.summary}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)


# ---------------------------------------------------------------- reading documents

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "doc"


def _canon(code: str) -> str:
    return _EQUIV.get(code, code)


def _date_text(start: str, end: str | None = None) -> str:
    return start if not end or end == start else f"{start}/{end}"


def _coarse_equal(a: FuzzyDate, b: FuzzyDate) -> bool:
    """Same date at the coarser of the two precisions (intervals: overlap)."""
    if a.precision in ("interval", "open") or b.precision in ("interval", "open"):
        return a.overlaps(b.start, b.end)
    n = min(len(a.text), len(b.text))
    return a.text[:n] == b.text[:n]


@dataclass
class _Doc:
    name: str
    path: str
    address: str
    source_id: str
    title: str
    date: dt.date | None
    paragraphs: int
    extraction: Any


@dataclass
class _Mention:
    """One coded event in one sentence."""

    doc: _Doc
    sentence: Any
    locator: str
    source: str
    target: str
    code: str
    goldstein: float
    date: FuzzyDate
    dated: str  # own | context | document
    span: tuple[int, int]


@dataclass
class _Cluster:
    root: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    date: FuzzyDate
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def code(self) -> str:
        codes = [m.code for m in self.mentions]
        return max(set(codes), key=lambda c: (codes.count(c), len(c), c))

    @property
    def goldstein(self) -> float:
        return sum(m.goldstein for m in self.mentions) / len(self.mentions)

    @property
    def docs(self) -> list[_Doc]:
        return list({m.doc.name: m.doc for m in self.mentions}.values())


def _address(text: str, path: str) -> str:
    m = _URL.search("\n".join(text.splitlines()[:3]))
    return m.group().rstrip(").,;") if m else str(Path(path).resolve())


def _read_documents(paths: Sequence[str | Path], store: Any, skipped: list[dict],
                    progress: Callable[[int, int, str], None] | None) -> list[_Doc]:
    from ..evidence.extract import extract_text
    from ..evidence.ingest import ingest
    from ..evidence.segment import segment

    result = ingest(paths, store=store, progress=progress)
    skipped.extend(s.to_dict() for s in result.skipped)
    docs, used = [], set()
    for outcome in result.outcomes:
        rec = store.get_document(outcome.document_id)
        info = rec.info
        when = info.date or info.doc_date
        extraction = extract_text(rec.text, doc=info.name, doc_date=when)
        sid = "doc_" + _slug(Path(info.name).stem)
        while sid in used:
            sid += "_"
        used.add(sid)
        docs.append(_Doc(info.name, info.path, _address(rec.text, info.path), sid,
                         info.title or Path(info.name).stem, when or extraction.reference_date,
                         max(1, len(segment(rec.text))), extraction))
    return docs


def _locators(doc: _Doc) -> dict[int, str]:
    out, per = {}, defaultdict(int)
    for s in doc.extraction.sentences:
        per[s.paragraph] += 1
        out[s.sentence] = f"{doc.source_id}:{s.paragraph + 1}:{per[s.paragraph]}"
    return out


def _rel_span(sentence: Any, span: tuple[int, int]) -> tuple[int, int]:
    a = sentence.span[0]
    return (max(0, span[0] - a), max(0, span[1] - a))


def _sentence(doc: _Doc, sentence: Any, locator: str, spans: list[tuple[int, int]]) -> ProposalSentence:
    return ProposalSentence(doc=doc.name, locator=locator, text=sentence.text,
                            highlight=sorted({_rel_span(sentence, s) for s in spans}))


def _mentions(doc: _Doc, locs: dict[int, str]) -> list[_Mention]:
    out = []
    for s in doc.extraction.sentences:
        own = [d for d in s.dates if d.precision in ("day", "month", "year")]
        for e in s.events:
            if e.source == e.target:
                continue
            if own:
                d = next((x for x in own if x.start == e.date), own[0])
                when, how = _date_text(d.start, d.end), "own"
            elif s.context_date is not None and s.context_date.precision in ("day", "month", "year"):
                when, how = _date_text(s.context_date.start, s.context_date.end), "context"
            elif doc.date is not None:
                when, how = doc.date.isoformat(), "document"
            else:
                continue
            try:
                fd = FuzzyDate.parse(when)
            except ValueError:
                continue
            out.append(_Mention(doc, s, locs[s.sentence], e.source, e.target, e.code, e.goldstein, fd, how,
                                tuple(e.span)))
    return out


def _cluster(mentions: list[_Mention]) -> list[_Cluster]:
    """Merge mentions of one event: same CAMEO root and actors, same date at the coarser precision."""
    rank = {"day": 0, "month": 1, "year": 2, "interval": 3, "open": 4}
    groups: dict[tuple, list[_Cluster]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (rank[m.date.precision], m.date.text, m.doc.name, m.locator)):
        key = (m.code[:2], (_canon(m.source),), (_canon(m.target),) if m.target else ())
        for c in groups[key]:
            if _coarse_equal(c.date, m.date):
                c.mentions.append(m)
                break
        else:
            groups[key].append(_Cluster(key[0], key[1], key[2], m.date, [m]))
    return [c for cs in groups.values() for c in cs]


def _matches_case_event(c: _Cluster, e: Event) -> bool:
    if e.code[:2] != c.root:
        return False
    if {_canon(a) for a in e.source} != set(c.source) or {_canon(a) for a in e.target} != set(c.target):
        return False
    return e.date.overlaps(c.date.start, c.date.end) and (
        e.date.precision in ("interval", "open") or _coarse_equal(e.date, c.date))


# ---------------------------------------------------------------- proposing

def _confidence(c: _Cluster) -> float:
    own = any(m.dated == "own" for m in c.mentions)
    score = 0.45 + (0.2 if own else 0.0) + (0.1 if c.target else 0.0) + 0.1 * (len(c.docs) - 1)
    if all(m.dated == "document" for m in c.mentions):
        score -= 0.15
    return round(min(0.95, max(0.05, score)), 2)


def _gazetteer_names(docs: list[_Doc]) -> dict[str, tuple[str, str]]:
    """Actor code -> (name, kind) from the gazetteer entries the documents' mentions resolved to."""
    from ..evidence.gazetteer import default_gazetteer, name_key
    gaz = default_gazetteer()
    out: dict[str, tuple[str, str]] = {}
    for d in docs:
        for s in d.extraction.sentences:
            for a in s.actors:
                entry = gaz.resolve(name_key(a.text)) or gaz.resolve("=" + name_key(a.text, fold=False))
                if entry is None or entry.kind in ("person", "demonym", "capital", "city"):
                    continue
                if a.code not in out or entry.kind in ("state", "organisation"):
                    out.setdefault(a.code, (entry.name, entry.kind))
    return out


def _period_for(case: Case, date: FuzzyDate) -> str | None:
    for p in case.periods:
        if p.sequence == "main" and date.within(p.first_day, p.last_day):
            return p.id
    return None


def _actor_name(case: Case, code: str, names: dict[str, tuple[str, str]]) -> str:
    try:
        return case.actor(code).name
    except KeyError:
        return names.get(code, (code, ""))[0]


def propose_updates(case: Case, paths: Sequence[str | Path], *, store: Any = None, since: dt.date | None = None,
                    case_path: str | None = None, min_events: int = 3,
                    progress: Callable[[int, int, str], None] | None = None) -> ProposalSet:
    """Read ``paths`` and propose changes to ``case``.

    Parameters
    ----------
    case : Case
        The case to bring up to date (not modified).
    paths : sequence of path
        Documents and folders (as for :func:`equipoise.evidence.ingest.ingest`).
    store : EvidenceStore, optional
        Where the documents are ingested (default: an in-memory store).
    since : date, optional
        Propose new events, indicator points and relation changes only for
        dates on or after this day (evidence for events the case holds is
        proposed whatever their date).
    case_path : str, optional
        Recorded in the proposals file, for ``equipoise review``.
    min_events : int
        Events a dyad needs in a period before its mean weight can suggest a
        relation change.
    progress : callable, optional
        ``progress(done, total, name)`` while ingesting.

    Returns
    -------
    ProposalSet
        Unreadable documents are listed in ``skipped`` with their reason.
    """
    from ..evidence.cameo import lookup
    from ..evidence.store import EvidenceStore

    own_store = store is None
    store = store or EvidenceStore("sqlite://")
    skipped: list[dict] = []
    try:
        docs = _read_documents(paths, store, skipped, progress)
    finally:
        if own_store:
            store.close()
    locs = {d.name: _locators(d) for d in docs}
    names = _gazetteer_names(docs)
    known = {a.code for a in case.actors}
    proposals: list[Proposal] = []
    counters: dict[str, int] = defaultdict(int)

    def new(kind: str, **kw: Any) -> Proposal:
        counters[kind] += 1
        sents = kw.pop("sentences")
        dnames = list(dict.fromkeys(s.doc for s in sents))
        byname = {d.name: d for d in docs}
        p = Proposal(id=f"{_PREFIX[kind]}{counters[kind]:03d}", kind=kind, sentences=sents, documents=dnames,
                     addresses=[byname[n].address for n in dnames], **kw)
        proposals.append(p)
        return p

    def recent(date: FuzzyDate) -> bool:
        return since is None or (date.end or date.start) >= since

    mentions = [m for d in docs for m in _mentions(d, locs[d.name])]
    clusters = _cluster(mentions)
    clusters.sort(key=lambda c: (c.date.start, c.root, c.source, c.target))

    # ---- new actors the retained events need
    actor_props: dict[str, Proposal] = {}
    for c in clusters:
        if not recent(c.date):
            continue
        for code in c.source + c.target:
            if code in known or code in actor_props or code not in names:
                continue
            name, kind = names[code]
            sents = [_sentence(m.doc, m.sentence, m.locator, [a.span for a in m.sentence.actors if a.code == code])
                     for c2 in clusters for m in c2.mentions if code in c2.source + c2.target]
            actor_kind = "state" if kind == "state" else "organisation" if kind == "organisation" else "group"
            actor_props[code] = new("new_actor", confidence=0.6, summary=f"new actor {code} ({name})",
                                    actors=[code], value={"code": code, "name": name, "kind": actor_kind},
                                    sentences=_dedupe(sents))

    # ---- events: new, or evidence for one the case holds
    used_ids = {e.id for e in case.events}
    for c in clusters:
        match = next((e for e in case.events if _matches_case_event(c, e)), None)
        sents = _dedupe([_sentence(m.doc, m.sentence, m.locator, [m.span]) for m in c.mentions])
        label = (lookup(c.code).label if lookup(c.code) else c.code).lower()
        src = ", ".join(_actor_name(case, a, names) for a in c.source)
        tgt = ", ".join(_actor_name(case, a, names) for a in c.target)
        words = f"{src} → {tgt}: {label}" if tgt else f"{src}: {label}"
        if match is not None:
            have = {str(ev) for ev in match.evidence}
            fresh = [s.locator for s in sents if s.locator not in have]
            if fresh:
                new("event_evidence", confidence=_confidence(c), summary=f"evidence for event {match.id} ({words})",
                    actors=list(c.source + c.target), date=c.date.text, target={"section": "events", "id": match.id},
                    value={"evidence": fresh}, sentences=sents)
            continue
        if not recent(c.date) or any(a not in known and a not in actor_props for a in c.source + c.target):
            continue
        eid = "_".join([*(a.lower() for a in c.source), *(a.lower() for a in c.target), c.code,
                        c.date.text.replace("-", "_").replace("/", "_")])
        base, k = eid, 2
        while eid in used_ids:
            eid, k = f"{base}_{k}", k + 1
        used_ids.add(eid)
        n = len(c.docs)
        value = {"id": eid, "date": c.date.text, "source": list(c.source), "target": list(c.target),
                 "code": c.code, "kind": "reported",
                 "description": f"{words} ({c.date.text}; reported in {n} document{'s' if n > 1 else ''}, "
                                "coded by Equipoise from the cited sentences)",
                 "evidence": [s.locator for s in sents]}
        period = _period_for(case, c.date)
        if period:
            value["period"] = period
        reqs = [actor_props[a].id for a in c.source + c.target if a in actor_props]
        new("new_event", confidence=_confidence(c), summary=f"{words}, {c.date.text}", actors=list(c.source + c.target),
            date=c.date.text, value=value, requires=reqs, sentences=sents)

    _relation_proposals(case, clusters, new, recent, min_events)
    _claim_evidence(case, clusters, new)
    _indicator_proposals(case, docs, locs, new, recent)
    _leader_proposals(case, docs, locs, new, recent)
    method = ("ingest -> extract_text (gazetteer + pattern event coding) -> merge by date at the coarser precision, "
              "actors and CAMEO root -> compare with the case")
    src_records = []
    for d in docs:
        rec: dict[str, Any] = {"id": d.source_id, "title": d.title, "kind": "article", "file": d.name,
                               "paragraphs": d.paragraphs}
        if d.date:
            rec["date"] = d.date.isoformat()
        if d.address.startswith("http"):
            rec["url"] = d.address
        src_records.append(ProposedDocument(name=d.name, path=d.path, address=d.address,
                                            date=d.date.isoformat() if d.date else None, source=rec))
    return ProposalSet(case=case_path, created=dt.date.today().isoformat(),
                       since=since.isoformat() if since else None, method=method, documents=src_records,
                       skipped=skipped, proposals=proposals)


def _dedupe(sents: list[ProposalSentence]) -> list[ProposalSentence]:
    out: dict[str, ProposalSentence] = {}
    for s in sents:
        if s.locator in out:
            old = out[s.locator]
            out[s.locator] = old.model_copy(update={"highlight": sorted(set(old.highlight) | set(s.highlight))})
        else:
            out[s.locator] = s
    return list(out.values())


def _relation_proposals(case: Case, clusters: list[_Cluster], new: Callable, recent: Callable,
                        min_events: int) -> None:
    """Evidence for judged relations, and changes where the new events' mean weight leaves the judged range."""
    by_rel: dict[tuple, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        if not c.target:
            continue
        period = _period_for(case, c.date)
        if period is None:
            continue
        for a in c.source:
            for b in c.target:
                if a != b:
                    by_rel[(tuple(sorted((a, b))), period)].append(c)
    known = {a.code for a in case.actors}
    for (dyad, period), cs in sorted(by_rel.items()):
        if not set(dyad) <= known:
            continue
        rel = case.relation(dyad[0], dyad[1], period)
        # a sentence's direction: the sign of the summed weights of its events in this dyad
        weight: dict[str, float] = defaultdict(float)
        for c in cs:
            for m in c.mentions:
                weight[m.locator] += m.goldstein
        _relation_claim_evidence(case, dyad, period, cs, weight, new)
        if rel is not None and abs(rel.value.value) >= 0.1:
            for direction in ("supports", "contradicts"):
                def agrees(loc: str) -> bool:
                    return weight[loc] != 0 and ((weight[loc] > 0) == (rel.value.value > 0)) == (direction == "supports")
                chosen = [c for c in cs if any(agrees(m.locator) for m in c.mentions)]
                if not chosen:
                    continue
                have = {str(e) for e in rel.evidence}
                sents = _dedupe([_sentence(m.doc, m.sentence, m.locator, [m.span]) for c in chosen for m in c.mentions
                                 if agrees(m.locator)])
                sents = [s for s in sents if s.locator not in have]
                if sents:
                    new("value_evidence", confidence=round(min(0.9, 0.4 + 0.1 * len(chosen)), 2),
                        summary=f"{len(chosen)} event(s) {direction} the {'-'.join(dyad)} relation in {period} "
                                f"(judged {rel.value.value:+.2f})",
                        actors=list(dyad), direction=direction,
                        target={"section": "relations", "actors": list(dyad), "period": period},
                        value={"evidence": [s.locator for s in sents]}, sentences=sents)
        fresh = [c for c in cs if recent(c.date)]
        if len(fresh) < min_events:
            continue
        measured = round(sum(c.goldstein for c in fresh) / len(fresh) / 10.0, 2)
        sents = _dedupe([_sentence(m.doc, m.sentence, m.locator, [m.span]) for c in fresh for m in c.mentions])
        conf = round(min(0.85, 0.3 + 0.05 * len(fresh)), 2)
        if rel is None:
            value = {"actors": list(dyad), "period": period,
                     "value": {"value": measured, "range": [round(max(-1.0, measured - 0.2), 2),
                                                            round(min(1.0, measured + 0.2), 2)]},
                     "kind": "cooperation" if measured > 0.1 else "hostility" if measured < -0.1 else "neutral",
                     "note": f"Proposed from the mean Goldstein weight of {len(fresh)} reported events (scaled to "
                             "[-1, 1]).", "evidence": [s.locator for s in sents]}
            new("relation_change", confidence=conf, summary=f"new relation {'-'.join(dyad)} in {period}: "
                f"{measured:+.2f} from {len(fresh)} events", actors=list(dyad), target=None, value=value,
                sentences=sents)
        elif not rel.value.low <= measured <= rel.value.high:
            lo, hi = min(rel.value.low, measured), max(rel.value.high, measured)
            value = {"value": {"value": measured, "range": [round(lo, 2), round(hi, 2)]},
                     "evidence": [s.locator for s in sents]}
            new("relation_change", confidence=conf,
                summary=f"{'-'.join(dyad)} in {period}: judged {rel.value.value:+.2f} "
                        f"[{rel.value.low:+.2f}, {rel.value.high:+.2f}], new events average {measured:+.2f} "
                        f"({len(fresh)} events)",
                actors=list(dyad), target={"section": "relations", "actors": list(dyad), "period": period},
                value=value, sentences=sents)


def _relation_claim_evidence(case: Case, dyad: tuple, period: str, cs: list[_Cluster], weight: dict,
                             new: Callable) -> None:
    """Sentences bearing on a claim that a dyad's relation in a period is above (or below) a value or
    another period's: cooperative events support an "above" claim, conflictual ones contradict it."""
    for cl in case.claims:
        for chk in cl.all_checks:
            if chk.kind != "relation_compare" or chk.period != period or tuple(sorted(chk.dyad)) != dyad \
                    or chk.other_dyad is not None:
                continue
            above = chk.op in (">", ">=")
            have = {str(e) for e in cl.evidence}
            for direction in ("supports", "contradicts"):
                sents = _dedupe([_sentence(m.doc, m.sentence, m.locator, [m.span]) for c in cs for m in c.mentions
                                 if weight[m.locator] != 0
                                 and ((weight[m.locator] > 0) == above) == (direction == "supports")])
                sents = [s for s in sents if s.locator not in have]
                if sents:
                    new("value_evidence", confidence=round(min(0.8, 0.3 + 0.1 * len(sents)), 2),
                        summary=f"{len(sents)} sentence(s) {direction} claim {cl.id} ({'-'.join(dyad)} in {period} "
                                f"{chk.op} {chk.value if chk.value is not None else chk.other_period})",
                        actors=list(dyad), direction=direction, target={"section": "claims", "id": cl.id},
                        value={"evidence": [s.locator for s in sents]}, sentences=sents)


def _claim_evidence(case: Case, clusters: list[_Cluster], new: Callable) -> None:
    """Sentences reporting an event that a claim's ``event_exists`` check asks for."""
    for cl in case.claims:
        for chk in cl.all_checks:
            if chk.kind != "event_exists":
                continue
            per = case.period(chk.period) if chk.period else None
            hits = [c for c in clusters
                    if set(chk.actors or []) <= set(c.source + c.target)
                    and (not chk.code or c.code.startswith(chk.code))
                    and (per is None or c.date.overlaps(per.first_day, per.last_day))]
            have = {str(e) for e in cl.evidence}
            sents = [s for s in _dedupe([_sentence(m.doc, m.sentence, m.locator, [m.span])
                                         for c in hits for m in c.mentions]) if s.locator not in have]
            if sents:
                new("value_evidence", confidence=0.5, summary=f"{len(hits)} event(s) support claim {cl.id}",
                    actors=list(chk.actors or []), direction="supports", target={"section": "claims", "id": cl.id},
                    value={"evidence": [s.locator for s in sents]}, sentences=sents)


def _indicator_unit(ind: Indicator) -> tuple[str, float]:
    parts = ind.unit.split()
    if len(parts) == 2 and parts[1].lower() in _SCALE:
        return parts[0], _SCALE[parts[1].lower()]
    return ind.unit, 1.0


def _indicator_proposals(case: Case, docs: list[_Doc], locs: dict, new: Callable, recent: Callable) -> None:
    """A reported quantity becomes a dated point: on a case indicator of the same unit and actors when it has
    no value for that year, else as its own one-point series citing the report."""
    taken: set[tuple[str, int]] = {(i.id, p.year) for i in case.indicators for p in i.points}
    made: set[str] = {i.id for i in case.indicators}
    for d in docs:
        for s in d.extraction.sentences:
            if not s.quantities:
                continue
            actors = sorted({a.code for a in s.actors} or set(s.context_actors))
            if not actors:
                continue
            own = [x for x in s.dates if x.precision in ("day", "month", "year")]
            when = own[0].start if own else (s.context_date.start if s.context_date else
                                             (d.date.isoformat() if d.date else None))
            if when is None:
                continue
            fd = FuzzyDate.parse(when)
            if not recent(fd):
                continue
            for q in s.quantities:
                if q.unit not in INDICATOR_UNITS:
                    continue
                sent = _sentence(d, s, locs[d.name][s.sentence], [q.span])
                point: dict[str, Any] = {"year": fd.start.year, "value": q.value, "source": d.source_id,
                                         "status": "stated",
                                         "note": f"reported {fd.text}; {locs[d.name][s.sentence]}"}
                match = next((i for i in case.indicators if _indicator_unit(i)[0] == q.unit
                              and set(i.actors) <= set(actors) and (i.id, fd.start.year) not in taken), None)
                if match is not None:
                    point["value"] = round(q.value / _indicator_unit(match)[1], 6)
                    taken.add((match.id, fd.start.year))
                    new("indicator_point", confidence=0.45,
                        summary=f"{match.id} {fd.start.year}: {point['value']:g} {match.unit} ({d.name})",
                        actors=list(match.actors), date=fd.text, target={"section": "indicators", "id": match.id},
                        value={"point": point}, sentences=[sent])
                    continue
                pair = actors[:2]
                iid = f"reported_{_slug(q.unit)}_{'_'.join(a.lower() for a in pair)}_{d.source_id}"
                base, k = iid, 2
                while iid in made:
                    iid, k = f"{base}_{k}", k + 1
                made.add(iid)
                ind = {"id": iid, "name": f"{q.unit} reported for {' and '.join(pair)} ({d.source_id})",
                       "unit": q.unit, "actors": pair, "series": f"report: {d.source_id}",
                       "note": "One report kept as its own dated claim; reports are never joined into one series.",
                       "points": [point]}
                new("indicator_point", confidence=0.35, summary=f"{q.value:g} {q.unit} for {', '.join(pair)}, "
                    f"{fd.text} ({d.name})", actors=pair, date=fd.text, target=None, value={"indicator": ind},
                    sentences=[sent])


def _leader_proposals(case: Case, docs: list[_Doc], locs: dict, new: Callable, recent: Callable) -> None:
    """A title and name ("President X") attached to a case actor that does not list X."""
    seen: set[tuple[str, str]] = set()
    for d in docs:
        for s in d.extraction.sentences:
            for m in _ROLE.finditer(s.text):
                start = s.span[0] + m.start()
                before = [a for a in s.actors if a.span[1] <= start and start - a.span[1] <= 3]
                if not before:
                    continue
                code = before[-1].code
                try:
                    actor = case.actor(code)
                except KeyError:
                    continue
                name = m["name"]
                if len(name.split()) < 2:  # a bare surname is too ambiguous to propose
                    continue
                surname = name.split()[-1].lower()
                listed = {n.lower() for ld in actor.leaders for n in [ld.name, *ld.aliases]}
                if any(surname in n.split() or name.lower() == n for n in listed) or (code, name) in seen:
                    continue
                own = [x for x in s.dates if x.precision in ("day", "month", "year")]
                when = own[0].start if own else (d.date.isoformat() if d.date else None)
                if when is None or not recent(FuzzyDate.parse(when)):
                    continue
                seen.add((code, name))
                role = m["role"].lower()
                day = FuzzyDate.parse(when).start
                current = next((ld for ld in actor.leaders if ld.role == role and ld.start.start <= day
                                and ld.end is None), None)
                cue = bool(_NEW_OFFICE.search(s.text))
                if current is None and not cue:
                    continue  # an office the case does not track, and no sign that its holder changed
                value: dict[str, Any] = {"leader": {"name": name, "role": role, "start": when},
                                         "note": "in office by this date according to the report; the term may "
                                                 "have begun earlier"}
                if current is not None:
                    value["end_previous"] = {"name": current.name, "end": when}
                conf = 0.6 if cue and current is not None else 0.45 if current is not None else 0.35
                sent = _sentence(d, s, locs[d.name][s.sentence], [(start, s.span[0] + m.end())])
                new("leader_change", confidence=conf,
                    summary=f"{actor.name}: {role} {name} from {when}"
                            + (f" (the case lists {current.name} with no end)" if current else ""),
                    actors=[code], date=when, target={"section": "actors", "code": code}, value=value,
                    sentences=[sent])


# ---------------------------------------------------------------- the proposals file

def write_proposals(path: str | Path, proposals: ProposalSet) -> Path:
    """Write the proposals file (YAML, readable and editable), atomically."""
    import io

    from ruamel.yaml import YAML
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    buf.write("# Equipoise update proposals. Review with `equipoise review FILE --accept ID ... --reject ID ...`\n"
              "# (or in the web app, /review). Set status: accepted|rejected by hand if you prefer; edit a\n"
              "# proposal's value before accepting it. Sentences are quoted from the documents for review only.\n")
    y.dump(proposals.to_dict(), buf)
    return write_text_atomic(path, buf.getvalue())


def read_proposals(path: str | Path) -> ProposalSet:
    """Read a proposals file; a hand-edited invalid file is refused with file, line and field."""
    lines: dict[tuple, tuple[str, int]] = {}
    data = read_yaml(Path(path), None, lines)
    if not isinstance(data, dict):
        raise CaseError("expected a proposals mapping (case, documents, proposals)", path=str(path), line=1)
    lines.setdefault((), (str(path), 1))
    try:
        out = ProposalSet.model_validate(data)
    except ValidationError as exc:
        problems = _pydantic_problems(exc, Located(data, lines))
        raise CaseError(f"{len(problems)} problem(s) in the proposals file", problems=problems) from exc
    ids = [p.id for p in out.proposals]
    for i, pid in enumerate(ids):
        if ids.index(pid) != i:
            f, ln = Located(data, lines).where(("proposals", i, "id"))
            raise CaseError(f"duplicate proposal id {pid!r}", path=f, line=ln, field=f"proposals[{i}].id")
    return out


# ---------------------------------------------------------------- applying

def is_packaged_case(path: str | Path | None) -> bool:
    """Whether ``path`` is the default case shipped inside the package (never edited in place)."""
    if path is None:
        return True
    try:
        return Path(path).resolve() == default_case_path().resolve()
    except OSError:
        return False


@dataclass(frozen=True)
class ApplyResult:
    """What applying proposals did: applied, stale (no longer apply), rejected, files written."""

    applied: tuple[str, ...]
    stale: tuple[tuple[str, str], ...]
    rejected: tuple[str, ...]
    files: tuple[str, ...]
    case_path: str
    dry_run: bool = False
    before: Case | None = None
    after: Case | None = None
    method: str = "round-trip splice (ruamel.yaml positions); whole case validated before any file is written"

    def summary(self) -> str:
        lines = [f"{len(self.applied)} applied, {len(self.stale)} no longer apply, {len(self.rejected)} rejected; "
                 + (f"{len(self.files)} file(s) written in {self.case_path}" if not self.dry_run else "dry run")]
        lines += [f"not applied {pid}: {why}" for pid, why in self.stale]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"applied": list(self.applied), "stale": [{"id": p, "reason": r} for p, r in self.stale],
                "rejected": list(self.rejected), "files": list(self.files), "case": self.case_path,
                "dry_run": self.dry_run, "method": self.method}


def _case_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    return [path]


class _Editor:
    """The case's files, their ruamel trees, and where each section and item lives."""

    def __init__(self, path: Path):
        self.files = _case_files(path)
        self.texts = {f: f.read_text(encoding="utf-8") for f in self.files}
        self._edits: dict[Path, YamlEdits] = {}
        self.pending: dict[tuple, list] = defaultdict(list)  # (file, path) -> items to append

    @property
    def edits(self) -> "_Lazy":
        return _Lazy(self)

    def parsed(self, f: Path) -> YamlEdits:
        """The file's round-trip parse, made on first use (only files that change are parsed)."""
        if f not in self._edits:
            self._edits[f] = YamlEdits(str(f), self.texts[f])
        return self._edits[f]

    def holds(self, f: Path, key: str) -> bool:
        return re.search(rf"^{re.escape(key)}\s*:", self.texts[f], re.MULTILINE) is not None

    def section_file(self, key: str) -> Path:
        holders = [f for f in self.files if self.holds(f, key)]
        if holders:
            return holders[-1]
        owner = [f for f in self.files if self.holds(f, "case")]
        return (owner or self.files)[0]

    def find(self, section: str, pred: Callable[[Any], bool]) -> tuple[Path, tuple] | None:
        for f in self.files:
            if not self.holds(f, section):
                continue
            data = self.parsed(f).data
            if not isinstance(data, dict) or not isinstance(data.get(section), list):
                continue
            for i, item in enumerate(data[section]):
                if isinstance(item, dict) and pred(item):
                    return f, (section, i)
        return None

    def append(self, f: Path, path: tuple, item: Any) -> None:
        self.pending[(f, path)].append(item)

    def flush(self) -> dict[Path, str]:
        for (f, path), items in self.pending.items():
            ed = self.edits[f]
            if len(path) == 1 and (not isinstance(ed.data, dict) or path[0] not in ed.data):
                ed.add_section(path[0], items)
                continue
            parent = ed.node(path[:-1])
            if path[-1] not in parent:
                ed.add_key(path[:-1], path[-1], flow(items) if not isinstance(items[0], dict) else items)
            else:
                ed.append(path, items)
        return {f: ed.result() for f, ed in self._edits.items() if ed.changed}


class _Lazy:
    """``editor.edits[f]``: the parsed file, parsed on first use."""

    def __init__(self, editor: _Editor):
        self.editor = editor

    def __getitem__(self, f: Path) -> YamlEdits:
        return self.editor.parsed(f)


def _relation_pred(actors: list[str], period: str) -> Callable[[Any], bool]:
    dyad = sorted(actors)
    return lambda item: sorted(map(str, item.get("actors", []))) == dyad and item.get("period") == period


def apply_proposals(proposals: ProposalSet, case_path: str | Path, *, accept: Sequence[str] = (),
                    reject: Sequence[str] = (), accept_all: bool = False, dry_run: bool = False,
                    today: dt.date | None = None) -> ApplyResult:
    """Apply the accepted proposals to the case at ``case_path`` (a YAML file or folder).

    Proposals accepted are those named in ``accept``, those whose ``status`` is
    already ``accepted`` in the file, or all pending ones with ``accept_all``.
    A proposal that no longer applies (its event, actor, leader, point or
    evidence is in the case already) is reported in ``stale`` and not applied.
    The edited files are checked as a whole case (:func:`load_case`) in a
    temporary copy; only if it validates are they written, each atomically.
    The proposals' statuses are updated in ``proposals`` (written back by the
    caller).

    Raises
    ------
    CaseError
        Unknown proposal ids, an accepted proposal that requires a rejected one,
        a proposal value the case format refuses, or an edited case that does
        not validate (nothing is written then).
    """
    path = Path(case_path)
    if is_packaged_case(path) and not dry_run:
        raise CaseError("the default case ships inside the package and is not edited in place; copy it first "
                        "(equipoise case copy DIR) and review with --case DIR", path=str(path))
    ids = {p.id for p in proposals.proposals}
    unknown = [x for x in [*accept, *reject] if x not in ids]
    if unknown:
        raise CaseError(f"unknown proposal id(s) {', '.join(unknown)} (expected ids from the proposals file)",
                        field="--accept/--reject")
    both = set(accept) & set(reject)
    if both:
        raise CaseError(f"proposal(s) both accepted and rejected: {', '.join(sorted(both))}", field="--accept/--reject")
    for p in proposals.proposals:
        if p.id in reject:
            p.status = "rejected"
        elif p.id in accept or (accept_all and p.status == "pending"):
            p.status = "accepted"
    chosen = [p for p in proposals.proposals if p.status == "accepted"]
    for p in chosen:
        for r in p.requires:
            req = proposals.get(r)
            if req is not None and req.status not in ("accepted", "applied"):
                raise CaseError(f"proposal {p.id} requires {r} ({req.summary}); accept it too or reject {p.id}",
                                field=p.id)
    before = load_case(path)
    today = today or dt.date.today()
    editor = _Editor(path)
    order = {k: i for i, k in enumerate(PROPOSAL_KINDS)}
    applied: list[str] = []
    stale: list[tuple[str, str]] = []
    docs = {d.name: d for d in proposals.documents}
    sources_needed: list[dict] = []
    have_sources = {s.id for s in before.sources}
    state = _State(before)
    for p in sorted(chosen, key=lambda p: (order[p.kind], proposals.proposals.index(p))):
        prov = {"document": docs[p.documents[0]].source["id"] if p.documents[0] in docs else p.documents[0],
                "address": p.addresses[0] if p.addresses else None, "proposal": p.id,
                "accepted": today.isoformat(), "by": "review"}
        if p.direction:
            prov["direction"] = p.direction
        prov = {k: v for k, v in prov.items() if v is not None}
        try:
            why = _apply_one(p, editor, state, prov)
        except (KeyError, TypeError, ValueError, ValidationError) as exc:
            raise CaseError(f"proposal {p.id} ({p.kind}): value cannot be written: {_short(exc)}",
                            field=f"{p.id}.value") from exc
        if why:
            stale.append((p.id, why))
            continue
        applied.append(p.id)
        for name in p.documents:
            d = docs.get(name)
            if d is not None and d.source["id"] not in have_sources:
                have_sources.add(d.source["id"])
                sources_needed.append(d.source)
    for src in sources_needed:
        Source.model_validate(src)
        editor.append(editor.section_file("sources"), ("sources",), src)
    texts = editor.flush() if applied else {}
    after = before
    if texts:
        after = _validate_copy(path, texts)
    if not dry_run:
        for f, text in texts.items():
            write_text_atomic(f, text)
        for pid in applied:
            q = proposals.get(pid)
            q.status, q.applied = "applied", today.isoformat()
    return ApplyResult(tuple(applied), tuple(stale), tuple(p.id for p in proposals.proposals if p.status == "rejected"),
                       tuple(str(f) for f in texts), str(path), dry_run, before, after)


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        e = exc.errors()[0]
        return f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
    return str(exc)


class _State:
    """What the case holds, updated as proposals are applied (to catch a second application)."""

    def __init__(self, case: Case):
        self.case = case
        self.actors = {a.code for a in case.actors}
        self.event_ids = {e.id for e in case.events}
        self.events = list(case.events)
        self.indicators = {i.id for i in case.indicators}
        self.evidence: dict[tuple, set[str]] = defaultdict(set)
        self.leaders = {(a.code, ld.name) for a in case.actors for ld in a.leaders}


def _apply_one(p: Proposal, ed: _Editor, st: _State, prov: dict) -> str | None:
    """Queue the edits for one proposal; return why it no longer applies, or None."""
    v = p.value
    if p.kind == "new_actor":
        actor = Actor.model_validate(v)
        if actor.code in st.actors:
            return f"actor {actor.code} is already in the case"
        st.actors.add(actor.code)
        ed.append(ed.section_file("actors"), ("actors",), {**v, "provenance": flow([prov])})
        return None
    if p.kind == "new_event":
        ev = Event.model_validate(v)
        if ev.id in st.event_ids:
            return f"event {ev.id} is already in the case"
        twin = next((e for e in st.events if e.code[:2] == ev.code[:2] and sorted(map(_canon, e.source)) ==
                     sorted(map(_canon, ev.source)) and sorted(map(_canon, e.target)) == sorted(map(_canon, ev.target))
                     and e.date.overlaps(ev.date.start, ev.date.end) and _coarse_equal(e.date, ev.date)), None)
        if twin is not None:
            return f"the case already holds this event as {twin.id}"
        st.event_ids.add(ev.id)
        st.events.append(ev)
        item = {k: v[k] for k in ("id", "date", "source", "target", "code", "kind", "period", "description") if k in v}
        item["source"], item["target"] = flow(ev.source), flow(ev.target)
        item["code"] = quoted(ev.code)
        item["evidence"] = flow(list(v.get("evidence", [])))
        item["provenance"] = flow([prov])
        ed.append(ed.section_file("events"), ("events",), item)
        return None
    if p.kind in ("event_evidence", "value_evidence", "relation_change") and p.target is not None:
        return _apply_to_existing(p, ed, st, prov)
    if p.kind == "relation_change":  # a relation the case lacks for that period
        rel = Relation.model_validate(v)
        if st.case.relation(rel.actors[0], rel.actors[1], rel.period) is not None:
            return f"the case already judges {'-'.join(rel.dyad)} in {rel.period}"
        item = dict(v)
        item["actors"] = flow(list(rel.actors))
        item["value"] = flow(v["value"])
        item["evidence"] = flow(v.get("evidence", []))
        item["provenance"] = flow([prov])
        ed.append(ed.section_file("relations"), ("relations",), item)
        return None
    if p.kind == "indicator_point":
        if p.target is None:
            ind = Indicator.model_validate(v["indicator"])
            if ind.id in st.indicators:
                return f"indicator {ind.id} is already in the case"
            st.indicators.add(ind.id)
            item = dict(v["indicator"])
            item["actors"] = flow(ind.actors)
            item["points"] = [flow({**pt, "provenance": [prov]}) for pt in v["indicator"]["points"]]
            ed.append(ed.section_file("indicators"), ("indicators",), item)
            return None
        point = IndicatorPoint.model_validate(v["point"])
        found = ed.find("indicators", lambda it: it.get("id") == p.target["id"])
        if found is None:
            return f"indicator {p.target['id']} is no longer in the case"
        if any(pt.year == point.year for pt in st.case.indicator(p.target["id"]).points) or \
                (p.target["id"], point.year) in st.evidence:
            return f"indicator {p.target['id']} already has a value for {point.year}"
        st.evidence[(p.target["id"], point.year)] = set()
        f, path = found
        ed.append(f, path + ("points",), flow({**v["point"], "provenance": [prov]}))
        return None
    if p.kind == "leader_change":
        code = p.target["code"]
        leader = Leader.model_validate(v["leader"])
        if (code, leader.name) in st.leaders:
            return f"{leader.name} is already a leader of {code}"
        found = ed.find("actors", lambda it: it.get("code") == code)
        if found is None:
            return f"actor {code} is no longer in the case"
        st.leaders.add((code, leader.name))
        f, path = found
        prev = v.get("end_previous")
        if prev:
            items = ed.edits[f].node(path).get("leaders", [])
            k = next((j for j, ld in enumerate(items) if ld.get("name") == prev["name"] and ld.get("end") is None), None)
            if k is not None:
                ed.edits[f].add_key(path + ("leaders", k), "end", prev["end"])
        note = {"note": v["note"]} if v.get("note") else {}
        ed.append(f, path + ("leaders",), flow({**v["leader"], "provenance": [{**prov, **note}]}))
        return None
    raise ValueError(f"unknown proposal kind {p.kind!r}")


def _apply_to_existing(p: Proposal, ed: _Editor, st: _State, prov: dict) -> str | None:
    t = p.target
    section = t["section"]
    if section == "events":
        found = ed.find("events", lambda it: it.get("id") == t["id"])
        current = next((e for e in st.case.events if e.id == t["id"]), None)
    elif section == "relations":
        found = ed.find("relations", _relation_pred(t["actors"], t["period"]))
        current = st.case.relation(t["actors"][0], t["actors"][1], t["period"])
    elif section == "claims":
        found = ed.find("claims", lambda it: it.get("id") == t["id"])
        current = next((c for c in st.case.claims if c.id == t["id"]), None)
    else:
        raise ValueError(f"unknown target section {section!r}")
    if found is None or current is None:
        return f"{section} target {t} is no longer in the case"
    f, path = found
    key = (f, path)
    have = {str(e) for e in current.evidence} | st.evidence[key]
    locs = [x for x in p.value.get("evidence", []) if x not in have]
    if p.kind == "relation_change":
        new_value = p.value["value"]
        if isinstance(current, Relation) and abs(current.value.value - float(new_value["value"])) < 1e-9:
            return "the relation already has this value"
        ed.edits[f].set_value(path, "value", new_value)
    elif not locs:
        return "its evidence is already in the case"
    st.evidence[key] |= set(locs)
    if locs:
        for x in locs:
            ed.append(f, path + ("evidence",), x if p.direction != "contradicts" else flow(_evidence_map(x)))
    ed.append(f, path + ("provenance",), flow(prov))
    return None


def _evidence_map(locator: str) -> dict:
    src, para, sent = locator.split(":")
    return {"source": src, "paragraph": int(para), "sentence": int(sent), "direction": "contradicts"}


def _validate_copy(path: Path, texts: dict[Path, str]) -> Case:
    """Load the edited case from a temporary copy; raise CaseError (nothing written) if it does not validate."""
    with tempfile.TemporaryDirectory(prefix="equipoise-review-") as tmp:
        tmp_path = Path(tmp)
        if path.is_dir():
            target = tmp_path / path.name
            target.mkdir()
            for f in _case_files(path):
                (target / f.name).write_text(texts.get(f, f.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            target = tmp_path / path.name
            target.write_text(texts[path], encoding="utf-8")
        try:
            return load_case(target)
        except CaseError as exc:
            problems = exc.problems or [exc]
            for pr in problems:  # name the real file, not the temporary copy
                if pr.path and pr.path.startswith(str(tmp_path)):
                    pr.path = str(path.parent / Path(pr.path).relative_to(tmp_path))
            head = CaseError("the accepted proposals leave a case that does not validate; nothing was written")
            raise CaseError(head.message, problems=[head, *problems]) from exc


def copy_case(source: str | Path | None, dest: str | Path) -> Path:
    """Copy a case (default: the packaged one) to ``dest``, a new folder, for editing and review."""
    src = Path(source) if source is not None else default_case_path()
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()) if dest.is_dir() else dest.exists():
        raise CaseError("destination exists and is not empty; choose a new folder", path=str(dest))
    load_case(src)  # refuse to copy an invalid case
    if src.is_dir():
        shutil.copytree(src, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.py"))
    else:
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / src.name)
        return dest / src.name
    return dest


# ---------------------------------------------------------------- evaluation against gold events

@dataclass(frozen=True)
class GoldEvent:
    file: str
    date: str
    source: str
    target: str
    root: str
    line: int


def read_gold_events(path: str | Path) -> list[GoldEvent]:
    """Read a gold event table (``file, date, source, target, cameo_root, ...``); bad rows name line and field."""
    import csv

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EquipoiseError(f"cannot read gold events: {getattr(exc, 'strerror', None) or exc}", path=str(path)) \
            from exc
    reader = csv.DictReader(text.splitlines())
    need = ("file", "date", "source", "target", "cameo_root")
    missing = [c for c in need if c not in (reader.fieldnames or [])]
    if missing:
        raise EquipoiseError(f"missing column(s) {', '.join(missing)}; expected {','.join(need)},...",
                             path=str(path), line=1)
    out = []
    for i, row in enumerate(reader, start=2):
        root = (row["cameo_root"] or "").strip()
        if not re.fullmatch(r"\d{2}", root):
            raise EquipoiseError(f"expected a two-digit CAMEO root, got {root!r}", path=str(path), line=i,
                                 field="cameo_root")
        date = (row["date"] or "").strip()
        if not re.fullmatch(r"(\d{4}(-\d\d(-\d\d)?)?|\.\.)(/(\d{4}(-\d\d(-\d\d)?)?|\.\.))?", date):
            raise EquipoiseError(f"expected YYYY[-MM[-DD]] or an interval A/B, got {date!r}", path=str(path),
                                 line=i, field="date")
        out.append(GoldEvent(row["file"].strip(), date, row["source"].strip(), (row["target"] or "").strip(),
                             root, i))
    return out


def _gold_date_ok(gold: str, text: str | None) -> bool:
    if not text:
        return False
    try:
        mine = FuzzyDate.parse(text)
    except ValueError:
        return False
    if gold.startswith("../"):
        return mine.start <= FuzzyDate.parse(gold[3:]).end
    g = FuzzyDate.parse(gold)
    return _coarse_equal(g, mine) if g.precision not in ("interval", "open") else g.overlaps(mine.start, mine.end)


def _event_of(p: Proposal, case: Case | None) -> tuple[set[str], set[str], str] | None:
    if p.kind == "new_event":
        return set(map(_canon, p.value.get("source", []))), set(map(_canon, p.value.get("target", []))), \
            str(p.value.get("code", ""))[:2]
    if p.kind == "event_evidence" and case is not None:
        e = next((e for e in case.events if e.id == (p.target or {}).get("id")), None)
        if e is not None:
            return set(map(_canon, e.source)), set(map(_canon, e.target)), e.code[:2]
    return None


def _hits(g: GoldEvent, p: Proposal, ev: tuple[set[str], set[str], str], *, root: bool = True,
          date: bool = True) -> bool:
    if g.file not in p.documents:
        return False
    src, tgt, r = ev
    if _canon(g.source) not in src or (g.target and _canon(g.target) not in tgt):
        return False
    return (not root or r == g.root) and (not date or _gold_date_ok(g.date, p.date))


@dataclass(frozen=True)
class UpdateEvaluation:
    """Recall of gold events among event proposals, and precision of the new-event proposals.

    A gold event is recovered when an event proposal (new event, or evidence for
    an event the case holds) cites a sentence of its document and has its
    source and target actors, CAMEO root and date (equal at the coarser of the
    two precisions; ``../B`` = on or before B). A new-event proposal is right
    when it recovers some gold event of one of its documents.
    """

    gold: int
    recovered: int
    recovered_no_date: int
    recovered_no_root: int
    proposals: int
    correct: int
    event_evidence: int
    misses: tuple[GoldEvent, ...]
    wrong: tuple[str, ...]
    by_kind: dict
    thresholds: tuple[dict, ...] = ()
    seconds: float | None = None
    method: str = "gold event <-> proposal: same document, actors, CAMEO root, date at the coarser precision"

    @property
    def recall(self) -> float:
        return round(self.recovered / self.gold, 4) if self.gold else float("nan")

    @property
    def precision(self) -> float:
        return round(self.correct / self.proposals, 4) if self.proposals else float("nan")

    def summary(self) -> str:
        lines = [f"recall {self.recall:.3f} ({self.recovered}/{self.gold} gold events recovered); "
                 f"without the date {self.recovered_no_date}/{self.gold}, without the CAMEO root "
                 f"{self.recovered_no_root}/{self.gold}",
                 f"precision {self.precision:.3f} ({self.correct}/{self.proposals} new-event proposals match a gold "
                 f"event; {self.proposals - self.correct} wrong); {self.event_evidence} proposal(s) add evidence to "
                 "events the case holds",
                 "proposals by kind: " + ", ".join(f"{k} {v}" for k, v in self.by_kind.items() if v)]
        lines += [f"confidence >= {r['min_confidence']:.2f}: recall {r['recall']:.3f}, precision {r['precision']:.3f} "
                  f"({r['new_events']} new-event proposals)" for r in self.thresholds]
        if self.seconds is not None:
            lines.append(f"time {self.seconds:.1f} s")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"recall": self.recall, "precision": self.precision, "gold": self.gold, "recovered": self.recovered,
                "recovered_ignoring_date": self.recovered_no_date, "recovered_ignoring_root": self.recovered_no_root,
                "new_event_proposals": self.proposals, "correct": self.correct, "wrong": list(self.wrong),
                "event_evidence_proposals": self.event_evidence, "by_kind": dict(self.by_kind),
                "misses": [{"file": g.file, "line": g.line, "date": g.date, "source": g.source, "target": g.target,
                            "cameo_root": g.root} for g in self.misses],
                "by_confidence": list(self.thresholds), "seconds": self.seconds, "method": self.method}


def evaluate_update(proposals: ProposalSet, gold: list[GoldEvent], *, case: Case | None = None,
                    seconds: float | None = None, thresholds: Sequence[float] = (0.5, 0.7)) -> UpdateEvaluation:
    """Score event proposals against gold events (only the gold rows whose document was read count),
    overall and keeping only proposals of at least each confidence in ``thresholds``."""
    read = {d.name for d in proposals.documents}
    gold = [g for g in gold if g.file in read]
    evs = [(p, e) for p in proposals.proposals if (e := _event_of(p, case)) is not None]
    rec = [g for g in gold if any(_hits(g, p, e) for p, e in evs)]
    no_date = sum(any(_hits(g, p, e, date=False) for p, e in evs) for g in gold)
    no_root = sum(any(_hits(g, p, e, root=False) for p, e in evs) for g in gold)
    new = [(p, e) for p, e in evs if p.kind == "new_event"]
    right = [p.id for p, e in new if any(_hits(g, p, e) for g in gold)]
    rows = []
    for cut in thresholds:
        kept = [(p, e) for p, e in evs if p.confidence >= cut]
        n_rec = sum(any(_hits(g, p, e) for p, e in kept) for g in gold)
        kept_new = [p for p, _ in kept if p.kind == "new_event"]
        n_right = sum(p.id in right for p in kept_new)
        rows.append({"min_confidence": cut, "recall": round(n_rec / len(gold), 4) if gold else float("nan"),
                     "precision": round(n_right / len(kept_new), 4) if kept_new else float("nan"),
                     "new_events": len(kept_new)})
    return UpdateEvaluation(len(gold), len(rec), no_date, no_root, len(new), len(right),
                            sum(p.kind == "event_evidence" for p in proposals.proposals),
                            tuple(g for g in gold if g not in rec), tuple(p.id for p, _ in new if p.id not in right),
                            proposals.counts(), tuple(rows), seconds)
