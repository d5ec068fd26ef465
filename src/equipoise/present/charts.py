"""Plotly figures and small HTML pieces shared by the report's sections.

Figures are built from case objects and rendered with :func:`figure_html` into a
``<div>`` plus a call to ``Plotly.newPlot``; the report inlines plotly.js once, so
fragments never load anything. HTML fragments go through :func:`render_fragment`
(Jinja2 with autoescaping), and evidence locators through :func:`evidence_html`.

Colours: relation strength uses a diverging red-blue scale centred on 0 (Brewer's
RdBu); event markers are coloured by CAMEO quad class [1]_.

References
----------
.. [1] Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event Observations
   Event and Actor Codebook, version 1.1b3. Pennsylvania State University.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import plotly.graph_objects as go
from jinja2 import Environment
from markupsafe import Markup

from ..case.models import Case, Evidence, Indicator, Period
from ..evidence.cameo import lookup

__all__ = [
    "PLOTLY_CONFIG", "QUAD_LABELS", "QUAD_COLOURS", "figure_html", "render_fragment", "evidence_html",
    "period_span", "timeline_figure", "relation_heatmap", "relation_network", "indicator_figure",
    "pledge_timeline", "money_text", "ingested_sources", "SERVE_URL", "fitted_range", "plain_value", "plain_text", "blocs_text",
    "wrap_label",
]

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#4f8fcf", 2: "#1b5e9e", 3: "#e08a3c", 4: "#b2182b"}
PERIOD_FILLS = ("#eef2f7", "#f7f3ea")
# a light look without plotly's full templates (copying them per figure costs ~0.1 s each)
_AXIS = dict(gridcolor="#e6eaf0", linecolor="#c9d1db", zerolinecolor="#c9d1db", automargin=True)
_LAYOUT = dict(template="none", font=dict(family="system-ui, sans-serif", size=12, color="#1f2933"),
               paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", xaxis=_AXIS, yaxis=_AXIS,
               margin=dict(l=60, r=20, t=40, b=40))

_env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


@lru_cache(maxsize=256)
def _compiled(template: str):
    return _env.from_string(template)


def render_fragment(template: str, **context) -> Markup:
    """Render a Jinja2 template string with autoescaping; returns safe HTML."""
    return Markup(_compiled(template).render(**context))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def figure_html(fig: go.Figure, div_id: str) -> Markup:
    """A figure as a ``<div id=div_id>`` and its script (plotly.js must be on the page)."""
    html = fig.to_html(full_html=False, include_plotlyjs=False, div_id=_slug(div_id), config=PLOTLY_CONFIG)
    return Markup(html)


#: where ``equipoise serve`` listens by default: report citations of ingested sources open its sentence view
SERVE_URL = "http://127.0.0.1:8000"

_EVIDENCE_TMPL = """\
{% if not groups %}<span class="noev" title="no evidence given for this value">no evidence</span>{% endif %}
{% for sid, locs, cite, url, stored in groups %}
<span class="ev">{% for loc in locs %}{% if stored %}<a href="{{ serve }}/evidence/locator/{{ loc|urlencode }}" class="open"
title="open the sentence in the web app (equipoise serve): {{ cite }}">{{ loc }}</a>{% else %}<a href="#src-{{ sid }}"
title="{{ cite }} (not in the evidence store: see Sources)">{{ loc }}</a>{% endif %}{{ ", " if not loop.last }}{% endfor %}
 <span class="cite">{{ cite }}{% if url and not stored %} <a href="{{ url }}" rel="noopener noreferrer">address</a>{% endif %}</span></span>{{ "; " if not loop.last }}
{% endfor %}"""

_INGESTED: dict[int, tuple[object, frozenset]] = {}


def ingested_sources(case: Case) -> frozenset[str]:
    """Ids of the case's sources whose text is in the user's evidence store (matched by file name).

    Reads the default store (``equipoise.datadir``) only if it exists; never creates one.
    """
    hit = _INGESTED.get(id(case))
    if hit is not None and hit[0] is case:
        return hit[1]
    from pathlib import Path

    from ..datadir import default_data_dir
    db = default_data_dir() / "equipoise.db"
    found: frozenset = frozenset()
    if db.is_file() and any(s.file for s in case.sources):
        from ..evidence.store import EvidenceStore
        try:
            with EvidenceStore(f"sqlite:///{db}") as store:
                names = {d.name for d in store.list_documents()}
        except Exception:  # an unreadable store: report every source as not stored rather than fail  # noqa: BLE001
            names = set()
        found = frozenset(s.id for s in case.sources if s.file and Path(s.file).name in names)
    if len(_INGESTED) > 32:
        _INGESTED.clear()
    _INGESTED[id(case)] = (case, found)
    return found


def _web_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("https://", "http://")) else None


def evidence_html(case: Case, evidence: Iterable[Evidence]) -> Markup:
    """Locators as ``source:paragraph:sentence`` links, grouped by source with its citation.

    A locator into a source whose text is in the evidence store links to its sentence in the
    web app (``equipoise serve``); otherwise it links to the source in the report's list and
    the source's address is given. A value without evidence is flagged ("no evidence").
    """
    groups: dict[str, list[str]] = {}
    for ev in evidence:
        groups.setdefault(ev.source, []).append(str(ev))
    by_id = {s.id: s for s in case.sources}
    stored = ingested_sources(case)
    rows = [(sid, locs, by_id[sid].citation() if sid in by_id else f"unknown source {sid}",
             _web_url(by_id[sid].url) if sid in by_id else None, sid in stored) for sid, locs in groups.items()]
    return render_fragment(_EVIDENCE_TMPL, groups=rows, serve=SERVE_URL)


# ---------------------------------------------------------------- timeline

def period_span(period: Period, *, open_end: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of ``period``; an open period ends at ``open_end``."""
    last = period.last_day if period.last_day is not None else max(open_end, period.first_day)
    return period.first_day, last


