"""Score extraction against a gold table of facts (recall overall and per field).

Gold format (``gold_facts.csv``): ``seed`` (document file name), ``date`` (ISO
``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an interval ``A/B``; empty: not scored),
``precision`` (day, month, year), ``actors`` (codes joined by ``;``), ``kind``,
``quantity`` and ``unit`` (empty: not scored), ``cue`` (a phrase of the
document) and ``description``.

A fact is found when the sentence that holds its cue has (a) a date that equals
the gold date at the gold precision (an interval needs both ends; a single gold
date may equal either end of an extracted range), (b) every gold actor, ``SUN``
and ``RUS`` standing for each other, and (c) a quantity with the same unit within
1% of the gold value. With ``context=True`` (the default) the sentence's context
(narrative date, actors of the previous sentence; see
:mod:`equipoise.evidence.extract`) counts too; the strict scores, which use only
what the sentence itself names, are always reported beside them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvidenceError
from .dates import date_key
from .extract import DocumentExtraction, SentenceExtraction
from .normalize import normalize

__all__ = ["GoldFact", "FactScore", "ExtractionEvaluation", "read_gold", "evaluate_extraction", "miss_reason",
           "GoldEvent", "CodedEvent", "PRF", "EventEvaluation", "read_gold_events", "evaluate_events", "coded_events"]

_FIELDS = ("seed", "date", "precision", "actors", "kind", "quantity", "unit", "cue", "description")
_EQUIV = {"SUN": "RUS"}
_PREC_RANK = {"decade": 0, "year": 1, "month": 2, "day": 3}


@dataclass(frozen=True)
class GoldFact:
    doc: str
    date: str
    precision: str
    actors: tuple[str, ...]
    kind: str
    quantity: float | None
    unit: str
    cue: str
    description: str
    line: int


@dataclass(frozen=True)
class FactScore:
    fact: GoldFact
    found_cue: bool
    date: bool | None
    actors: bool
    quantity: bool | None
    strict_date: bool | None
    strict_actors: bool
    sentence: int | None
    missing_actors: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return self.found_cue and self.date is not False and self.actors and self.quantity is not False

    @property
    def strict_found(self) -> bool:
        return self.found_cue and self.strict_date is not False and self.strict_actors \
            and self.quantity is not False

    def to_dict(self) -> dict:
        f = self.fact
        return {"doc": f.doc, "line": f.line, "cue": f.cue, "kind": f.kind, "found": self.found,
                "sentence": self.sentence, "cue_found": self.found_cue, "date": self.date, "actors": self.actors,
                "quantity": self.quantity, "missing_actors": list(self.missing_actors),
                "strict_found": self.strict_found}


@dataclass(frozen=True)
class ExtractionEvaluation:
    """Recall of extraction against gold facts, overall and per field."""

    scores: list[FactScore]
    recall: dict[str, float]
    strict_recall: dict[str, float]
    counts: dict[str, int]
    method: str = "sentence-cue match"
    params: dict = field(default_factory=dict)

    @property
    def misses(self) -> list[FactScore]:
        return [s for s in self.scores if not s.found]

    def summary(self) -> str:
        r, s = self.recall, self.strict_recall
        lines = [f"recall overall {r['overall']:.3f}  dates {r['dates']:.3f}  actors {r['actors']:.3f}  "
                 f"quantities {r['quantities']:.3f}  (n={self.counts['overall']})",
                 f"strict (own mentions only): overall {s['overall']:.3f}  dates {s['dates']:.3f}  "
                 f"actors {s['actors']:.3f}"]
        for m in self.misses:
            lines.append(f"miss {m.fact.doc}:{m.fact.line} {m.fact.cue!r}: " + miss_reason(m))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"recall": dict(self.recall), "strict_recall": dict(self.strict_recall), "counts": dict(self.counts),
                "misses": [m.to_dict() for m in self.misses], "facts": [s.to_dict() for s in self.scores],
                "method": self.method, "params": dict(self.params)}


def miss_reason(m: FactScore) -> str:
    if not m.found_cue:
        return "cue not found in the document"
    parts = []
    if m.date is False:
        parts.append(f"date {m.fact.date} ({m.fact.precision}) not found")
    if not m.actors:
        parts.append("actors missing " + ",".join(m.missing_actors))
    if m.quantity is False:
        parts.append(f"quantity {m.fact.quantity:g} {m.fact.unit} not found")
    return "; ".join(parts)


def _read_gold_text(path: Path, what: str) -> str:
    """The UTF-8 text of a gold file (a BOM is dropped); :class:`EvidenceError` naming the file otherwise."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise EvidenceError(f"cannot read {what}: {exc.strerror}", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise EvidenceError(f"{what} file is not UTF-8 text", path=str(path)) from exc


