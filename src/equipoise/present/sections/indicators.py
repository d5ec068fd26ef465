"""Report section: indicator charts (trade, workers, capability, ...), one line per series.

Measured dyad series (UNGA votes, ideal points) are drawn in the "Judged and
measured" section instead. Charts group indicators that can share an axis: a dyad's indicators in one unit
from several series (e.g. Russia-North Korea trade from two statistical series,
drawn as two lines that are never joined), or one series across actors or dyads
(e.g. CINC for each state, ATOP defence pledges for each dyad).
"""

from __future__ import annotations

import os

from ...case.models import Case, Indicator
from ..charts import figure_html, indicator_figure, money_text, pledge_timeline, render_fragment
from . import Section

__all__ = ["build", "indicator_groups"]

_TMPL = """\
<p>Yearly series from the case, each point with its source. Figures from different
statistical series are drawn as separate lines and never joined; a missing year breaks a line.
Marker shape gives a point's status: ● stated, ◆ derived, ○ estimate, ■ computed.</p>
{% for g in groups %}
<h3>{{ g.title }}</h3>
{{ g.figure }}
<details><summary>{{ g.rows|length }} points</summary>
<table><thead><tr><th>series</th><th>actors</th><th>year</th><th>value</th><th>status</th><th>source</th><th>note</th></tr></thead><tbody>
{% for r in g.rows %}<tr><td>{{ r.series }}</td><td>{{ r.actors|join("–") }}</td><td>{{ r.year }}</td>
<td class="num">{{ r.text }}{% if r.low is not none %} <span class="muted">({{ "%g"|format(r.low) }}–{{ "%g"|format(r.high) }})</span>{% endif %}</td>
<td>{{ r.status }}</td><td><a href="#src-{{ r.source }}" title="{{ cites.get(r.source, '') }}">{{ r.source }}</a></td><td>{{ r.note or "" }}</td></tr>
{% endfor %}</tbody></table></details>
{% else %}<p class="muted">The case has no indicators.</p>
{% endfor %}
"""


def indicator_groups(case: Case) -> list[tuple[str, list[Indicator]]]:
    """Indicators grouped for charting: a dyad measured by several series in one unit
    (one line per series), else one series across actors or dyads (one line each)."""
    from ...analysis.measure.relations import SERIES  # measured dyad series: drawn in the "measured" section
    by_dyad: dict[tuple, list[Indicator]] = {}
    groups: dict[tuple, list[Indicator]] = {}
    for ind in case.indicators:
        if ind.series in SERIES:
            continue
        if len(ind.actors) == 2:
            by_dyad.setdefault(("dyad", "–".join(sorted(ind.actors)), ind.unit), []).append(ind)
        else:
            groups.setdefault(("series", ind.series, ind.unit), []).append(ind)
    for key, inds in by_dyad.items():
        if len({i.series for i in inds}) > 1:  # one dyad measured by several series: compare them
            groups[key] = inds
        else:  # otherwise one series across dyads (e.g. defence pledges)
            for ind in inds:
                groups.setdefault(("series", ind.series, ind.unit), []).append(ind)
    out = []
    for key, inds in sorted(groups.items()):
        names = list(dict.fromkeys(i.name for i in inds))
        name = names[0] if len(names) == 1 else os.path.commonprefix(names).rstrip(" ,;:-–(")
        if len(name) < 3:
            name = " / ".join(names) if key[0] == "dyad" else key[1]
        title = f"{name} ({key[1]}, {key[2]})" if key[0] == "dyad" else f"{name} ({key[2]})"
        out.append((title, sorted(inds, key=lambda i: (i.series, i.actors, i.id))))
    return out


def build(case: Case, *, seed: int | None = None) -> Section:
    """Indicator charts and point tables (``seed`` unused: nothing here draws)."""
    cites = {s.id: s.citation() for s in case.sources}
    names = {a.code: a.name for a in case.actors}
    groups, data = [], []
    for k, (title, inds) in enumerate(indicator_groups(case)):
        rows = [{"indicator": i.id, "series": i.series, "actors": list(i.actors), "unit": i.unit, "year": p.year,
                 "value": p.value, "low": p.low, "high": p.high, "status": p.status, "source": p.source,
                 "note": p.note} for i in inds for p in sorted(i.points, key=lambda p: p.year)]
        binary = all(p.value in (0, 1) for i in inds for p in i.points) and len(inds) > 1
        fig = pledge_timeline(inds, names) if binary else indicator_figure(inds)
        groups.append({"title": title, "rows": [{**r, "text": money_text(r["value"], r["unit"])} for r in rows],
                       "figure": figure_html(fig, f"fig-ind-{k}")})
        data.append({"title": title, "indicators": [i.id for i in inds], "points": rows})
    html = render_fragment(_TMPL, groups=groups, cites=cites)
    return Section(id="indicators", title="Indicators", html=str(html), data={"groups": data})
