"""What the pages show, computed once per case and cached.

:class:`CaseView` wraps one loaded case. Each method returns plain data for a
template (or a result object whose ``to_dict()`` the JSON API returns) and is
computed on first use, then kept. Analysis modules are imported lazily, on first
use.
"""

from __future__ import annotations

import html
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

from ...case import Case, check_case
from ...case.tables import case_counts, case_summary
from ...case.validate import stale_items
from ...evidence.cameo import lookup

__all__ = ["CaseValue", "CaseView", "shared_view", "plotly_json", "value_key"]


def plotly_json(fig: Any) -> str:
    """A plotly figure (or dict) as JSON safe to place inside ``<script type="application/json">``."""
    from plotly.utils import PlotlyJSONEncoder
    text = fig.to_json() if hasattr(fig, "to_json") else json.dumps(fig, cls=PlotlyJSONEncoder)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def esc(text: Any) -> str:
    """Escape text that plotly renders as HTML-like markup (labels, hover text)."""
    return html.escape(str(text), quote=False)


def value_key(kind: str, *parts: Any) -> str:
    """The URL key of one case value, e.g. ``relation/PRK-RUS@turn3``."""
    return f"{kind}/" + "@".join(str(p) for p in parts)


@dataclass(frozen=True)
class CaseValue:
    """One evidence-bearing value of a case (an event, relation, stance, claim, ...)."""

    kind: str
    key: str
    label: str
    detail: str
    evidence: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"/evidence/value/{self.key}"