def read_gold(path: str | Path) -> list[GoldFact]:
    """Read a gold table; raise :class:`EvidenceError` naming the line and field on bad input."""
    path = Path(path)
    text = _read_gold_text(path, "gold table")
    reader = csv.DictReader(text.splitlines())
    missing = [f for f in ("seed", "date", "precision", "actors", "quantity", "unit", "cue")
               if f not in (reader.fieldnames or [])]
    if missing:
        raise EvidenceError(f"missing column(s) {', '.join(missing)}; expected {','.join(_FIELDS)}",
                            path=str(path), line=1)
    out = []
    for i, row in enumerate(reader, start=2):
        date, prec = (row.get("date") or "").strip(), (row.get("precision") or "").strip()
        if date and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?", date):
            raise EvidenceError(f"expected YYYY[-MM[-DD]] or A/B, got {date!r}", path=str(path), line=i,
                                field="date")
        if date and prec not in ("day", "month", "year"):
            raise EvidenceError(f"expected day, month or year, got {prec!r}", path=str(path), line=i,
                                field="precision")
        q = (row.get("quantity") or "").strip()
        try:
            qv = float(q) if q else None
        except ValueError as exc:
            raise EvidenceError(f"expected a number, got {q!r}", path=str(path), line=i, field="quantity") from exc
        if not (row.get("cue") or "").strip():
            raise EvidenceError("expected a cue phrase", path=str(path), line=i, field="cue")
        out.append(GoldFact(row["seed"].strip(), date, prec,
                            tuple(a.strip() for a in (row.get("actors") or "").split(";") if a.strip()),
                            (row.get("kind") or "").strip(), qv, (row.get("unit") or "").strip(),
                            row["cue"].strip(), (row.get("description") or "").strip(), i))
    return out


def _date_ok(fact: GoldFact, cands: list) -> bool:
    p = fact.precision
    gold = fact.date.split("/")
    for d in cands:
        if d is None or _PREC_RANK.get(d.precision, 0) < _PREC_RANK[p]:
            continue
        start, end = date_key(d.start, p), date_key(d.end, p) if d.end else None
        if len(gold) == 2:
            if start == gold[0] and end == gold[1]:
                return True
        elif gold[0] in (start, end):
            return True
    return False


def _canon(code: str) -> str:
    return _EQUIV.get(code, code)


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", normalize(s)).lower()


def _score(fact: GoldFact, doc: DocumentExtraction, text: str, flat_text: str, context: bool) -> FactScore:
    """Score one fact; ``flat_text`` is ``_flat(text)``, computed once per document."""
    sent = _cue_sentence(fact.cue, doc, text, flat_text)
    if sent is None:  # cue not in the text, or not inside any sentence
        return FactScore(fact, False, False if fact.date else None, False,
                         False if fact.quantity is not None else None, None, False, None)
    own = {_canon(c) for c in sent.actor_codes()}
    ctx = own | {_canon(c) for c in sent.context_actors}
    gold = {_canon(a) for a in fact.actors}
    strict_actors = gold <= own
    actors_ok = gold <= (ctx if context else own)
    missing = tuple(sorted(gold - (ctx if context else own)))
    strict_date = _date_ok(fact, sent.dates) if fact.date else None
    date_ok = (strict_date or (context and _date_ok(fact, [sent.context_date]))) if fact.date else None
    qty = None
    if fact.quantity is not None:
        g = fact.quantity
        qty = any(q.unit.lower() == fact.unit.lower() and abs(q.value - g) <= 0.01 * abs(g) for q in sent.quantities)
    return FactScore(fact, True, date_ok, actors_ok, qty, strict_date, strict_actors, sent.sentence, missing)


