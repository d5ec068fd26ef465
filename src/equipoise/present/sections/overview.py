"""Report section: what the case is, its actors with their leaders, its periods and counts."""

from __future__ import annotations

from ...case.models import Case
from ...case.tables import case_counts
from ...case.validate import check_case
from ..charts import evidence_html, render_fragment
from . import Section

__all__ = ["build"]

_TMPL = """\
{% if case.case.description %}<p class="lead">{{ case.case.description }}</p>{% endif %}
<p class="counts">{% for k, v in counts.items() %}<span class="count"><b>{{ v }}</b> {{ k }}</span>{% endfor %}</p>
{% if warnings %}<p class="flag">{{ warnings }} value(s) carry no evidence; they are marked
<span class="noev">no evidence</span> where they appear.</p>{% endif %}
<h3>Periods</h3>
<table><thead><tr><th>id</th><th>name</th><th>from</th><th>to</th><th>evidence</th></tr></thead><tbody>
{% for p, ev in periods %}<tr><td><code>{{ p.id }}</code></td><td>{{ p.name }}</td><td>{{ p.start.text }}</td>
<td>{{ p.end.text if p.end else "…" }}</td><td>{{ ev }}</td></tr>
{% endfor %}</tbody></table>
<h3>Actors</h3>
<table><thead><tr><th>code</th><th>name</th><th>kind</th><th>links</th><th>leaders</th></tr></thead><tbody>
{% for a in actors %}<tr><td><code>{{ a.code }}</code></td><td>{{ a.name }}{% if a.aliases %}
<span class="muted">({{ a.aliases|join(", ") }})</span>{% endif %}</td><td>{{ a.kind }}</td>
<td>{% if a.predecessor %}successor of {{ a.predecessor }}{% endif %}{% if a.successor %}succeeded by {{ a.successor }}{% endif %}
{% if a.members %}members: {{ a.members|join(", ") }}{% endif %}</td>
<td>{% for l in a.leaders %}{{ l.name }} <span class="muted">({{ l.role }}, {{ l.start.text }}–{{ l.end.text if l.end else "" }})</span>{{ "; " if not loop.last }}{% endfor %}</td></tr>
{% endfor %}</tbody></table>
"""


def build(case: Case, *, seed: int | None = None) -> Section:
    """Overview of ``case``: description, counts, periods and actors (``seed`` unused)."""
    counts = case_counts(case)
    warnings = len(check_case(case).warnings)
    periods = [(p, evidence_html(case, p.evidence)) for p in case.periods]
    actors = sorted(case.actors, key=lambda a: a.code)
    html = render_fragment(_TMPL, case=case, counts=counts, warnings=warnings, periods=periods, actors=actors)
    data = {
        "case": {"id": case.case.id, "title": case.case.title, "description": case.case.description,
                 "version": case.case.version, "authors": list(case.case.authors)},
        "counts": counts,
        "values_without_evidence": warnings,
        "periods": [{"id": p.id, "name": p.name, "start": p.start.text, "end": p.end.text if p.end else None,
                     "sequence": p.sequence, "evidence": [str(e) for e in p.evidence]} for p in case.periods],
        "actors": [{"code": a.code, "name": a.name, "kind": a.kind,
                    "leaders": [{"name": l.name, "role": l.role, "start": l.start.text,
                                 "end": l.end.text if l.end else None} for l in a.leaders]} for a in actors],
    }
    return Section(id="overview", title="Overview", html=str(html), data=data)