def _case_horizon(case: Case) -> dt.date:
    """The latest day the case speaks of (for drawing open periods): never today's date."""
    days = [e.date.end or e.date.start for e in case.events]
    days += [p.first_day for p in case.periods]
    days += [dt.date(p.year, 12, 31) for ind in case.indicators for p in ind.points]
    return max(days) if days else dt.date(2000, 1, 1)


def timeline_figure(case: Case, *, sequence: str = "main") -> go.Figure:
    """Events by date (x) and actor (y), coloured by CAMEO quad class, periods shaded.

    Each event is drawn once per actor taking part: a filled marker for an actor
    that acts (source), a hollow one for an actor acted upon (target). Dates of
    month, year or interval precision are drawn at their midpoint; the hover text
    gives the date as written.
    """
    actors = sorted({a for e in case.events for a in e.actors})
    fig = go.Figure()
    for quad in (1, 2, 3, 4):
        for role, symbol in (("source", "circle"), ("target", "circle-open")):
            xs, ys, texts = [], [], []
            for e in sorted(case.events, key=lambda e: (e.date.start, e.id)):
                c = lookup(e.code)
                if c is None or c.quad != quad:
                    continue
                for a in getattr(e, role):
                    xs.append(e.date.midpoint.isoformat())
                    ys.append(a)
                    texts.append(f"<b>{e.date.text}</b> ({e.date.precision})<br>"
                                 f"{'→'.join([', '.join(e.source), ', '.join(e.target)]) if e.target else ', '.join(e.source)}"
                                 f"<br>CAMEO {e.code} {c.label} (Goldstein {c.goldstein:+g})<br>{wrap_label(e.description)}")
            if not xs:
                continue
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="markers", name=f"{QUAD_LABELS[quad]} ({role})",
                legendgroup=str(quad), hovertext=texts, hoverinfo="text",
                marker=dict(symbol=symbol, size=10, color=QUAD_COLOURS[quad], line=dict(width=2, color=QUAD_COLOURS[quad])),
            ))
    horizon = _case_horizon(case)
    for i, p in enumerate(pp for pp in case.periods if pp.sequence == sequence):
        x0, x1 = period_span(p, open_end=horizon)
        fig.add_vrect(x0=x0.isoformat(), x1=x1.isoformat(), fillcolor=PERIOD_FILLS[i % 2], opacity=1,
                      layer="below", line_width=0.5, line_color="#c9d1db",
                      annotation_text=p.name, annotation_position="top left",
                      annotation=dict(font_size=10, textangle=-90, font_color="#5a6472"))
    fig.update_layout(**{**_LAYOUT, "margin": dict(l=60, r=20, t=90, b=40)},
                      height=max(340, 110 + 34 * len(actors)), hovermode="closest",
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1),
                      title=dict(text="Events by actor and date", y=0.98, yanchor="top"))
    fig.update_yaxes(categoryorder="array", categoryarray=actors[::-1], type="category")
    # the axis spans the case's events (not the periods' whole sweep); the range slider shows it all
    xrange = fitted_range([e.date.start for e in case.events] + [e.date.end or e.date.start for e in case.events])
    fig.update_xaxes(type="date", range=xrange, rangeslider=dict(visible=True, thickness=0.06))
    return fig


