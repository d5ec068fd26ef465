"""Extract actors, dates, quantities and events from a document, sentence by sentence.

The pipeline: :func:`~equipoise.evidence.normalize.normalize` (one character for
one, so offsets are kept), :func:`~equipoise.evidence.segment.segment` into
paragraphs and sentences, a spin decision per paragraph
(:func:`~equipoise.evidence.spin.spin_evidence`: the paragraph's score reaches the
threshold with two or more spun forms, or with one in a document that scores as
spun), then per sentence a repaired view (:func:`~equipoise.evidence.spin.repair`)
on which dates, gazetteer names, quantities and events are found. Every span is
mapped back to the original text, and every mention's ``text`` is the original's.

Each sentence also carries its discourse *context*: the narrative date (the first
date of the latest earlier sentence in the same paragraph that has one) and the
actors of the sentence before it. Events and actor readings use the sentence's own
date, else the narrative date, else the document's reference date. The context is
reported separately from what the sentence itself names. A date after the
reference date (a plan, a deadline: "to be finished by 2030") and a vague present
("recently") are mentions of the sentence but never an event's date.

The document's reference date, against which relative dates are resolved, is the
one given, else the publication date found in the text
(:func:`~equipoise.evidence.dates.detect_reference`; a month-only date line gives
month precision, and events that inherit it are dated to the month), else the
latest date the document mentions (it cannot have been written earlier); the
``reference`` field says which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import VAGUE_PRESENT, DateMention, detect_date, detect_reference, find_dates, latest_date, to_date
from .events import EventMention, Lexicon, code_events
from .gazetteer import Gazetteer, default_gazetteer
from .normalize import normalize
from .quantities import QuantityMention, find_quantities
from .segment import segment
from .spin import SPUN_THRESHOLD, Repair, repair, spin_evidence

__all__ = ["ActorMention", "DateMention", "QuantityMention", "EventMention", "SentenceExtraction",
           "DocumentExtraction", "extract_text", "detect_date", "METHOD"]

METHOD = "gazetteer+pattern extraction (TABARI-style event coding, CAMEO 1.1b3 / Goldstein)"
_NEW_BEFORE = ("new ", "another ", "second ", "next ", "a ")
_PLACE_AFTER = re.compile(r"[\s-]+(?:region|oblast|province|governorate|prefecture|district|area|front|frontline|"
                          r"border|city|county|state)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence: ``code`` (case format), original ``text`` and ``span``.

    ``name`` is the gazetteer entry the text resolved to (e.g. "Kim Jong-un" for "Kim").
    """

    code: str
    text: str
    span: tuple[int, int]
    name: str = ""
    role: str = ""
    kind: str = ""
    generic: str = ""

    def to_dict(self) -> dict:
        return {"code": self.code, "text": self.text, "span": list(self.span), "name": self.name,
                "role": self.role, "kind": self.kind, "generic": self.generic}


