"""Report section: each shipped scenario against the baseline (games, triangles, blocs, forecasts)."""

from __future__ import annotations

from ...case.models import Case
from ..charts import plain_text, plain_value, render_fragment
from . import Section

__all__ = ["build"]

#: draws per scenario and baseline: the same in the report, the web app and `equipoise scenario run`
SCENARIO_DRAWS = DRAWS = 100

_TMPL = """\
{% if not scenarios %}<p>This case has no scenarios: a scenario is a YAML file in the case's
<code>scenarios/</code> folder (see <code>equipoise scenario run --help</code>).</p>{% else %}
<p>Each scenario changes a deep copy of the case from its date; games, strategic triangles,
balance blocs and bargaining forecasts are re-run for the period it falls in ({{ draws }} seeded
draws, the same seed for baseline and scenario) and every difference is listed.</p>
{% for s in scenarios %}
<h3>{{ s.title }}</h3>
<p>From {{ s.date }}, analysed in {{ s.period }}. Changes: {{ s.changes|join("; ") }}.</p>
{% if s.error %}<p class="muted">Not run: {{ s.error }}</p>{% elif s.differences %}
<table><thead><tr><th>what</th><th>item</th><th>baseline</th><th>scenario</th><th>detail</th></tr></thead><tbody>
{% for d in s.differences %}<tr><td>{{ d.kind }}</td><td>{{ d.item }}</td><td>{{ d.baseline }}</td><td>{{ d.scenario }}</td>
<td>{{ d.detail }}</td></tr>{% endfor %}</tbody></table>
{% else %}<p>No difference against the baseline.</p>{% endif %}
{% if s.expect %}<p>The scenario's authors expected: {{ s.expect|join("; ") }}.</p>{% endif %}
{% endfor %}{% endif %}
"""


def _detail(d: dict) -> str:
    if d.get("strategy_shares"):
        return ", ".join(f"{plain_value(k)} {a:.0%}→{b:.0%}" for k, (a, b) in d["strategy_shares"].items())
    if d.get("probabilities"):
        return ", ".join(f"{plain_value(k)} {a:.0%}→{b:.0%}" for k, (a, b) in d["probabilities"].items())
    if d.get("frustration"):
        return f"frustration {d['frustration'][0]:.3g}→{d['frustration'][1]:.3g}"
    return ""


def build(case: Case, *, seed: int | None = None) -> Section:
    """Run every scenario that belongs to ``case`` (its ``scenarios/`` folder) against it."""
    from ...analysis.scenarios import analyse_period, case_scenarios, run_scenario
    from ...errors import EquipoiseError
    out, data, baselines = [], [], {}
    names = {a.code: a.name for a in case.actors}

    def baseline_for(period: str) -> dict:
        if period not in baselines:
            baselines[period] = analyse_period(case, period, draws=DRAWS, seed=seed)
        return baselines[period]

    for path, scen in case_scenarios(case):
        if isinstance(scen, str):  # a file that cannot be read: say so
            out.append({"title": path.name, "date": "", "period": "", "changes": [], "error": scen,
                        "differences": [], "expect": []})
            continue
        try:
            res = run_scenario(scen, case=case, draws=DRAWS, seed=seed, baseline_for=baseline_for)
        except EquipoiseError as exc:
            out.append({"title": scen.title, "date": scen.date, "period": scen.period or "", "changes": [],
                        "error": str(exc), "differences": [], "expect": scen.expect})
            continue
        diffs = [{**d, "detail": _detail(d), "kind": d["kind"], "item": plain_value(d["item"]),
                  "baseline": plain_value(d.get("baseline"), kind=d["kind"], names=names),
                  "scenario": plain_value(d.get("scenario"), kind=d["kind"], names=names)} for d in res.differences]
        out.append({"title": res.title, "date": res.date, "period": res.period, "changes": list(res.changes),
                    "error": None, "differences": diffs, "expect": list(res.expect)})
        data.append(res.to_dict())
    html = render_fragment(_TMPL, scenarios=out, draws=DRAWS)
    return Section(id="scenarios", title="Scenarios against the baseline", html=str(html), data=data)
