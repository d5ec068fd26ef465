"""Report section: strategic triangles, structural balance, alignment landscapes and hedging per period.

Only renders: every number comes from :mod:`equipoise.analysis.structure`.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...analysis.games.amity import is_amity_game
from ...analysis.structure import case_balance, case_landscape, hedging_index, triangle
from ...analysis.structure.triangle import CONFIGURATIONS, case_triangles
from ...errors import ModelInputError
from ...seeding import DEFAULT_SEED
from ..charts import figure_html, plain_text, render_fragment
from . import Section

__all__ = ["HEDGERS", "build"]

#: (actor, (patron, patron)) pairs for the hedging index.
HEDGERS = (("PRK", ("RUS", "CHN")),)
DRAWS = 2000
COLOURS = {"menage_a_trois": "#1b5e9e", "romantic_triangle": "#7fb2dc", "stable_marriage": "#e08a3c",
           "unit_veto": "#b2182b", "ambiguous": "#c9d1db"}
_LAYOUT = dict(template="none", font=dict(family="system-ui, sans-serif", size=12, color="#1f2933"),
               paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", margin=dict(l=60, r=20, t=50, b=40))

_TMPL = """\
<p>Structure computed from the case's relations (signed strengths in [−1, 1] with ranges). Triangles follow
Dittmer (1981): ménage à trois (all friendly), romantic triangle (a pivot friendly with two wings hostile to each
other), stable marriage (two partners against a pariah), unit veto (all hostile); roles are ranked as in Wu (1996):
pivot &gt; friend &gt; partner &gt; wing &gt; foe &gt; pariah. Probabilities come from {{ draws }} draws (seed {{ seed }})
from each relation's range; a relation within {{ threshold }} of zero counts as <em>ambiguous</em>.</p>
{% for n in notes %}<p class="flag">Not applicable: {{ n }}.</p>{% endfor %}
<h3 id="structure-triangles">Strategic triangles</h3>
{{ triangle_fig }}
<table><thead><tr><th>triangle</th>{% for p in periods %}<th>{{ p.name }}</th>{% endfor %}</tr></thead><tbody>
{% for t in triangles %}<tr><td class="nowrap">{{ t.label }}</td>
{% for c in t.cells %}<td>{% if c.error %}<span class="muted">{{ c.error }}</span>{% else %}
<strong>{{ (c.configuration or "ambiguous")|replace("_", " ") }}</strong>
{% if c.roles %}<br>{% for k, v in c.roles.items() %}{{ k }} {{ v }}{{ ", " if not loop.last }}{% endfor %}{% endif %}
<br><span class="muted">{% for k, v in c.probabilities.items() if v > 0 %}{{ k|replace("_", " ") }} {{ "%.2f"|format(v) }}{{ "; " if not loop.last }}{% endfor %}</span>
{% endif %}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{% for g in amity_games %}<p>The {{ g.actors|join("–") }} triangle is also played as a game of amity and enmity,
whose equilibria are set beside these configurations: <a href="#game-{{ g.id }}">{{ g.name }}</a>.</p>{% endfor %}
<h3 id="structure-balance">Structural balance</h3>
<p>Share of balanced closed triads (Cartwright &amp; Harary 1956) and the exact weighted frustration index: the least
total strength of relations that must change for the network to split into two internally friendly, mutually hostile
blocs (Aref, Mason &amp; Wilson 2020), with one optimal split.</p>
{{ balance_fig }}
<table><thead><tr><th>period</th><th>balanced triads</th><th>frustration</th><th>method</th><th>blocs</th><th>frustrated relations</th></tr></thead><tbody>
{% for b in balance %}<tr><td>{{ b.period }}</td>{% if b.error %}<td colspan="5" class="muted">{{ b.error }}</td>{% else %}
<td class="num">{{ b.balanced_triads }}/{{ b.triads }}</td><td class="num">{{ "%.2f"|format(b.frustration) }}</td>
<td>{{ b.method }}{{ "" if b.optimal else " (not proven optimal)" }}</td>
<td>{{ b.blocs[0]|join(", ") }} | {{ b.blocs[1]|join(", ") }}</td>
<td>{% for e in b.frustration_detail.frustrated_edges %}{{ e|join("–") }}{{ ", " if not loop.last }}{% endfor %}</td>{% endif %}</tr>
{% endfor %}</tbody></table>
<h3 id="structure-landscape">Alignment landscapes</h3>
<p>Two-bloc configurations of the actors with CINC scores (Axelrod &amp; Bennett 1993): sizes are CINC shares,
propensities the relation strengths (0 where the case states none). Each row is a local minimum (no actor gains by
switching sides), with the share of configurations whose steepest descent ends there.</p>
<table><thead><tr><th>period</th><th>CINC year</th><th>energy</th><th>basin</th><th>blocs</th></tr></thead><tbody>
{% for l in landscapes %}{% if l.error %}<tr><td>{{ l.period }}</td><td colspan="4" class="muted">not computed: {{ l.error }}</td></tr>
{% else %}{% for m in l.minima %}<tr><td>{{ l.period if loop.first else "" }}</td><td>{{ l.year if loop.first else "" }}</td>
<td class="num">{{ "%.4g"|format(m.energy) }}{{ " (global)" if m.global else "" }}</td><td class="num">{{ "%.0f"|format(100 * m.basin_share) }}%</td>
<td>{{ m.blocs[0]|join(", ") }} | {{ m.blocs[1]|join(", ") }}</td></tr>{% endfor %}{% endif %}
{% endfor %}</tbody></table>
<h3 id="structure-hedging">Hedging</h3>
<p>Hedging index 2·min(a, b)/(a + b) of an actor's positive ties a, b to two patrons: 1 for even ties, 0 for one
patron only; the band is the 5–95% range over draws.</p>
{{ hedging_fig }}
{% for h in hedging %}<table><thead><tr><th>{{ h.actor }} between {{ h.patrons|join(" and ") }}</th><th>index</th><th>5–95% range</th><th>note</th></tr></thead><tbody>
{% for r in h.periods %}<tr><td>{{ r.period }}</td><td class="num">{{ "%.2f"|format(r.index) if r.index is not none else "not computed (no positive tie at the central values)" }}</td>
<td class="num">{% if r.low is not none %}{{ "%.2f"|format(r.low) }}–{{ "%.2f"|format(r.high) }}{% else %}not computed{% endif %}</td><td>{{ r.note or "" }}</td></tr>{% endfor %}</tbody></table>
{% endfor %}
"""


def _triangle_figure(triangles, periods) -> go.Figure:
    labels = [p.id for p in periods]
    fig = make_subplots(rows=len(triangles), cols=1, shared_xaxes=True, vertical_spacing=0.04,
                        subplot_titles=[t["label"] for t in triangles])
    for row, t in enumerate(triangles, start=1):
        for conf in CONFIGURATIONS + ("ambiguous",):
            ys = [None if c.get("error") else c["probabilities"].get(conf, 0.0) for c in t["cells"]]
            fig.add_trace(go.Bar(x=labels, y=ys, name=conf.replace("_", " "), marker_color=COLOURS[conf],
                                 legendgroup=conf, showlegend=row == 1,
                                 hovertemplate=f"{t['label']}, %{{x}}: {conf.replace('_', ' ')} %{{y:.2f}}<extra></extra>"),
                          row=row, col=1)
        fig.update_yaxes(range=[0, 1], title_text="p", row=row, col=1)
    fig.update_layout(**_LAYOUT, barmode="stack", height=170 * len(triangles) + 80,
                      title="Configuration probabilities by period")
    return fig


def _balance_figure(balance) -> go.Figure:
    ok = [b for b in balance if not b.get("error")]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(x=[b["period"] for b in ok], y=[b["frustration"] for b in ok], mode="lines+markers",
                             name="frustration (weighted)"), secondary_y=False)
    fig.add_trace(go.Scatter(x=[b["period"] for b in ok], y=[b["balance_share"] for b in ok], mode="lines+markers",
                             name="share of balanced triads", line=dict(dash="dot")), secondary_y=True)
    fig.update_yaxes(title_text="frustration", secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text="balanced share", range=[0, 1], secondary_y=True)
    fig.update_layout(**_LAYOUT, height=320, title="Structural balance by period")
    return fig


def _hedging_figure(hedging) -> go.Figure:
    fig = go.Figure()
    for h in hedging:
        rows = h["periods"]
        x = [r["period"] for r in rows]
        name = f"{h['actor']} between {h['patrons'][0]} and {h['patrons'][1]}"
        fig.add_trace(go.Scatter(x=x, y=[r["high"] for r in rows], mode="lines", line=dict(width=0),
                                 showlegend=False, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=x, y=[r["low"] for r in rows], mode="lines", line=dict(width=0), fill="tonexty",
                                 fillcolor="rgba(27,94,158,0.15)", name=f"{name}: 5-95% range"))
        fig.add_trace(go.Scatter(x=x, y=[r["index"] for r in rows], mode="lines+markers", name=name,
                                 line=dict(color="#1b5e9e")))
        if any(r["trade_index"] is not None for r in rows):
            fig.add_trace(go.Scatter(x=x, y=[r["trade_index"] for r in rows], mode="markers",
                                     name=f"{name}: trade", marker=dict(symbol="diamond")))
    fig.update_yaxes(range=[0, 1.05], title_text="hedging index")
    fig.update_layout(**_LAYOUT, height=320, title="Hedging between patrons")
    return fig


def case_hedgers(case, trios) -> list[tuple[str, tuple[str, str]]]:
    """Who hedges between whom: :data:`HEDGERS` where the case holds them, else the first actor
    of each triangle (in the case's order) between the other two."""
    codes = {a.code for a in case.actors}
    known = [(a, p) for a, p in HEDGERS if {a, *p} <= codes]
    return known or [(t[0], (t[1], t[2])) for t in trios]


def build(case, *, seed: int | None = None) -> Section:
    """Triangles, balance, landscapes and hedging for every period of ``case``."""
    seed = DEFAULT_SEED if seed is None else seed
    notes: list[str] = []
    codes = {a.code for a in case.actors}
    periods = list(case.main_periods)
    triangles = []
    trios = case_triangles(case)
    for trio in trios:
        cells = []
        for p in periods:
            try:
                cells.append(triangle(case, *trio, period=p.id, draws=DRAWS, seed=seed).to_dict())
            except ModelInputError as exc:
                cells.append({"period": p.id, "error": plain_text(exc.message)})
        triangles.append({"actors": list(trio), "label": "–".join(trio), "cells": cells})
    balance, landscapes = [], []
    for p in periods:
        try:
            row = case_balance(case, p.id, weighted=True).to_dict()
            row["frustration_detail"].pop("seconds", None)  # wall time: keep the report reproducible
            balance.append(row)
        except ModelInputError as exc:
            balance.append({"period": p.id, "error": plain_text(exc.message)})
        try:
            landscapes.append(case_landscape(case, p.id, seed=seed).to_dict())
        except ModelInputError as exc:
            landscapes.append({"period": p.id, "error": plain_text(exc.message)})
    hedging = []
    for actor, pats in case_hedgers(case, trios):
        try:
            hedging.append(hedging_index(case, actor, pats, draws=DRAWS, seed=seed).to_dict())
        except ModelInputError as exc:
            notes.append(f"hedging of {actor} between {pats[0]} and {pats[1]}: {exc.message}")
    if len(codes) < 3:
        notes.append(f"the case has {len(codes)} actor(s); triangles, balance and hedging need at least three")
    elif not trios:
        notes.append("no three actors have relations among all three pairs in any period, so there is no "
                     "triangle to read")
    amity_games = [{"id": g.id, "name": g.name, "actors": [p.actor for p in g.players]} for g in case.games
                   if is_amity_game([p.actor for p in g.players], [p.strategies for p in g.players])]
    html = render_fragment(
        _TMPL, draws=DRAWS, seed=seed, threshold=0.1, periods=periods, triangles=triangles, balance=balance,
        landscapes=landscapes, amity_games=amity_games, notes=notes, hedging=hedging,
        triangle_fig=figure_html(_triangle_figure(triangles, periods), "fig-structure-triangles") if triangles else "",
        balance_fig=figure_html(_balance_figure(balance), "fig-structure-balance"),
        hedging_fig=figure_html(_hedging_figure(hedging), "fig-structure-hedging") if hedging else "")
    return Section(id="structure", title="Structure: triangles, balance, landscapes, hedging", html=str(html),
                   data={"triangles": triangles, "balance": balance, "landscapes": landscapes, "hedging": hedging,
                         "draws": DRAWS, "seed": seed, "not_applicable": notes})
