"""Report section: relation heat-maps and signed network drawings per period, with uncertainty.

Relations are the case's signed strengths in [-1, 1] for a dyad in a period (or a
date range overlapping it). The heat-map prints each value with its uncertainty
range; the network drawing dots an edge whose range crosses zero.
"""

from __future__ import annotations

from markupsafe import Markup

from ...case.models import Case, Relation
from ..charts import evidence_html, figure_html, relation_heatmap, relation_network, render_fragment
from . import Section

__all__ = ["build", "relations_by_period", "relation_cells"]

_TMPL = """\
<p>Signed strength of each relation in [−1, 1] (blue: cooperative, red: hostile); "±" gives half
the width of the case's uncertainty range (hover a cell for the range, open the table for the reasoning). In the network drawings line width gives strength and a
dotted line a relation whose range straddles zero. Actors keep the same place in every period.</p>
{% for p in periods %}
<h3 id="rel-{{ p.id }}">{{ p.label }}</h3>
{% for code, label in p.stands_for %}<p class="flag">In this period <code>{{ code }}</code> is {{ label }}: the row shows the predecessor state.</p>{% endfor %}
{% if p.figures %}<div class="pair">{{ p.figures[0] }}{{ p.figures[1] }}</div>
<details><summary>{{ p.rows|length }} relations: values, reasoning and evidence</summary>
<table><thead><tr><th>dyad</th><th>kind</th><th>strength</th><th>range</th><th>reasoning</th><th>evidence</th></tr></thead><tbody>
{% for r, ev in p.rows %}<tr><td class="nowrap">{{ r.a }}–{{ r.b }}</td><td>{{ r.kind|replace("_", " ") }}</td>
<td class="num">{{ "%+.2f"|format(r.value) }}</td><td class="nowrap">{{ "%+.2f"|format(r.low) }} … {{ "%+.2f"|format(r.high) }}</td>
<td>{{ r.note or "" }}</td><td>{{ ev }}</td></tr>
{% endfor %}</tbody></table></details>
{% else %}<p class="muted">No relations given for this period.</p>{% endif %}
{% endfor %}
"""


def relations_by_period(case: Case) -> dict[str, dict[tuple[str, str], Relation]]:
    """For each period id, the relation of each dyad (by period id or date overlap)."""
    dyads = sorted({r.dyad for r in case.relations})
    out: dict[str, dict[tuple[str, str], Relation]] = {}
    for p in case.main_periods:  # dyad-specific schemes are read through the main periods
        found = {}
        for a, b in dyads:
            r = case.relation(a, b, p.id)
            if r is not None:
                found[(a, b)] = r
        out[p.id] = found
    return out


def _cells(rels: dict[tuple[str, str], Relation]) -> dict[tuple[str, str], tuple[float, float, float, str]]:
    return {d: (float(r.value.value), float(r.value.low), float(r.value.high), r.kind) for d, r in rels.items()}


def relation_cells(case: Case) -> dict[str, dict[tuple[str, str], tuple[float, float, float, str]]]:
    """For each period id, ``{dyad: (value, low, high, kind)}``: what the heat-map and network drawings take."""
    return {pid: _cells(rels) for pid, rels in relations_by_period(case).items()}


def build(case: Case, *, seed: int | None = None) -> Section:
    """Heat-map and network per period (``seed`` unused: the layout is a fixed circle)."""
    by_period = relations_by_period(case)
    codes = sorted({c for rels in by_period.values() for d in rels for c in d})
    periods, data = [], []
    for p in case.main_periods:
        rels = by_period[p.id]
        cells = _cells(rels)
        rows = [{"a": d[0], "b": d[1], "kind": r.kind, "value": r.value.value, "low": r.value.low,
                 "high": r.value.high, "note": r.note, "evidence": [str(e) for e in r.evidence]}
                for d, r in sorted(rels.items())]
        figures: list[Markup] = []
        if cells:
            figures = [figure_html(relation_heatmap(codes, cells, title=f"Heat-map, {p.name}"), f"fig-relheat-{p.id}"),
                       figure_html(relation_network(codes, cells, title=f"Network, {p.name}"), f"fig-relnet-{p.id}")]
        from ..summary import actor_label
        stands_for = [(c, actor_label(case, c, p)) for c in sorted({c for d in rels for c in d})
                      if actor_label(case, c, p) != next((a.name for a in case.actors if a.code == c), c)]
        periods.append({"id": p.id, "label": p.label, "figures": figures, "stands_for": stands_for,
                        "rows": [(r, evidence_html(case, rels[(r["a"], r["b"])].evidence)) for r in rows]})
        data.append({"period": p.id, "relations": rows})
    html = render_fragment(_TMPL, periods=periods)
    return Section(id="relations", title="Relations by period", html=str(html),
                   data={"actors": codes, "periods": data})
