"""Report section: the sources list, with citations and how often the case cites each."""

from __future__ import annotations

from collections import Counter

from ...case.models import Case
from ..charts import _web_url, ingested_sources, render_fragment
from . import Section

__all__ = ["build", "citation_counts"]

_TMPL = """\
<p>Evidence locators read <code>source:paragraph:sentence</code>, numbered from 1 in the
source's text. Equipoise ships no third-party text. <strong>{{ stored|length }} of {{ rows|length }} sources are in
your evidence store</strong>{% if stored %} (their locators open the sentence in the web app, <code>equipoise serve</code>){% endif %}.
To check a number against its sentence, open the source's address, save the document, and add it with
<code>equipoise ingest FILE</code>; rebuild the report and its locators link to the sentence.</p>
<ol class="sources">
{% for s, n, url in rows %}<li id="src-{{ s.id }}"><code>{{ s.id }}</code> {{ s.citation() }}
{% if url %}<a href="{{ url }}" rel="noopener noreferrer">{{ url }}</a>{% elif s.url %}{{ s.url }}{% else %}<span class="muted">no address given</span>{% endif %}
<br><span class="muted">{{ s.kind }}{% if s.paragraphs %}, {{ s.paragraphs }} paragraphs{% endif %};
{% if s.id in stored %}in the evidence store{% elif s.file %}not in the evidence store (save as {{ s.file }}, then <code>equipoise ingest {{ s.file }}</code>){% else %}not in the evidence store{% endif %};
cited {{ n }} time(s) in the case</span>{% if s.note %}<br><span class="note">{{ s.note }}</span>{% endif %}</li>
{% endfor %}</ol>
"""


def citation_counts(case: Case) -> Counter:
    """How many locators (and indicator points) cite each source."""
    n: Counter = Counter()
    for group in (case.periods, case.events, case.relations, case.claims, case.games):
        for x in group:
            n.update(e.source for e in x.evidence)
    for iss in case.issues:
        for s in iss.stances:
            n.update(e.source for e in s.evidence)
        for o in iss.outcomes:
            n.update(e.source for e in o.evidence)
    for ind in case.indicators:
        n.update(p.source for p in ind.points)
    return n


def build(case: Case, *, seed: int | None = None) -> Section:
    """The sources of ``case`` with citations (``seed`` unused)."""
    counts = citation_counts(case)
    stored = ingested_sources(case)
    rows = [(s, counts.get(s.id, 0), _web_url(s.url)) for s in case.sources]
    html = render_fragment(_TMPL, rows=rows, stored=stored)
    data = [{"id": s.id, "citation": s.citation(), "author": s.author, "title": s.title, "outlet": s.outlet,
             "date": s.date.text if s.date else None, "url": s.url, "file": s.file, "kind": s.kind,
             "paragraphs": s.paragraphs, "cited": n, "in_store": s.id in stored} for s, n, _url in rows]
    return Section(id="sources", title="Sources", html=str(html), data={"sources": data})
