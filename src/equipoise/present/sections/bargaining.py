"""Report section: bargaining forecasts per issue and period, beside the actors' positions, and retrodiction.

For each issue and period with stances, one chart shows each actor's position
(with its range) and each model's forecast with its 80% Monte Carlo interval;
where the case records the outcome, a table gives each model's error.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ...analysis.bargaining.case import CaseForecastResult, forecast_case_issues
from ...analysis.bargaining.models import MODEL_NAMES
from ...case.models import Case
from ...seeding import DEFAULT_SEED
from ..charts import figure_html, render_fragment, wrap_label
from . import Section

__all__ = ["build", "forecast_figure", "REPORT_DRAWS"]

REPORT_DRAWS = 500
_MODEL_COLOURS = {"compromise": "#1b5e9e", "median": "#e08a3c", "nash": "#2e8b57", "expected-utility": "#b2182b"}

_TMPL = """\
<p>Forecasts of how each issue settles, from the actors' positions, saliences and capabilities
(0–100 scale): the compromise model (capability × salience weighted mean), the weighted median,
the asymmetric Nash bargaining solution and Bueno de Mesquita's expected-utility model as formalised
by Scholz, Calbert &amp; Smith (2011), run for {{ rounds }} rounds. Bars give the central 80% of
{{ draws }} Monte Carlo draws from the stated ranges (seed {{ seed }}). On the DEU data of EU
legislation the compromise model is as accurate as any (mean absolute error about 24 on 0–100;
see <code>equipoise evaluate deu</code>).</p>
{% if skipped %}<p class="muted">Not forecast, because the question had not arisen: {{ skipped|join("; ") }}.</p>{% endif %}
{% for b in blocks %}
<h3>{{ b.title }}</h3>
{{ b.figure }}
<table><thead><tr><th>model</th><th>forecast</th><th>80% interval</th>{% if b.outcome is not none %}<th>error</th>{% endif %}</tr></thead><tbody>
{% for f in b.rows %}<tr><td>{{ f.model }}</td><td class="num">{{ "%.1f"|format(f.forecast) }}</td>
<td class="num">{% if f.low is not none %}{{ "%.1f"|format(f.low) }}–{{ "%.1f"|format(f.high) }}{% endif %}</td>
{% if b.outcome is not none %}<td class="num">{{ "%.1f"|format(f.error) }}</td>{% endif %}</tr>
{% endfor %}</tbody></table>
{% if b.outcome is not none %}<p>Recorded outcome: {{ "%.1f"|format(b.outcome) }}.</p>{% endif %}
{% else %}<p class="muted">The case has no issue with stances of two or more actors in a period.</p>
{% endfor %}
{% if retro %}
<h3>Retrodiction</h3>
<table><thead><tr><th>issue</th><th>period</th><th>outcome</th>{% for m in models %}<th>{{ m }} error</th>{% endfor %}</tr></thead><tbody>
{% for r in retro %}<tr><td>{{ r.issue }}</td><td>{{ r.period }}</td><td class="num">{{ "%.1f"|format(r.outcome) }}</td>
{% for m in models %}<td class="num">{{ "%.1f"|format(r.errors[m]) }}</td>{% endfor %}</tr>
{% endfor %}
<tr><td colspan="3"><strong>mean absolute error</strong></td>{% for m in models %}<td class="num"><strong>{{ "%.1f"|format(mae[m]) }}</strong></td>{% endfor %}</tr>
</tbody></table>
{% endif %}
"""


def forecast_figure(res: CaseForecastResult, *, title: str, names: dict[str, str] | None = None,
                    anchors=None) -> go.Figure:
    """Actors' positions (with ranges) and model forecasts (with 80% intervals) on the 0-100 axis.

    Rows are labelled in full (actor names, "forecast by the <model> model"); the x axis names
    the issue's scale with its anchors as tick labels."""
    inp = res.input
    names = names or {}
    labels = [names.get(a, a) for a in inp.actors]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=list(map(float, inp.position)), y=labels, mode="markers", name="actor position",
        marker=dict(size=[6 + 14 * float(s) / 100 for s in inp.salience], color="#555"),
        error_x=dict(type="data", symmetric=False, array=list(map(float, inp.position_range[:, 1] - inp.position)),
                     arrayminus=list(map(float, inp.position - inp.position_range[:, 0])), color="#999"),
        hovertemplate="%{y}: %{x:.1f}<extra>position</extra>"))
    for f in res.forecasts:
        iv = f.interval
        kw = {}
        if iv is not None:
            kw["error_x"] = dict(type="data", symmetric=False, array=[iv[1] - f.forecast],
                                 arrayminus=[f.forecast - iv[0]], color=_MODEL_COLOURS.get(f.model, "#333"))
        fig.add_trace(go.Scatter(x=[f.forecast], y=[f"forecast by the {f.model} model"], mode="markers", name=f.model,
                                 marker=dict(symbol="diamond", size=12, color=_MODEL_COLOURS.get(f.model, "#333")),
                                 hovertemplate="%{x:.1f}<extra>" + f.model + "</extra>", **kw))
    if res.outcome is not None:
        fig.add_vline(x=res.outcome, line_dash="dash", line_color="#000", annotation_text="outcome")
    ticks = {}
    if anchors:
        anchors = sorted(anchors, key=lambda a: a.value)
        ticks = dict(tickvals=[a.value for a in anchors],
                     ticktext=[wrap_label(a.label, 18, max_lines=3) for a in anchors], tickfont=dict(size=10))
    fig.update_layout(template="plotly_white", title=title, height=200 + 26 * (len(labels) + len(res.forecasts)),
                      xaxis=dict(range=[-2, 102], title="position on the issue's scale, 0 to 100", **ticks),
                      showlegend=False, margin=dict(l=220, r=30, t=40, b=110 if anchors else 50))
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(automargin=True)
    return fig


