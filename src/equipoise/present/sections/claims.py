"""Report section: every claim, its source and evidence, verdict, probability and the numbers behind it."""

from __future__ import annotations

from ...case.models import Case
from ..charts import evidence_html, plain_text, render_fragment
from . import Section

__all__ = ["build"]

DRAWS = 100

_TMPL = """\
<p>{{ n }} claims: {{ counts }}. A check holding in at least 80% of draws supports a claim, in at
most 20% contradicts it; otherwise, or where the model cannot run the check, it is undetermined.</p>
{% if parted %}<p><strong>Where the documents and the data part ways:</strong></p><ul>
{% for c in parted %}<li>{{ c.id }} ({{ c.citation }}): “{{ c.text }}” — {{ c.basis }}</li>{% endfor %}</ul>{% endif %}
<table><thead><tr><th>claim</th><th>source</th><th>evidence</th><th>verdict</th><th>P</th><th>numbers behind it</th></tr></thead><tbody>
{% for c in claims %}<tr><td><strong>{{ c.id }}</strong>: {{ c.text }}</td><td>{{ c.citation }}</td><td>{{ c.ev }}</td>
<td>{{ c.verdict }}</td><td class="num">{{ c.p }}</td><td>{{ c.basis }}</td></tr>
{% endfor %}</tbody></table>
"""


def build(case: Case, *, seed: int | None = None) -> Section:
    """Evaluate every claim of ``case``."""
    from ...analysis.claims import evaluate_claims
    res = evaluate_claims(case, draws=DRAWS, seed=seed)
    rows = []
    for cr, cl in zip(res.claims, case.claims):
        rows.append({"id": cr.id, "text": cr.text, "citation": cr.citation, "ev": evidence_html(case, cl.evidence),
                     "verdict": cr.verdict, "p": "not computed" if cr.probability is None else f"{cr.probability:.2f}",
                     "basis": plain_text(cr.basis)})
    parted = [r for r in rows if r["verdict"] == "contradicted"]
    html = render_fragment(_TMPL, n=len(rows), counts=res.counts_text(), claims=rows, parted=parted)
    return Section(id="claims", title="Claims checked against the model", html=str(html), data=res.to_dict())