def evaluate_extraction(gold: list[GoldFact], docs: dict[str, tuple[str, DocumentExtraction]], *,
                        context: bool = True) -> ExtractionEvaluation:
    """Score ``docs`` (file name -> (text, extraction)) against ``gold`` facts.

    Facts whose document is not in ``docs`` are left out (and counted in
    ``counts['skipped']``).
    """
    flat = {name: _flat(docs[name][0]) for name in {f.doc for f in gold} if name in docs}
    scores = [_score(f, docs[f.doc][1], docs[f.doc][0], flat[f.doc], context) for f in gold if f.doc in docs]

    def rate(xs: list[bool]) -> float:
        return round(sum(xs) / len(xs), 4) if xs else float("nan")

    dated = [s for s in scores if s.fact.date]
    with_q = [s for s in scores if s.fact.quantity is not None]
    recall = {"overall": rate([s.found for s in scores]), "dates": rate([bool(s.date) for s in dated]),
              "actors": rate([s.actors for s in scores]), "quantities": rate([bool(s.quantity) for s in with_q])}
    strict = {"overall": rate([s.strict_found for s in scores]),
              "dates": rate([bool(s.strict_date) for s in dated]),
              "actors": rate([s.strict_actors for s in scores]), "quantities": recall["quantities"]}
    counts = {"overall": len(scores), "dates": len(dated), "actors": len(scores), "quantities": len(with_q),
              "skipped": len(gold) - len(scores)}
    return ExtractionEvaluation(scores, recall, strict, counts,
                                params={"context": context, "quantity_tolerance": 0.01, "equivalent": dict(_EQUIV),
                                        "docs": sorted(docs)})


# --------------------------------------------------------------------------------------------------
# Events: who did what to whom, scored against hand-coded gold events.

#: CAMEO root -> PLOVER 2.0 category (the usual crosswalk; 057 "sign formal agreement" is AGREE,
#: 087 "de-escalate militarily" is RETREAT, see :func:`equipoise.evidence.cameo.plover_for`).
_SYMMETRIC_ROOTS = {"03", "04", "05", "06"}
_EVENT_FIELDS = ("file", "date", "source", "target", "cameo_root", "plover", "cue")
_GOLD_DATE = re.compile(r"(?:\d{4}(?:-\d\d(?:-\d\d)?)?|\.\.)(?:/\d{4}(?:-\d\d(?:-\d\d)?)?)?")


@dataclass(frozen=True)
class GoldEvent:
    """One hand-coded event: ``source`` did ``root``/``plover`` to ``target`` (empty: undirected)."""

    doc: str
    source: str
    target: str
    root: str
    plover: str
    date: str
    cue: str
    description: str
    line: int
    text: str = ""  # PLOVER-style JSON gold: the record's own text

    def key(self, kind: str) -> tuple[str, str, str]:
        return (self.source, self.target, self.root if kind == "root" else self.plover)

    def to_dict(self) -> dict:
        return {"doc": self.doc, "line": self.line, "source": self.source, "target": self.target,
                "root": self.root, "plover": self.plover, "date": self.date, "cue": self.cue,
                "description": self.description}


@dataclass(frozen=True)
class CodedEvent:
    """An event the coder emitted, flattened for scoring."""

    doc: str
    sentence: int
    source: str
    target: str
    root: str
    plover: str
    date: str | None
    text: str

    def key(self, kind: str) -> tuple[str, str, str]:
        return (self.source, self.target, self.root if kind == "root" else self.plover)

    def to_dict(self) -> dict:
        return {"doc": self.doc, "sentence": self.sentence, "source": self.source, "target": self.target,
                "root": self.root, "plover": self.plover, "date": self.date, "text": self.text}