def fitted_range(days: Sequence[dt.date]) -> list[str] | None:
    """An x-axis range fitted to ``days`` with a margin of 5% of the span (at least 60 days)."""
    if not days:
        return None
    lo, hi = min(days), max(days)
    pad = max((hi - lo) * 0.05, dt.timedelta(days=60))
    return [(lo - pad).isoformat(), (hi + pad).isoformat()]


def wrap_label(text: str, width: int = 70, max_lines: int | None = None) -> str:
    """``text`` broken into lines of at most ``width`` characters (a longer word stands alone) joined
    by ``<br>`` for plotly hover texts and tick labels; only the first ``max_lines`` lines when given."""
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "<br>".join(lines[:max_lines])


# ---------------------------------------------------------------- relations

def relation_heatmap(codes: Sequence[str], cells: dict[tuple[str, str], tuple[float, float, float, str]],
                     *, title: str) -> go.Figure:
    """Actor-by-actor heat-map of relation strength in [-1, 1].

    ``cells`` maps a sorted dyad to ``(value, low, high, kind)``. The cell text shows
    the value and half the width of its uncertainty range (the hover text gives the
    range itself); a missing dyad stays blank.
    """
    n = len(codes)
    z = [[None] * n for _ in range(n)]
    text = [[""] * n for _ in range(n)]
    hover = [[f"{codes[i]}–{codes[j]}: no relation given" for j in range(n)] for i in range(n)]
    for i, a in enumerate(codes):
        for j, b in enumerate(codes):
            key = tuple(sorted((a, b)))
            if a == b or key not in cells:
                continue
            v, lo, hi, kind = cells[key]
            z[i][j] = v
            text[i][j] = f"{v:+.2f}<br>±{(hi - lo) / 2:.2f}" if lo != hi else f"{v:+.2f}"
            hover[i][j] = f"{a}–{b}: {v:+.2f} (range {lo:+.2f} to {hi:+.2f}), {kind.replace('_', ' ')}"
    fig = go.Figure(go.Heatmap(
        z=z, x=list(codes), y=list(codes), text=text, texttemplate="%{text}", hovertext=hover,
        hoverinfo="text", colorscale="RdBu", zmin=-1, zmax=1, zmid=0, xgap=2, ygap=2,
        colorbar=dict(title="strength", thickness=10, len=0.8), textfont=dict(size=10)))
    fig.update_layout(**_LAYOUT, title=title, height=120 + 48 * n, width=None)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="bottom")
    return fig


def relation_network(codes: Sequence[str], cells: dict[tuple[str, str], tuple[float, float, float, str]],
                     *, title: str) -> go.Figure:
    """Signed network drawing: actors on a circle (same place in every period).

    Edge colour gives the sign (blue positive, red negative), width the strength;
    a dotted edge marks a relation whose uncertainty range crosses zero, i.e. whose
    sign the case does not settle.
    """
    n = len(codes)
    pos = {c: (math.cos(math.pi / 2 - 2 * math.pi * k / n), math.sin(math.pi / 2 - 2 * math.pi * k / n))
           for k, c in enumerate(codes)}
    fig = go.Figure()
    mids_x, mids_y, mids_t = [], [], []
    for (a, b), (v, lo, hi, kind) in sorted(cells.items()):
        if a not in pos or b not in pos:
            continue
        (x0, y0), (x1, y1) = pos[a], pos[b]
        colour = "#2166ac" if v > 0 else "#b2182b" if v < 0 else "#999999"
        dash = "dot" if lo < 0 < hi or v == 0 else "solid"
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(color=colour, width=1 + 7 * abs(v), dash=dash)))
        mids_x.append((x0 + x1) / 2)
        mids_y.append((y0 + y1) / 2)
        mids_t.append(f"{a}–{b}: {v:+.2f} (range {lo:+.2f} to {hi:+.2f}), {kind.replace('_', ' ')}")
    fig.add_trace(go.Scatter(x=mids_x, y=mids_y, mode="markers", hovertext=mids_t, hoverinfo="text",
                             marker=dict(size=8, color="rgba(0,0,0,0)"), showlegend=False))
    fig.add_trace(go.Scatter(x=[pos[c][0] for c in codes], y=[pos[c][1] for c in codes], mode="markers+text",
                             text=list(codes), textposition="middle center", hoverinfo="text", showlegend=False,
                             marker=dict(size=38, color="#ffffff", line=dict(width=2, color="#3b4652")),
                             textfont=dict(size=11, color="#1f2933")))
    fig.update_layout(**_LAYOUT, title=title, height=120 + 48 * max(n, 4))
    fig.update_xaxes(visible=False, range=[-1.3, 1.3])
    fig.update_yaxes(visible=False, range=[-1.3, 1.3], scaleanchor="x")
    return fig


