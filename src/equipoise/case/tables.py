"""Flat tables of a case (one row per event, relation, stance, ...) for export and display."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Case

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["case_tables", "case_to_dict", "case_counts", "case_summary"]


def _ev(evs) -> str:
    return "; ".join(str(e) for e in evs)


def case_to_dict(case: Case) -> dict:
    """The case as plain JSON types (dates as their written form)."""
    data = case.model_dump(mode="json", exclude_none=True)

    def fix(obj):
        if isinstance(obj, dict):
            if set(obj) >= {"text", "precision", "start"} and len(obj) <= 4:
                return obj["text"]
            return {k: fix(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [fix(v) for v in obj]
        return obj
    return fix(data)


def case_counts(case: Case) -> dict[str, int]:
    return {k: len(getattr(case, k)) for k in
            ("sources", "actors", "periods", "events", "relations", "indicators", "issues", "claims", "games")}


def case_summary(case: Case) -> dict:
    """Id, title, data cut-off, stale items, counts and the ids of actors, periods, issues and games
    (``equipoise case show --format json``)."""
    from .validate import stale_items

    return {"id": case.case.id, "title": case.case.title,
            "cutoff": case.case.cutoff.text if case.case.cutoff else None,
            "stale": [{k: v for k, v in item.items() if k != "loc"} for item in stale_items(case)],
            "counts": case_counts(case),
            "actors": [a.code for a in case.actors], "periods": [p.id for p in case.periods],
            "issues": [i.id for i in case.issues], "games": [g.id for g in case.games]}


def case_tables(case: Case) -> dict[str, pd.DataFrame]:
    """One DataFrame per section, sorted for stable output."""
    import pandas as pd  # only the export needs it: `case show` starts without it
    t: dict[str, pd.DataFrame] = {}
    t["actors"] = pd.DataFrame([{"code": a.code, "name": a.name, "kind": a.kind, "ccode": a.ccode,
                                 "aliases": "; ".join(a.aliases), "predecessor": a.predecessor,
                                 "successor": a.successor} for a in case.actors])
    t["periods"] = pd.DataFrame([{"id": p.id, "name": p.name, "start": p.start.text,
                                  "end": p.end.text if p.end else None, "sequence": p.sequence} for p in case.periods])
    from ..evidence.cameo import lookup
    rows = []
    for e in sorted(case.events, key=lambda e: (e.date.start, e.id)):
        c = lookup(e.code)
        rows.append({"id": e.id, "date": e.date.text, "precision": e.date.precision,
                     "start": e.date.start.isoformat(), "end": e.date.end.isoformat() if e.date.end else None,
                     "source": ";".join(e.source), "target": ";".join(e.target), "code": e.code,
                     "event_type": c.label if c else None, "goldstein": c.goldstein if c else None,
                     "quad": c.quad if c else None, "kind": e.kind, "description": e.description,
                     "quantity": e.quantity.value if e.quantity else None,
                     "unit": e.quantity.unit if e.quantity else None,
                     "period": (case.period_of(e.date.midpoint).id if case.period_of(e.date.midpoint) else None),
                     "evidence": _ev(e.evidence)})
    t["events"] = pd.DataFrame(rows)
    t["relations"] = pd.DataFrame([{"a": r.dyad[0], "b": r.dyad[1], "period": r.period,
                                    "start": r.start.text if r.start else None, "value": r.value.value,
                                    "low": r.value.low, "high": r.value.high, "kind": r.kind,
                                    "note": r.note, "judgement": r.judgement, "evidence": _ev(r.evidence)}
                                   for r in case.relations])
    t["indicators"] = pd.DataFrame([{"indicator": i.id, "name": i.name, "actors": ";".join(i.actors),
                                     "series": i.series, "unit": i.unit, "year": p.year, "value": p.value,
                                     "status": p.status, "source": p.source, "note": p.note}
                                    for i in case.indicators for p in i.points])
    t["stances"] = pd.DataFrame([{"issue": i.id, "period": s.period, "actor": s.actor,
                                  "position": s.position.value, "position_low": s.position.low,
                                  "position_high": s.position.high, "salience": s.salience.value,
                                  "capability": s.capability.value, "judgement": s.judgement,
                                  "evidence": _ev(s.evidence)}
                                 for i in case.issues for s in i.stances])
    t["claims"] = pd.DataFrame([{"id": c.id, "text": c.text, "source": c.source,
                                 "checks": "; ".join(ch.kind for ch in c.all_checks),
                                 "evidence": _ev(c.evidence)} for c in case.claims])
    t["sources"] = pd.DataFrame([{"id": s.id, "citation": s.citation(), "url": s.url, "file": s.file}
                                 for s in case.sources])
    return t