def not_applicable(case: Case, issue_id: str, period_id: str) -> str | None:
    """Why an issue does not apply in a period (it had not arisen yet), or ``None``.

    Reads ``Issue.applies_in``/``arises`` where the case format has them."""
    issue = next((i for i in case.issues if i.id == issue_id), None)
    applies = getattr(issue, "applies_in", None)
    if issue is None or applies is None:
        return None
    period = case.period(period_id)
    if applies(period):
        return None
    arose = getattr(issue, "arises", None)
    return (f"{issue.name} in {period.name}: not applicable, the issue arose only "
            f"{arose.text if arose is not None else 'later'}")


def build(case: Case, *, seed: int | None = None) -> Section:
    """Forecast every issue and period of ``case`` with every model (``REPORT_DRAWS`` draws);
    an issue in a period before it arose is listed as not applicable, not forecast."""
    seed = DEFAULT_SEED if seed is None else seed
    results = forecast_case_issues(case, models=MODEL_NAMES, draws=REPORT_DRAWS, seed=seed)
    skipped = [why for r in results if (why := not_applicable(case, r.issue, r.period))]
    results = [r for r in results if not not_applicable(case, r.issue, r.period)]
    names = {a.code: a.name for a in case.actors}
    anchors = {i.id: i.anchors for i in case.issues}
    blocks, retro = [], []
    for k, res in enumerate(results):
        period = case.period(res.period)
        title = f"{res.issue_name} — {period.name}"
        errors = res.errors()
        rows = [{"model": f.model, "forecast": f.forecast,
                 "low": f.interval[0] if f.interval else None, "high": f.interval[1] if f.interval else None,
                 "error": errors.get(f.model)} for f in res.forecasts]
        blocks.append({"title": title, "rows": rows, "outcome": res.outcome,
                       "figure": figure_html(forecast_figure(res, title=title, names=names, anchors=anchors.get(res.issue)),
                                             f"fig-bargain-{k}")})
        if res.outcome is not None:
            retro.append({"issue": res.issue, "period": res.period, "outcome": res.outcome, "errors": errors})
    mae = {m: sum(r["errors"][m] for r in retro) / len(retro) for m in MODEL_NAMES} if retro else {}
    html = render_fragment(_TMPL, blocks=blocks, retro=retro, models=MODEL_NAMES, mae=mae, draws=REPORT_DRAWS,
                           seed=seed, rounds=8, skipped=skipped)
    data = {"seed": seed, "draws": REPORT_DRAWS, "forecasts": [r.to_dict() for r in results],
            "not_applicable": skipped,
            "retrodiction": {"rows": retro, "mae": mae}}
    return Section("bargaining", "Bargaining forecasts", str(html), data)
