"""Report section: an interactive timeline of events by period and actor, and the event list."""

from __future__ import annotations

from markupsafe import Markup

from ...case.models import Case
from ...evidence.cameo import lookup
from ..charts import QUAD_LABELS, evidence_html, figure_html, money_text, render_fragment, timeline_figure
from . import Section

__all__ = ["build"]

_TMPL = """\
<p>Each event is a CAMEO-coded interaction (Schrodt 2012) with its Goldstein (1992) weight;
filled markers are actors that act, hollow ones actors acted upon. Shaded bands are the case's
periods. The axis spans the case's events, with the periods named along the top; the slider below it
spans the whole history. Drag to zoom, double-click to reset; click a legend entry to hide it.</p>
{{ figure }}
<details open><summary>{{ rows|length }} events</summary>
<table class="events"><thead><tr><th>date</th><th>period</th><th>actors</th><th>type</th><th>description</th><th>evidence</th></tr></thead><tbody>
{% for r, ev in rows %}<tr><td class="nowrap">{{ r.date }}<br><span class="muted">{{ r.precision }}</span></td>
<td>{{ r.period or "" }}</td><td class="nowrap">{{ r.source|join(", ") }}{% if r.target %} → {{ r.target|join(", ") }}{% endif %}</td>
<td><code>{{ r.code }}</code> {{ r.label }}<br><span class="muted">Goldstein {{ "%+g"|format(r.goldstein) if r.goldstein is not none else "?" }}</span></td>
<td>{{ r.description }}{% if r.quantity %} <span class="muted">({{ r.quantity.text }})</span>{% endif %}</td>
<td>{{ ev }}</td></tr>
{% endfor %}</tbody></table></details>
"""


def build(case: Case, *, seed: int | None = None) -> Section:
    """Timeline of ``case``'s events (``seed`` unused: nothing here draws)."""
    rows = []
    for e in sorted(case.events, key=lambda e: (e.date.start, e.id)):
        c = lookup(e.code)
        per = e.period or (p.id if (p := case.period_of(e.date.midpoint)) else None)
        rows.append({
            "id": e.id, "date": e.date.text, "precision": e.date.precision, "start": e.date.start.isoformat(),
            "end": e.date.end.isoformat() if e.date.end else None, "period": per,
            "source": list(e.source), "target": list(e.target), "code": e.code,
            "label": c.label if c else None, "goldstein": c.goldstein if c else None,
            "quad": c.quad if c else None, "quad_label": QUAD_LABELS.get(c.quad) if c else None,
            "description": e.description,
            "quantity": {"value": e.quantity.value, "unit": e.quantity.unit,
                         "text": money_text(e.quantity.value, e.quantity.unit)} if e.quantity else None,
            "evidence": [str(x) for x in e.evidence],
        })
    figure = figure_html(timeline_figure(case), "fig-timeline") if case.events else Markup("<p>No events.</p>")
    evs = {e.id: e.evidence for e in case.events}
    html = render_fragment(_TMPL, figure=figure, rows=[(r, evidence_html(case, evs[r["id"]])) for r in rows])
    return Section(id="timeline", title="Timeline of events", html=str(html), data={"events": rows})