@dataclass(frozen=True)
class SentenceExtraction:
    """What one sentence names; spans are ``[start, end)`` into the original document."""

    doc: str
    sentence: int
    paragraph: int
    span: tuple[int, int]
    text: str
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[QuantityMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    context_date: DateMention | None = None
    context_actors: tuple[str, ...] = ()

    @property
    def has_content(self) -> bool:
        return bool(self.actors or self.dates or self.quantities or self.events)

    def actor_codes(self) -> list[str]:
        return sorted({a.code for a in self.actors})

    def to_dict(self) -> dict:
        return {
            "doc": self.doc, "sentence": self.sentence, "paragraph": self.paragraph, "span": list(self.span),
            "text": self.text,
            "actors": [a.to_dict() for a in self.actors],
            "dates": [d.to_dict() for d in self.dates],
            "quantities": [q.to_dict() for q in self.quantities],
            "events": [e.to_dict() for e in self.events],
            "context": {"date": self.context_date.to_dict() if self.context_date else None,
                        "actors": list(self.context_actors)},
        }


@dataclass(frozen=True)
class DocumentExtraction:
    """Extraction result for one document."""

    doc: str
    doc_date: dt.date | None
    spin_score: float
    repairs: list[Repair]
    sentences: list[SentenceExtraction]
    reference_date: dt.date | None = None
    reference: str = "none"  # given | detected | latest-mentioned | none
    method: str = METHOD
    params: dict = field(default_factory=dict)

    @property
    def spun(self) -> bool:
        return self.spin_score >= SPUN_THRESHOLD

    def summary(self) -> str:
        n = len(self.sentences)
        c = sum(s.has_content for s in self.sentences)
        ev = sum(len(s.events) for s in self.sentences)
        ref = self.reference_date.isoformat() if self.reference_date else "none"
        return (f"{self.doc}: {n} sentences, {c} with evidence, {ev} events; reference date {ref} "
                f"({self.reference}); spin score {self.spin_score:.2f}, {len(self.repairs)} repairs")

    def to_dict(self) -> dict:
        return {
            "doc": self.doc, "doc_date": self.doc_date.isoformat() if self.doc_date else None,
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "reference": self.reference, "spin_score": self.spin_score, "spun": self.spun,
            "repairs": [r.to_dict() for r in self.repairs],
            "sentences": [s.to_dict() for s in self.sentences],
            "method": self.method, "params": dict(self.params),
        }


def _actor_reading(gaz: Gazetteer, key: str, text: str, a0: int, b0: int, when: dt.date | None,
                   recent: dict[str, int], doc_codes: set[str]):
    """Codes and role of a matched name, or None (a block, or a contextual name without context)."""
    entry = gaz.resolve(key, when)
    if entry is None or not entry.codes:
        return None
    codes, role = list(entry.codes), entry.role
    if entry.kind == "city" and _PLACE_AFTER.match(text, b0):
        return None  # "the Kursk region": a place, not an actor
    if entry.kind == "contextual":
        if not set(entry.context) & doc_codes:
            return None
        if len(codes) > 1:
            seen = [c for c in codes if c in recent]
            if not seen:
                return None
            codes = [max(seen, key=lambda c: recent[c])]
    if entry.kind == "person":
        role = role or "GOV"
        if when is not None and entry.end is not None and when > entry.end:
            role = "ELI"  # after the term: an elite of their own state, or of the successor state
            codes = [entry.home] if entry.home else [gaz.successor(c, when) for c in codes]
    elif when is not None:
        codes = [gaz.successor(c, when) if entry.kind in ("person",) else c for c in codes]
    if not role:
        role = gaz.role_after(text, b0)[0]
    return codes, role, entry


def extract_text(text: str, *, doc: str = "", doc_date: dt.date | None = None,
                 gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> DocumentExtraction:
    """Extract evidence from the text of one document.

    Parameters
    ----------
    text : str
        The document's text, as stored (spans refer to it).
    doc : str
        Document name, copied into every sentence record.
    doc_date : datetime.date, optional
        Publication date; relative dates ("last year") are resolved against it.
        Without it, a date stated in the document is used (see module docstring).
    gazetteer : Gazetteer, optional
        Names and idioms (default: the shipped gazetteer).
    lexicon : Lexicon, optional
        Verb lexicon for event coding (default: the shipped one,
        :func:`equipoise.evidence.events.default_lexicon`).

    Returns
    -------
    DocumentExtraction

    Examples
    --------
    >>> r = extract_text("In March 2019, Moscow hosted Kim Jong-un.", doc="x.txt")
    >>> s = r.sentences[0]
    >>> [a.code for a in s.actors], s.dates[0].start, s.events[0].code
    (['RUS', 'PRK'], '2019-03', '043')
    """
    gaz = gazetteer or default_gazetteer()
    norm = normalize(text)
    ref_precision = "day"
    if doc_date is not None:
        ref, how = doc_date, "given"
    else:
        found = detect_reference(text)
        if found is not None:
            (ref, ref_precision), how = found, "detected"
        else:
            ref = latest_date(norm)
            how = "latest-mentioned" if ref else "none"
    ref_iso = ref.isoformat()[:{"day": 10, "month": 7}.get(ref_precision, 4)] if ref is not None else None
    out: list[SentenceExtraction] = []
    repairs: list[Repair] = []
    prev_codes: tuple[str, ...] = ()
    prev_subject: tuple[str, ...] = ()
    recent: dict[str, int] = {}
    doc_codes: set[str] = set()
    index = 0
    segments = segment(text)
    # spin is decided per paragraph: a paragraph is spun when its own score reaches the threshold
    # and it has more than one spun form, or one while the document as a whole scores as spun
    scores = [(*spin_evidence(norm[p.start:p.end], gazetteer=gaz), max(1, len(norm[p.start:p.end].split())))
              for p, _ in segments]
    total = sum(n for _, _, n in scores)
    score = sum(x * n for x, _, n in scores) / total if total else 0.0
    for p_index, (para, sents) in enumerate(segments):
        narrative: DateMention | None = None
        p_score, p_hits, _ = scores[p_index]
        spun = p_score >= SPUN_THRESHOLD and (p_hits >= 2 or score >= SPUN_THRESHOLD)
        for s in sents:
            base = s.start
            view = repair(norm[s.start:s.end], spun=spun, gazetteer=gaz, offset=base)
            repairs.extend(view.repairs)
            vt = view.text

            def orig(a: int, b: int) -> tuple[int, int]:
                oa, ob = view.span(a, b)
                return oa + base, ob + base

            dates = []
            view_dates = []
            own = []  # the dates an event can take: not a decade, not a vague "recently", not after publication
            for d in find_dates(vt, ref=ref, anchor=to_date(narrative.start) if narrative else None,
                                ref_precision=ref_precision):
                a, b = orig(*d.span)
                dates.append(DateMention(d.start, d.end, d.precision, text[a:b], (a, b)))
                if d.precision != "decade" and (ref_iso is None or d.start[:len(ref_iso)] <= ref_iso) \
                        and not VAGUE_PRESENT.fullmatch(d.text):
                    view_dates.append((d.span[0], d.span[1], d.start))
                    own.append(dates[-1])
            when = to_date(own[0].start) if own else (to_date(narrative.start) if narrative else ref)
            named, actors, view_actors = [], [], []
            hits = gaz.find(vt)
            # names read from context ("Korea", "the North") see the sentence's explicit names too
            for a0, b0, key in (hits if any(h[2] in gaz.contextual for h in hits) else ()):
                ev = gaz.event(key)
                if ev is None:
                    entry = gaz.resolve(key, when)
                    if entry is not None and entry.kind != "contextual":
                        for c in entry.codes:
                            doc_codes.add(c)
            for a0, b0, key in hits:
                ev = gaz.event(key)
                if ev is not None:  # a named event ("the Korean War"): a date, not an actor
                    if not vt[max(0, a0 - 8):a0].lower().endswith(_NEW_BEFORE):
                        a, b = orig(a0, b0)
                        named.append(DateMention(ev.start, ev.end, ev.precision, text[a:b], (a, b)))
                    continue
                got = _actor_reading(gaz, key, vt, a0, b0, when, recent, doc_codes)
                if got is None:
                    continue
                codes, role, entry = got
                a, b = orig(a0, b0)
                body = key in gaz.bodies
                for code in codes:
                    actors.append(ActorMention(code, text[a:b], (a, b), entry.name, role, entry.kind, entry.generic))
                    view_actors.append((a0, b0, code, role, entry.kind, body))
                    if entry.kind != "contextual":
                        recent[code] = index * 10_000 + a0
                        doc_codes.add(code)
            quantities = []
            for q in find_quantities(vt):
                a, b = orig(*q.span)
                quantities.append(QuantityMention(q.value, q.unit, text[a:b], (a, b), q.low, q.high, q.qualifier))
            if narrative is not None:
                fallback, basis = narrative.start, "narrative"
            elif ref is not None:
                fallback, basis = ref_iso, "inherited"
            else:
                fallback, basis = None, ""
            events = []
            coded = code_events(vt, view_actors, date=fallback, dates=view_dates, previous_subject=prev_subject,
                                lexicon=lexicon) if (view_actors or prev_subject) else []
            for e in coded:
                events.append(EventMention(e.source, e.target, e.code, e.goldstein, e.quad, e.date, orig(*e.span),
                                           e.plover, e.mode, e.context, e.source_role, e.target_role,
                                           e.date_basis or (basis if e.date else ""), e.verb))
            all_dates = sorted(dates + named, key=lambda d: d.span)
            sentence = SentenceExtraction(doc, index, p_index, (s.start, s.end), s.text, actors, all_dates,
                                          quantities, events, narrative, prev_codes)
            out.append(sentence)
            index += 1
            if own:
                narrative = own[0]
            prev_codes = tuple(sentence.actor_codes())
            if events:
                prev_subject = tuple(dict.fromkeys(e.source for e in events))
            elif view_actors:
                prev_subject = (view_actors[0][2],)
    return DocumentExtraction(doc, doc_date if doc_date is not None else (ref if how == "detected" else None),
                              round(score, 4), repairs, out, ref, how,
                              params={"spun_threshold": SPUN_THRESHOLD, "gazetteer": list(gaz.sources),
                                      "spin": "per paragraph", "reference_precision": ref_precision})
