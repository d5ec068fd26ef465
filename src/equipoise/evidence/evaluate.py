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

__all__ = ["GoldFact", "FactScore", "ExtractionEvaluation", "read_gold", "evaluate_extraction", "miss_reason"]

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


def read_gold(path: str | Path) -> list[GoldFact]:
    """Read a gold table; raise :class:`EvidenceError` naming the line and field on bad input."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise EvidenceError(f"cannot read gold table: {exc.strerror}", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise EvidenceError("gold table is not UTF-8 text", path=str(path)) from exc
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
    pos = flat_text.find(_flat(fact.cue))
    sent: SentenceExtraction | None = None
    if pos >= 0:
        # map the position in the whitespace-collapsed text back to the original
        orig, k = 0, 0
        while k < pos and orig < len(text):
            if text[orig].isspace():
                while orig + 1 < len(text) and text[orig + 1].isspace():
                    orig += 1
            orig += 1
            k += 1
        sent = next((s for s in doc.sentences if s.span[0] <= orig < s.span[1]), None)
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