# ---------------------------------------------------------------- indicators

_STATUS_SYMBOL = {"stated": "circle", "derived": "diamond", "estimate": "circle-open", "computed": "square"}


_DASHES = ("solid", "dash", "dot", "dashdot", "longdash")


def _short_name(ind: Indicator, names: Sequence[str]) -> str:
    """An indicator's name without what every name in its chart shares and without its series."""
    import os
    name = ind.name.replace(f"({ind.series})", "").strip()
    prefix = os.path.commonprefix([n.replace("(", " (") for n in names]) if len(names) > 1 else ""
    prefix = prefix[: prefix.rfind(" ") + 1] if " " in prefix else ""
    short = name[len(prefix):].strip(" ,;:-–") if prefix and name.startswith(prefix) else name
    return short or name


def indicator_figure(indicators: Sequence[Indicator], *, title: str | None = None) -> go.Figure:
    """One line per indicator (hence per series): figures of different series are
    never joined, and a year missing from a series breaks its line.

    Where several statistical series measure one thing, lines are grouped in the legend
    under their series (one colour per series, one dash per measure), so the legend
    stays short. Marker shape gives each point's status (stated, derived, estimate,
    computed); error bars give ``low``/``high`` where the point has them. Money reads
    "USD 300 million" in the hover text.
    """
    fig = go.Figure()
    same_name = len({i.name for i in indicators}) == 1
    series = list(dict.fromkeys(i.series for i in indicators))
    grouped = len(series) > 1 and len(indicators) > len(series)
    names = [i.name.replace(f"({i.series})", "").strip() for i in indicators]
    measures = list(dict.fromkeys(_short_name(i, names) for i in indicators))
    palette = ("#1b5e9e", "#e08a3c", "#2e8b57", "#b2182b", "#6a3d9a", "#8c564b", "#17becf", "#7f7f7f")
    for ind in indicators:
        pts = sorted(ind.points, key=lambda p: p.year)
        years = list(range(pts[0].year, pts[-1].year + 1))
        by_year = {p.year: p for p in pts}
        ys = [by_year[y].value if y in by_year else None for y in years]
        has_err = any(p.low is not None or p.high is not None for p in pts)
        err = None
        if has_err:
            plus = [(by_year[y].high - by_year[y].value) if y in by_year and by_year[y].high is not None else 0
                    for y in years]
            minus = [(by_year[y].value - by_year[y].low) if y in by_year and by_year[y].low is not None else 0
                     for y in years]
            err = dict(type="data", symmetric=False, array=plus, arrayminus=minus, thickness=1)
        short = _short_name(ind, names)
        if grouped:
            colour = palette[series.index(ind.series) % len(palette)]
            extra = dict(name=short, legendgroup=ind.series, legendgrouptitle_text=ind.series.replace("_", " "),
                         line=dict(color=colour, dash=_DASHES[measures.index(short) % len(_DASHES)]))
        else:
            extra = dict(name=f"{'–'.join(ind.actors) if same_name else short} [{ind.series.replace('_', ' ')}]")
        fig.add_trace(go.Scatter(
            x=years, y=ys, mode="lines+markers", connectgaps=False, error_y=err,
            hovertext=[f"{ind.series}, {y}: {money_text(by_year[y].value, ind.unit)} ({by_year[y].status}; "
                       f"source {by_year[y].source})" if y in by_year else "" for y in years],
            hoverinfo="text",
            marker=dict(size=7, symbol=[_STATUS_SYMBOL[by_year[y].status] if y in by_year else "circle" for y in years]),
            **extra))
    unit = indicators[0].unit if indicators else ""
    legend = (dict(orientation="v", x=1.02, y=1, groupclick="toggleitem", font=dict(size=11)) if grouped
              else dict(orientation="h", y=-0.2))
    fig.update_layout(**{**_LAYOUT, "margin": dict(l=60, r=20, t=40 if title else 16, b=40)}, title=title,
                      height=max(360, 60 + 22 * (len(indicators) + len(series))) if grouped else 360,
                      legend=legend, yaxis_title=unit, hovermode="closest")
    fig.update_xaxes(dtick=1 if indicators and _span(indicators) <= 15 else None)
    return fig