def read_gold_events(path: str | Path) -> list[GoldEvent]:
    """Read gold events: the CSV of ``news2025/gold_events.csv`` or PLOVER-style JSON.

    CSV columns: ``file, date, source, target, cameo_root, plover, quantity,
    description, cue``. JSON: a list of records (or JSON lines, or an object with a
    ``records``/``data``/``events`` list), each with ``text``, ``source`` and
    ``target`` (lists of ``{"code": ...}`` or of strings), ``event`` (a PLOVER
    category) and optionally ``id``, ``date`` and ``cameo``; a record with several
    sources or targets gives one gold event per pair.

    Raises
    ------
    EvidenceError
        Naming the line (CSV) or record (JSON) and the field that is wrong.
    """
    path = Path(path)
    text = _read_gold_text(path, "gold events")
    if text.lstrip().startswith(("[", "{")):
        return _gold_json(text, str(path))
    reader = csv.DictReader(text.splitlines())
    missing = [f for f in _EVENT_FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise EvidenceError(f"missing column(s) {', '.join(missing)}; expected {','.join(_EVENT_FIELDS)} "
                            "or a PLOVER-style JSON list", path=str(path), line=1)
    out = []
    for i, row in enumerate(reader, start=2):
        def cell(name: str) -> str:
            return (row.get(name) or "").strip()
        root, date = cell("cameo_root"), cell("date")
        if root and not re.fullmatch(r"\d{2}", root):
            raise EvidenceError(f"expected a two-digit CAMEO root, got {root!r}", path=str(path), line=i,
                                field="cameo_root")
        if date and not _GOLD_DATE.fullmatch(date):
            raise EvidenceError(f"expected YYYY[-MM[-DD]], A/B or ../B, got {date!r}", path=str(path), line=i,
                                field="date")
        if not cell("source"):
            raise EvidenceError("expected a source actor code", path=str(path), line=i, field="source")
        if not cell("cue"):
            raise EvidenceError("expected a cue phrase", path=str(path), line=i, field="cue")
        out.append(GoldEvent(cell("file"), cell("source"), cell("target"), root, cell("plover").upper(), date,
                             cell("cue"), cell("description"), i))
    return out


def _codes(value, where: str, path: str) -> list[str]:
    if value in (None, "", []):
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for x in items:
        code = x.get("code") if isinstance(x, dict) else x
        if not isinstance(code, str) or not code.strip():
            raise EvidenceError("expected a list of {code: ...} or of code strings", path=path, field=where)
        out.append(code.strip())
    return out


def _gold_json(text: str, path: str) -> list[GoldEvent]:
    import json
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = []
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    data.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise EvidenceError(f"not JSON ({exc.msg})", path=path, line=i) from exc
    if isinstance(data, dict):
        data = next((data[k] for k in ("records", "data", "events") if isinstance(data.get(k), list)), None)
        if data is None:
            raise EvidenceError("expected a list of records (or an object with a 'records' list)", path=path)
    out = []
    for n, rec in enumerate(data):
        where = f"record {n}"
        if not isinstance(rec, dict):
            raise EvidenceError("expected an object", path=path, field=where)
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            raise EvidenceError("expected a non-empty 'text'", path=path, field=f"{where}.text")
        event = rec.get("event")
        if not isinstance(event, str) or not event.strip():
            raise EvidenceError("expected 'event', a PLOVER category", path=path, field=f"{where}.event")
        sources = _codes(rec.get("source"), f"{where}.source", path)
        if not sources:
            raise EvidenceError("expected at least one source", path=path, field=f"{where}.source")
        targets = _codes(rec.get("target"), f"{where}.target", path) or [""]
        doc = str(rec.get("id", n))
        cameo = str(rec.get("cameo") or rec.get("cameo_root") or "")[:2]
        for s in sources:
            for t in targets:
                out.append(GoldEvent(doc, s, t, cameo, event.strip().upper(), str(rec.get("date") or ""), "",
                                     "", n, body))
    return out


def _date_agrees(gold: str, got: str | None) -> bool:
    """Whether an emitted ISO date agrees with a gold date at the gold's precision.

    ``A/B`` holds ``got`` inside the interval (compared at each end's precision),
    ``../B`` holds anything on or before ``B``.
    """
    if not got:
        return False
    if "/" in gold:
        a, b = gold.split("/", 1)
        lo = a == ".." or got[:len(a)] >= a
        hi = got[:len(b)] <= b
        return lo and hi and (a == ".." or len(got) >= min(len(a), len(b)))
    return len(got) >= len(gold) and got[:len(gold)] == gold


def _cue_sentence(cue: str, doc: DocumentExtraction, text: str, flat_text: str) -> SentenceExtraction | None:
    """The sentence holding ``cue`` (``flat_text`` is ``_flat(text)``), or None."""
    pos = flat_text.find(_flat(cue))
    if pos < 0:
        return None
    # map the position in the whitespace-collapsed text back to the original
    orig, k = 0, 0
    while k < pos and orig < len(text):
        if text[orig].isspace():
            while orig + 1 < len(text) and text[orig + 1].isspace():
                orig += 1
        orig += 1
        k += 1
    return next((s for s in doc.sentences if s.span[0] <= orig < s.span[1]), None)


def _locate(cue: str, doc: DocumentExtraction, text: str, flat_text: str) -> int | None:
    """Index of the sentence holding ``cue``, or None."""
    sent = _cue_sentence(cue, doc, text, flat_text)
    return None if sent is None else sent.sentence


def coded_events(doc: DocumentExtraction) -> list[CodedEvent]:
    """Every event of an extraction, flattened (codes without sector roles)."""
    from .cameo import plover_for
    out = []
    for s in doc.sentences:
        for e in s.events:
            plover = getattr(e, "plover", "") or plover_for(e.code)
            out.append(CodedEvent(doc.doc, s.sentence, e.source, e.target, e.code[:2], plover, e.date, s.text))
    return out


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts."""

    matched_gold: int
    gold: int
    matched_coded: int
    coded: int

    @property
    def precision(self) -> float:
        return self.matched_coded / self.coded if self.coded else float("nan")

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    def to_dict(self) -> dict:
        def r4(x: float) -> float | None:
            return None if x != x else round(x, 4)
        return {"precision": r4(self.precision), "recall": r4(self.recall), "f1": r4(self.f1),
                "gold": self.gold, "coded": self.coded, "matched_gold": self.matched_gold,
                "matched_coded": self.matched_coded}


@dataclass(frozen=True)
class EventEvaluation:
    """Precision and recall of coded events against gold events.

    ``scores[(level, key, mode)]`` for level ``sentence``/``document``, key
    ``root`` (source, target, CAMEO root) or ``plover`` (source, target, PLOVER)
    and mode ``strict``/``lenient``. ``dates`` is the share of strictly matched
    sentence-level events (on the root key, else PLOVER) whose date agrees with
    the gold at the gold's precision.
    """

    scores: dict[tuple[str, str, str], PRF]
    dates: PRF
    missed: list[GoldEvent]
    extra: list[CodedEvent]
    method: str = "set match per sentence (cue) and per document"
    params: dict = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"{'level':9} {'key':7} {'strict P':>9} {'R':>6} {'F1':>6}   {'lenient P':>9} {'R':>6} {'F1':>6}"]
        for level in ("sentence", "document"):
            for key in ("root", "plover"):
                s, le = self.scores.get((level, key, "strict")), self.scores.get((level, key, "lenient"))
                if s is None or not s.gold:
                    continue
                lines.append(f"{level:9} {key:7} {s.precision:9.3f} {s.recall:6.3f} {s.f1:6.3f}   "
                             f"{le.precision:9.3f} {le.recall:6.3f} {le.f1:6.3f}")
        d = self.dates
        lines.append(f"dates right at the gold's precision: {d.matched_gold}/{d.gold}"
                     + (f" ({d.recall:.3f})" if d.gold else ""))
        for g in self.missed:
            lines.append(f"missed {g.doc}:{g.line} {g.source}>{g.target or '-'} {g.root or '--'} {g.plover} "
                         f"{g.cue or g.text[:60]!r}")
        for e in self.extra:
            lines.append(f"extra  {e.doc}#{e.sentence} {e.source}>{e.target or '-'} {e.root} {e.plover} "
                         f"{e.text[:70]!r}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"scores": [{"level": lv, "key": k, "mode": m, **v.to_dict()}
                           for (lv, k, m), v in sorted(self.scores.items())],
                "dates": self.dates.to_dict(), "missed": [g.to_dict() for g in self.missed],
                "extra": [e.to_dict() for e in self.extra], "method": self.method, "params": dict(self.params)}


def _lenient_eq(g: GoldEvent, e: CodedEvent, kind: str) -> bool:
    gk, ek = g.key(kind), e.key(kind)
    if gk[2] != ek[2] or not gk[2]:
        return False
    gs, gt, es, et = _canon(gk[0]), _canon(gk[1]), _canon(ek[0]), _canon(ek[1])
    if gs == es and (gt == et or not gt):
        return True
    return g.root in _SYMMETRIC_ROOTS and gs == et and gt == es


def _match(gold: list[tuple[GoldEvent, int | None]], coded: list[CodedEvent], kind: str, lenient: bool,
           window: int) -> tuple[set[int], set[int]]:
    """Greedy one-to-one matching; returns matched gold and coded indices."""
    mg, mc = set(), set()
    for i, (g, sent) in enumerate(gold):
        for j, e in enumerate(coded):
            if j in mc or e.doc != g.doc:
                continue
            if sent is not None and abs(e.sentence - sent) > window:
                continue
            ok = _lenient_eq(g, e, kind) if lenient else (g.key(kind) == e.key(kind) and bool(g.key(kind)[2]))
            if ok:
                mg.add(i)
                mc.add(j)
                break
    return mg, mc


def _key_event(doc: str, key: tuple[str, str, str], kind: str) -> GoldEvent:
    root, plover = (key[2], "") if kind == "root" else ("", key[2])
    return GoldEvent(doc, key[0], key[1], root, plover, "", "", "", 0)


def evaluate_events(gold: list[GoldEvent], docs: dict[str, tuple[str, DocumentExtraction]], *,
                    since: str | None = None) -> EventEvaluation:
    """Score the events of ``docs`` (name -> (text, extraction)) against ``gold``.

    Per sentence: a gold event is found by a coded event in the sentence holding
    its cue (lenient: that sentence or a neighbour) with the same key; coded
    events with the same key in one sentence count once. Per
    document: the sets of distinct keys of gold and coded events are compared.
    Strict keys must be equal; lenient keys count ``SUN`` and ``RUS`` as one, let
    an undirected gold event (empty target) match any target, and let the
    symmetric roots (03-06: intent, consult, diplomatic and material cooperation)
    match in either direction. Gold events whose document is not in ``docs`` are
    left out (``params['skipped']``); a JSON gold record's whole text is its
    sentence. With ``since`` (ISO ``YYYY[-MM[-DD]]``), coded events dated before
    it are left out, for a gold that codes only events from then on (background
    is not coded).

    References
    ----------
    .. [1] Schrodt, P. A. and Van Brackle, D. (2013). Automated Coding of Political
       Event Data. In Handbook of Computational Approaches to Counterterrorism,
       Springer, 23-49 (precision and recall of coded events against human coders).
    """
    flat = {name: _flat(t) for name, (t, _) in docs.items()}
    located = [(g, (_locate(g.cue, docs[g.doc][1], docs[g.doc][0], flat[g.doc]) if g.cue else None))
               for g in gold if g.doc in docs]
    coded = [e for name in sorted(docs) for e in coded_events(docs[name][1])]
    if since:
        coded = [e for e in coded if not e.date or e.date[:len(since)] >= since[:len(e.date)]]
    scores: dict[tuple[str, str, str], PRF] = {}
    strict: dict[str, tuple[set[int], set[int]]] = {}
    for kind in ("root", "plover"):
        usable = [i for i, (g, _) in enumerate(located) if g.key(kind)[2]]
        gl = [located[i] for i in usable]
        if not gl:
            continue
        gold_keys = sorted({(g.doc, g.key(kind)) for g, _ in gl})
        coded_keys = sorted({(e.doc, e.key(kind)) for e in coded})
        # per sentence a key counts once ("visited and briefed" is one 04 event), as in PETRARCH's output
        once = list({(e.doc, e.sentence, e.key(kind)): e for e in reversed(coded)}.values())[::-1]
        for mode in ("strict", "lenient"):
            lenient = mode == "lenient"
            mg, mc = _match(gl, once, kind, lenient, 1 if lenient else 0)
            scores[("sentence", kind, mode)] = PRF(len(mg), len(gl), len(mc), len(once))
            if not lenient:
                strict[kind] = ({usable[i] for i in mg}, mc, once)
            # document level: distinct keys per document
            gk = [(_key_event(d, k, kind), None) for d, k in gold_keys]
            ck = [CodedEvent(d, 0, k[0], k[1], k[2] if kind == "root" else "", k[2] if kind == "plover" else "",
                             None, "") for d, k in coded_keys]
            mg2, mc2 = _match(gk, ck, kind, lenient, 0)
            scores[("document", kind, mode)] = PRF(len(mg2), len(gk), len(mc2), len(ck))
    matched_g, matched_c, listed = strict.get("root") or strict.get("plover") or (set(), set(), coded)
    if "root" in strict and "plover" in strict:  # gold events without a root are matched on PLOVER
        no_root = {i for i, (g, _) in enumerate(located) if not g.root}
        matched_g |= strict["plover"][0] & no_root
    # dates, over the strictly matched sentence-level pairs (gold with a date only)
    dated = hits = 0
    for i in matched_g:
        g, sent = located[i]
        if not g.date:
            continue
        dated += 1
        kind = "root" if g.root else "plover"
        cands = [e for e in coded if e.doc == g.doc and e.sentence == sent and e.key(kind) == g.key(kind)]
        if any(_date_agrees(g.date, e.date) for e in cands):
            hits += 1
    missed_idx = set(range(len(located))) - matched_g
    missed = [located[i][0] for i in sorted(missed_idx)]
    extra = [e for j, e in enumerate(listed) if j not in matched_c]
    return EventEvaluation(scores, PRF(hits, dated, hits, dated), missed, extra,
                           params={"equivalent": dict(_EQUIV), "symmetric_roots": sorted(_SYMMETRIC_ROOTS),
                                   "lenient_window": 1, "docs": sorted(docs), "since": since,
                                   "skipped": sum(1 for g in gold if g.doc not in docs)})
