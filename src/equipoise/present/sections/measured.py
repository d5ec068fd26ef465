"""Report section "Judged and measured": measured series per key dyad with the judged relation as steps.

For each key dyad (a dyad with measured series that involves an actor of the
case's first relation), a chart draws the yearly measured series (UNGA kappa, S-score
and agreement on the left axis, ideal-point distance on the right) and the judged
period values as steps with their ranges as a band. Below: the dyad-periods whose
measurement disagrees with the judgement, next to the analyst's note, and the
Spearman correlation per period and series. Numbers from
:func:`equipoise.analysis.measure.relations.compare_relations`.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from ...case.models import Case
from ..charts import figure_html, render_fragment
from . import Section

__all__ = ["build", "key_dyads", "dyad_figure"]

LINES = (("unga_kappa", "UNGA kappa", "#1b5e9e"), ("unga_s_score", "UNGA S-score", "#4f8fcf"),
         ("unga_agreement", "UNGA agreement share", "#7fb069"))
DISTANCE = "unga_ideal_point_distance"

_TMPL = """\
<p>Beside the analyst's judged relations (steps, with their ranges shaded), series measured independently
of the case's sources: UN General Assembly voting — Cohen's kappa (Häge 2011), the S-score (Signorino &amp;
Ritter 1999) and the share of agreeing votes, over the votes both states cast — and the distance between
their UNGA ideal points (Bailey, Strezhnev &amp; Voeten 2017, right axis, larger = further apart).
{{ n_measured }} of {{ n_total }} judged dyad-periods have an independent measurement.</p>
<p class="muted">Mapping to the relation scale: each series is standardised across the case's dyad-periods and
squashed with tanh (no parameter fitted to the judged values); a scaled value says where a dyad-period stands
relative to the others, not whether it is hostile. Flags: signs disagree (both beyond ±{{ neutral }}),
measured outside the judged range, too few observations.</p>
{% for d in dyads %}<h3>{{ d.title }}</h3>
{{ d.figure }}
{% endfor %}
<h3>Where measurement and judgement part ways</h3>
{% if disagreements %}<table><thead><tr><th>dyad</th><th>period</th><th>judged</th><th>measured (scaled)</th>
<th>flags</th><th>analyst's note</th></tr></thead><tbody>
{% for r in disagreements %}<tr><td>{{ r.dyad }}</td><td>{{ r.period }}</td><td class="num">{{ r.judged }}</td>
<td>{{ r.measured }}</td><td>{{ r.flags }}</td><td>{{ r.note or "" }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p>No dyad-period's measured sign disagrees with the judgement.</p>{% endif %}
<h3>Agreement across dyads (Spearman)</h3>
<table><thead><tr><th>period</th>{% for s in series %}<th>{{ s }}</th>{% endfor %}</tr></thead><tbody>
{% for p, row in spearman %}<tr><td>{{ p }}</td>{% for s in series %}<td class="num">{{ row.get(s, "") }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
"""


def key_dyads(case: Case, measured_dyads) -> list[tuple[str, str]]:
    """Measured dyads involving an actor of the case's first relation, its focal dyad (all measured dyads if
    that leaves none)."""
    first = set(case.relations[0].actors) if case.relations else {a.code for a in case.actors[:2]}
    dyads = sorted(d for d in measured_dyads if first & set(d))
    return dyads or sorted(measured_dyads)


def dyad_figure(case: Case, dyad: tuple[str, str], comparisons) -> go.Figure:
    """Yearly measured series of ``dyad`` with the judged period values as steps and ranges as a band."""
    fig = go.Figure()
    inds = {i.series: i for i in case.indicators if sorted(i.actors) == list(dyad)}
    for series, label, colour in LINES:
        ind = inds.get(series)
        if ind is None:
            continue
        pts = sorted(ind.points, key=lambda p: p.year)
        fig.add_trace(go.Scatter(x=[p.year + 0.5 for p in pts], y=[p.value for p in pts], mode="lines+markers",
                                 name=label, line=dict(color=colour, width=1.5), marker=dict(size=4),
                                 hovertext=[f"{label} {p.year}: {p.value:.3f} (n={p.n})" for p in pts],
                                 hoverinfo="text"))
    if DISTANCE in inds:
        pts = sorted(inds[DISTANCE].points, key=lambda p: p.year)
        fig.add_trace(go.Scatter(x=[p.year + 0.5 for p in pts], y=[p.value for p in pts], mode="lines",
                                 name="ideal-point distance (right axis)", yaxis="y2",
                                 line=dict(color="#b2182b", width=1.2, dash="dot"),
                                 hovertext=[f"ideal-point distance {p.year}: {p.value:.2f}" for p in pts],
                                 hoverinfo="text"))
    today = dt.date.today()
    xs, ys, lo, hi = [], [], [], []
    for c in comparisons:
        per = case.period(c.period)
        start = per.first_day.year + (per.first_day.timetuple().tm_yday - 1) / 365.25
        last = per.last_day or today
        end = last.year + last.timetuple().tm_yday / 365.25
        xs += [start, end, None]
        ys += [c.judged[0], c.judged[0], None]
        lo += [c.judged[1], c.judged[1], None]
        hi += [c.judged[2], c.judged[2], None]
    if xs:
        fig.add_trace(go.Scatter(x=xs, y=hi, mode="lines", line=dict(width=0), showlegend=False, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=xs, y=lo, mode="lines", line=dict(width=0), fill="tonexty",
                                 fillcolor="rgba(90,90,90,0.18)", name="judged range", hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#1f2933", width=3), name="judged",
                                 hovertext=[None if y is None else f"judged {y:+.2f}" for y in ys], hoverinfo="text"))
    fig.update_layout(template="none", height=340, margin=dict(l=50, r=50, t=16, b=40),
                      legend=dict(orientation="h", y=-0.18), font=dict(family="system-ui, sans-serif", size=12),
                      yaxis=dict(range=[-1.05, 1.05], title="relation / similarity"),
                      yaxis2=dict(overlaying="y", side="right", title="distance", rangemode="tozero",
                                  showgrid=False))
    return fig


def build(case: Case, *, seed: int | None = None) -> Section:
    """The "Judged and measured" section (``seed`` unused: nothing here draws)."""
    from ...analysis.measure.relations import NEUTRAL, SERIES, compare_relations
    res = compare_relations(case)
    by_dyad: dict[tuple, list] = {}
    for r in res.relations:
        by_dyad.setdefault(r.dyad, []).append(r)
    measured = {d for d, rs in by_dyad.items() if any(m.independent for r in rs for m in r.measured.values())}
    dyads = []
    for k, d in enumerate(key_dyads(case, measured)):
        dyads.append({"title": "–".join(d), "figure": figure_html(dyad_figure(case, d, by_dyad[d]), f"fig-meas-{k}")})
    disagreements = []
    for r in res.relations:
        sign = [f for f in r.flags if "signs disagree" in f]
        if sign:
            disagreements.append({
                "dyad": "–".join(r.dyad), "period": r.period,
                "judged": f"{r.judged[0]:+.2f} ({r.judged[1]:+.2f}…{r.judged[2]:+.2f})",
                "measured": "; ".join(f"{SERIES[s][0]} {m.value:.2f} ({m.scaled:+.2f}, n={m.n})"
                                      for s, m in r.measured.items() if m.scaled is not None),
                "flags": "; ".join(sign), "note": r.note})
    series = [s for s in SERIES if any(a.series == s for a in res.agreement)]
    spearman: dict[str, dict] = {}
    for a in res.agreement:
        spearman.setdefault(a.period, {})[a.series] = "" if a.spearman is None else f"{a.spearman:+.2f} ({a.n_dyads})"
    html = render_fragment(_TMPL, dyads=dyads, disagreements=disagreements, series=series,
                           spearman=list(spearman.items()), n_measured=res.n_measured, n_total=len(res.relations),
                           neutral=NEUTRAL)
    return Section(id="measured", title="Judged and measured", html=str(html), data=res.to_dict())