def pledge_timeline(indicators: Sequence[Indicator], names: dict[str, str] | None = None, *,
                    title: str | None = None) -> go.Figure:
    """0/1 indicators (e.g. ATOP defence pledges) as a timeline of dyads: one row per dyad, a bar
    over the years the pledge is in force, rather than overlapping 0/1 lines."""
    names = names or {}
    fig = go.Figure()
    rows = []
    for ind in indicators:
        label = "–".join(names.get(a, a) for a in ind.actors)
        rows.append(label)
        years = sorted(p.year for p in ind.points if p.value >= 0.5)
        runs, start, prev = [], None, None
        for y in years:
            if start is None:
                start = prev = y
            elif y == prev + 1:
                prev = y
            else:
                runs.append((start, prev))
                start = prev = y
        if start is not None:
            runs.append((start, prev))
        xs, ys, texts = [], [], []
        for a, b in runs:
            xs += [a, b + 1, None]
            ys += [label, label, None]
            texts += [f"{label}: in force {a}–{b}"] * 2 + [None]
        fig.add_trace(go.Scatter(x=xs or [None], y=ys or [label], mode="lines", line=dict(width=14, color="#1b5e9e"),
                                 hovertext=texts or [f"{label}: never in force"], hoverinfo="text", showlegend=False))
    fig.update_layout(**{**_LAYOUT, "margin": dict(l=160, r=20, t=40 if title else 16, b=40)}, title=title,
                      height=80 + 34 * len(rows), xaxis_title="year (bar: pledge in force)")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows[::-1])
    return fig


def _span(indicators: Sequence[Indicator]) -> int:
    years = [p.year for i in indicators for p in i.points]
    return max(years) - min(years)


# ---------------------------------------------------------------- values in words

def money_text(value: float, unit: str) -> str:
    """A quantity in its unit as people write money: 300 in "USD million" -> "USD 300 million"."""
    parts = unit.split(maxsplit=1)
    num = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
    if len(parts) == 2 and len(parts[0]) == 3 and parts[0].isupper():  # a currency code and a scale
        return f"{parts[0]} {num} {parts[1]}"
    if len(parts) == 1 and len(unit) == 3 and unit.isupper():
        return f"{unit} {num}"
    return f"{num} {unit}".strip()


_LIST_REPR = re.compile(r"\[(?:\[[^\[\]]*\](?:, )?)+\]|\[(?:'[^']*'(?:, )?)+\]|\[\]")


def blocs_text(blocs, names: dict[str, str] | None = None) -> str:
    """Blocs as names: ``[["CHN", "RUS"], ["USA"]]`` -> "China, Russia | United States"."""
    names = names or {}
    return " | ".join(", ".join(names.get(c, c) for c in bloc) or "no one" for bloc in blocs)


def plain_value(value, *, kind: str = "", names: dict[str, str] | None = None) -> str:
    """A result value in words and numbers for a person: never a raw dict, list or ``None``.

    A forecast ``{"forecast": f, "interval": [lo, hi]}`` reads "f (80% interval lo–hi)";
    blocs (a list of lists of codes) read as names; a triangle without a configuration
    reads "ambiguous"; other missing values "not computed"; identifiers lose underscores.
    """
    if value is None:
        return "ambiguous" if kind == "triangle" else "not computed"
    if isinstance(value, dict):
        if "forecast" in value:
            text = f"{value['forecast']:.1f}"
            iv = value.get("interval")
            return text + (f" (80% interval {iv[0]:.1f}–{iv[1]:.1f})" if iv else "")
        return "; ".join(f"{k.replace('_', ' ')}: {plain_value(v, names=names)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if not value:
            return "none"
        if value and all(isinstance(v, (list, tuple)) for v in value):
            return blocs_text(value, names)
        return ", ".join(plain_value(v, names=names) for v in value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value).replace("_", " ").replace("/", " / ")


def plain_text(text: str, names: dict[str, str] | None = None) -> str:
    """Text with Python list reprs (e.g. blocs ``[['CHN', 'RUS'], ['USA']]``) rewritten in words."""
    import ast

    def sub(m: re.Match) -> str:
        try:
            return plain_value(ast.literal_eval(m.group(0)), names=names)
        except (ValueError, SyntaxError):
            return m.group(0)
    return _LIST_REPR.sub(sub, text)