class CaseView:
    """One case with its derived page data, cached per key."""

    def __init__(self, case: Case, *, seed: int | None = None, name: str = "case"):
        from ...seeding import DEFAULT_SEED
        self.case = case
        self.seed = DEFAULT_SEED if seed is None else seed  # reported in every result, as the CLI does
        self.name = name
        self._cache: dict[Any, Any] = {}  # page data (string keys): a fixed set, kept
        self._lru: OrderedDict[Any, Any] = OrderedDict()  # per-parameter results (tuple keys), bounded
        self._locks: dict[Any, threading.Lock] = {}  # only while a key is being computed
        self._guard = threading.Lock()
        self._pending: dict[Any, Any] = {}  # key -> Future computing it in a worker process

    # ------------------------------------------------------------ caching
    MAX_CACHED = 256  # parameterised results kept (least recently used dropped first)

    def _get(self, key: Any) -> Any:
        with self._guard:
            if key in self._cache:
                return self._cache[key]
            if key in self._lru:
                self._lru.move_to_end(key)
                return self._lru[key]
        raise KeyError(key)

    def cached(self, key: Any, fn: Callable[[], Any]) -> Any:
        """``fn()`` computed once for ``key`` (thread-safe; concurrent callers wait for the
        first); errors are not cached. String keys (the pages) are kept; tuple keys (one per
        parameter combination) live in an LRU cache of :attr:`MAX_CACHED` entries, so distinct
        parameters cannot grow memory without end. When a worker process is computing ``key``
        (see :meth:`compute_elsewhere`), its result is awaited instead; should it fail, ``fn()``
        runs here."""
        try:
            return self._get(key)
        except KeyError:
            pass
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        try:
            with lock:
                try:
                    return self._get(key)
                except KeyError:
                    future = self._pending.pop(key, None)  # a worker process computing it (compute_elsewhere)
                    try:
                        value = future.result() if future is not None else fn()
                    except Exception:
                        if future is None:
                            raise
                        value = fn()
                with self._guard:
                    if isinstance(key, str):
                        self._cache[key] = value
                    else:
                        self._lru[key] = value
                        while len(self._lru) > self.MAX_CACHED:
                            self._lru.popitem(last=False)
                return value
        finally:
            with self._guard:  # the lock is needed only while computing (failed keys included)
                if self._locks.get(key) is lock:
                    del self._locks[key]

    def compute_elsewhere(self, key: Any, future) -> None:
        """Let ``future`` (a :class:`concurrent.futures.Future`) supply ``key``'s value, unless already cached."""
        if key not in self._cache:
            self._pending[key] = future

    # ------------------------------------------------------------ overview
    def overview(self) -> dict:
        def build() -> dict:
            c = self.case
            report = check_case(c)
            return {
                "id": c.case.id, "title": c.case.title, "description": c.case.description,
                "counts": case_counts(c),
                "actors": [{"code": a.code, "name": a.name, "kind": a.kind,
                            "leaders": ", ".join(ld.name for ld in a.leaders)} for a in c.actors],
                "periods": [{"id": p.id, "name": p.name, "start": p.start.text,
                             "end": p.end.text if p.end else "", "sequence": p.sequence} for p in c.periods],
                "issues": [{"id": i.id, "name": i.name, "stances": len(i.stances)} for i in c.issues],
                "sources": [{"id": s.id, "citation": s.citation(), "url": s.url, "file": s.file, "kind": s.kind}
                            for s in c.sources],
                "warnings": [str(w) for w in report.warnings],
                "errors": [str(e) for e in report.errors],
                "cutoff": c.case.cutoff.text if c.case.cutoff else None,
                "stale": [{k: v for k, v in x.items() if k != "loc"} for x in stale_items(c)],
            }
        return self.cached("overview", build)

    def case_summary(self) -> dict:
        """What ``equipoise case show --format json`` prints."""
        return case_summary(self.case)

    # ------------------------------------------------------------ timeline
    def events(self) -> list[dict]:
        def build() -> list[dict]:
            from ..charts import money_text
            case = self.case
            rows = []
            for ev in sorted(case.events, key=lambda e: (e.date.start, e.id)):  # the order of the events table
                code = lookup(ev.code)
                root = lookup(ev.code[:2])
                period = case.period_of(ev.date.midpoint)
                rows.append({
                    "id": ev.id, "date": ev.date.text, "start": ev.date.start.isoformat(),
                    "end": (ev.date.end or ev.date.start).isoformat(),
                    "precision": ev.date.precision, "source": list(ev.source), "target": list(ev.target),
                    "actors": ev.actors, "code": ev.code, "event_type": (code.label if code else None) or "",
                    "root": ev.code[:2], "root_label": root.label if root else ev.code[:2],
                    "goldstein": None if code is None else float(code.goldstein),
                    "description": ev.description, "kind": ev.kind or "",
                    "quantity": money_text(ev.quantity.value, ev.quantity.unit) if ev.quantity else "",
                    "period": period.id if period else "",
                    "evidence": [str(x) for x in ev.evidence],
                    "sources": sorted({x.source for x in ev.evidence}),
                })
            return rows
        return self.cached("events", build)

    def timeline_options(self) -> dict:
        def build() -> dict:
            evs = self.events()
            names = {a.code: a.name for a in self.case.actors}
            types = sorted({(e["root"], e["root_label"]) for e in evs})
            return {
                "actors": [(a, names.get(a, a)) for a in sorted({x for e in evs for x in e["actors"]})],
                "periods": [(p.id, p.name) for p in self.case.periods],
                "types": types,
                "sources": sorted({s for e in evs for s in e["sources"]}),
            }
        return self.cached("timeline_options", build)

    def check_filters(self, *, actor: str = "", period: str = "", etype: str = "", source: str = "") -> dict:
        """The timeline filters, each checked against what the case offers."""
        from ...errors import EquipoiseError
        opts = self.timeline_options()
        allowed = {"actor": [a for a, _ in opts["actors"]], "period": [p for p, _ in opts["periods"]],
                   "type": [t for t, _ in opts["types"]], "source": opts["sources"]}
        sel = {"actor": actor, "period": period, "type": etype, "source": source}
        for what, value in sel.items():
            if value and value not in allowed[what]:
                shown = ", ".join(allowed[what][:12]) + (" ..." if len(allowed[what]) > 12 else "")
                raise EquipoiseError(f"unknown {what} {value!r} (expected one of {shown or 'nothing'})", field=what)
        return sel

    def filter_events(self, *, actor: str = "", period: str = "", etype: str = "", source: str = "") -> list[dict]:
        out = []
        for e in self.events():
            if actor and actor not in e["actors"]:
                continue
            if period and e["period"] != period:
                continue
            if etype and e["root"] != etype:
                continue
            if source and source not in e["sources"]:
                continue
            out.append(e)
        return out

    def timeline_figure_for(self, events: list[dict], *, filtered: bool) -> str | None:
        """The timeline figure of ``events`` (``None`` if there are none). The unfiltered figure
        is computed once and kept; filtered ones (many combinations) are computed per request."""
        if not events:
            return None
        if filtered:
            return self.timeline_figure(events)
        return self.cached("timeline_fig", lambda: self.timeline_figure(events))

    def timeline_figure(self, events: list[dict]) -> str:
        import plotly.graph_objects as go
        xs, ys, texts, colors = [], [], [], []
        for e in events:
            for a in e["source"]:
                xs.append(e["start"])
                ys.append(a)
                texts.append(esc(f"{e['date']}: {e['description']}"))
                colors.append(e["goldstein"] if e["goldstein"] is not None else 0)
        fig = go.Figure(go.Scatter(
            x=xs, y=ys, mode="markers", text=texts, hoverinfo="text",
            marker={"size": 11, "color": colors, "colorscale": "RdBu", "cmin": -10, "cmax": 10,
                    "colorbar": {"title": {"text": "Goldstein"}}, "line": {"width": 1, "color": "#333"}}))
        # the axis fits the events shown (re-fitted when filtered); the periods it crosses are named on it
        import datetime as dt

        from ..charts import PERIOD_FILLS, fitted_range
        days = [dt.date.fromisoformat(e["start"]) for e in events] + \
            [dt.date.fromisoformat(e.get("end") or e["start"]) for e in events]
        xrange = fitted_range(days)
        lo, hi = dt.date.fromisoformat(xrange[0]), dt.date.fromisoformat(xrange[1])
        main = [p for p in self.case.periods if p.sequence == "main"]
        for i, p in enumerate(main):
            end = p.last_day or hi
            if end < lo or p.first_day > hi:
                continue
            fig.add_vrect(x0=max(p.first_day, lo).isoformat(), x1=min(end, hi).isoformat(),
                          fillcolor=PERIOD_FILLS[i % 2], opacity=1, layer="below", line_width=0.5,
                          line_color="#c9d1db", annotation_text=esc(p.name), annotation_position="top left",
                          annotation={"font_size": 10, "font_color": "#5a6472"})
        fig.update_layout(height=max(260, 40 * len(set(ys)) + 120), margin={"l": 60, "r": 20, "t": 40, "b": 40},
                          yaxis={"title": {"text": "initiating actor"}, "categoryorder": "category ascending"},
                          xaxis={"title": {"text": "date"}, "type": "date", "range": xrange},
                          template="plotly_white")
        return plotly_json(fig)

    # ------------------------------------------------------------ evidence links
    def case_values(self) -> list[CaseValue]:
        """Every case value that can cite evidence, with its locators."""
        def build() -> list[CaseValue]:
            c = self.case
            out: list[CaseValue] = []

            def add(kind: str, key: str, label: str, detail: str, evs) -> None:
                out.append(CaseValue(kind, key, label, detail, tuple(str(x) for x in evs)))
            for p in c.periods:
                add("period", value_key("period", p.id), f"period {p.id}", p.label, p.evidence)
            for e in c.events:
                add("event", value_key("event", e.id), f"event {e.id} ({e.date})", e.description, e.evidence)
            for r in c.relations:
                when = r.period or (r.start.text if r.start else "")
                add("relation", value_key("relation", "-".join(r.dyad), when),
                    f"relation {'–'.join(r.dyad)} in {when}",
                    f"{r.value.value:+.2f} [{r.value.low:+.2f}, {r.value.high:+.2f}] {r.kind}"
                    + (f": {r.note}" if r.note else ""), r.evidence)
            for i in c.issues:
                for s in i.stances:
                    add("stance", value_key("stance", i.id, s.actor, s.period),
                        f"stance of {s.actor} on {i.id} in {s.period}",
                        f"position {s.position.value:g}, salience {s.salience.value:g}, "
                        f"capability {s.capability.value:g}" + (f": {s.note}" if s.note else ""), s.evidence)
                for o in i.outcomes:
                    add("outcome", value_key("outcome", i.id, o.period), f"outcome of {i.id} in {o.period}",
                        f"{o.value.value:g}" + (f": {o.note}" if o.note else ""), o.evidence)
            for cl in c.claims:
                add("claim", value_key("claim", cl.id), f"claim {cl.id}", cl.text, cl.evidence)
            for g in c.games:
                add("game", value_key("game", g.id), f"game {g.id}", g.name, g.evidence)
            return out
        return self.cached("case_values", build)

    def value(self, key: str) -> CaseValue | None:
        for v in self.case_values():
            if v.key == key:
                return v
        return None

    def values_citing(self) -> dict[str, list[CaseValue]]:
        """Locator (``src``, ``src:p`` or ``src:p:s``) -> the case values citing exactly it."""
        def build() -> dict[str, list[CaseValue]]:
            idx: dict[str, list[CaseValue]] = {}
            for v in self.case_values():
                for loc in v.evidence:
                    idx.setdefault(loc, []).append(v)
            return idx
        return self.cached("values_citing", build)

    def values_for_sentence(self, source: str, paragraph: int, sentence: int) -> list[CaseValue]:
        """Case values citing this sentence, its paragraph as a whole, or the whole source."""
        idx = self.values_citing()
        out = idx.get(f"{source}:{paragraph}:{sentence}", [])
        return list(out)

    def values_for_paragraph(self, source: str, paragraph: int) -> list[CaseValue]:
        return list(self.values_citing().get(f"{source}:{paragraph}", []))


_VIEWS: dict[tuple, CaseView] = {}
_VIEWS_LOCK = threading.Lock()


def _case_fingerprint(case_path) -> tuple:
    """Resolved path of a case plus name, size and mtime of each of its YAML files."""
    from pathlib import Path

    from ...case import default_case_path
    root = Path(case_path) if case_path is not None else default_case_path()
    files = [root] if root.is_file() else sorted(root.glob("*.y*ml")) if root.is_dir() else []
    return (str(root.resolve()),) + tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files)


def shared_view(case_path, *, seed: int | None = None) -> CaseView:
    """One :class:`CaseView` per case file state and seed in this process, so apps over the
    same case (several workers, tests) compute each result once. A changed file gives a new view."""
    from ...case import load_case
    key = (_case_fingerprint(case_path), seed)
    with _VIEWS_LOCK:
        view = _VIEWS.get(key)
    if view is None:
        view = CaseView(load_case(case_path), seed=seed, name=str(case_path or "default"))
        with _VIEWS_LOCK:
            view = _VIEWS.setdefault(key, view)
    return view
