"""Report section "How well does the model predict?": the rolling-origin backtest, each model beside its
baselines, with a plain warning wherever a model does not beat them, and how robust each conclusion is."""

from __future__ import annotations

from ...case.models import Case
from ..charts import render_fragment
from . import Section

__all__ = ["build", "parts", "run_part", "assemble", "BACKTEST_DRAWS", "backtest_context"]

BACKTEST_DRAWS = 20

TEMPLATE = """\
<p>At the end of each period ({{ origins }}) the case is frozen to what was knowable then
(as-of rule <em>{{ rule }}</em>: {{ rule_text }}) and the next period is predicted: relations, indicator
values (a year ahead), what the games say each player does, bargaining outcomes and claims about the next
period. Each model stands beside naive baselines — persistence (nothing changes), climatology (the record's
mean so far) and a constant — scored against what the case records (CRPS and absolute error for values,
Brier and log score for probabilities; lower is better). Skill = 1 − score / score of the baseline; above 0
beats it. {{ draws }} Monte Carlo draws, seed {{ seed }}.</p>
{% if verdicts %}<div class="notice"><p><strong>Where a model does not beat its baseline:</strong></p><ul>
{% for v in verdicts %}<li>{{ v }}</li>{% endfor %}</ul></div>{% else %}
<p>Every model beats its baselines on this record.</p>{% endif %}
<table><thead><tr><th>part</th><th>method</th><th>n</th><th>mean score</th><th>skill vs reference</th>
<th>skill vs constant</th></tr></thead><tbody>
{% for e in table %}<tr{% if e.baseline %} class="muted"{% endif %}><td>{{ e.kind }}</td>
<td>{{ e.method }}{% if e.baseline %} (baseline){% endif %}</td><td class="num">{{ e.n }}</td>
<td class="num">{{ e.metric }} {{ "%.3g"|format(e[e.metric]) }}</td>
<td class="num">{% if e.skill_vs_reference is not none %}{{ "%+.2f"|format(e.skill_vs_reference) }} vs {{ e.reference }}{% endif %}</td>
<td class="num">{% if e.skill_vs_constant is not none %}{{ "%+.2f"|format(e.skill_vs_constant) }} vs {{ e.constant }}{% endif %}</td></tr>
{% endfor %}</tbody></table>
{% if notes %}<details><summary>{{ notes|length }} forecast(s) not made</summary><ul>
{% for n in notes %}<li>{{ n }}</li>{% endfor %}</ul></details>{% endif %}
{% if lineup %}<h3>Bargaining models: skill on DEU and on this case</h3>
<p>Skill = 1 − MAE / MAE of the baseline, on {{ lineup.deu_source }} and on this case's own history (the
backtest above). A model below 0 against the constant 50 is not presented as a forecast without this warning.</p>
<table><thead><tr><th>model</th><th>DEU vs constant 50</th><th>DEU vs compromise</th><th>case vs persistence</th>
<th>case vs constant 50</th></tr></thead><tbody>
{% for r in lineup.rows %}<tr><td>{{ r.model }}</td>{% for k in ("deu_vs_constant", "deu_vs_compromise", "case_vs_persistence", "case_vs_constant") %}
<td class="num">{% if r[k] is not none %}{{ "%+.2f"|format(r[k]) }}{% endif %}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{% if lineup.warnings %}<ul class="notice">{% for w in lineup.warnings %}<li>{{ w }}</li>{% endfor %}</ul>{% endif %}{% endif %}
{% if unsc %}<h3>Security Council votes: the veto-player model</h3>
<p>{{ unsc.summary }}</p>{% endif %}
{% if robust %}<h3>How robust is each conclusion?</h3>
<p>Morris screening (SALib) over every uncertain input of each claim and game expectation, plus the structural
alternatives the case declares; <em>fragile</em> where the smallest change that flips the result lies inside
the inputs' own ranges or a declared alternative flips it. {{ robust.counts_text }}.</p>
<table><thead><tr><th>conclusion</th><th>result</th><th>label</th><th>most influential inputs</th>
<th>smallest flipping change</th></tr></thead><tbody>
{% for r in robust["items"] %}<tr><td>{{ r.kind }} {{ r.id }}</td><td>{{ r.result }}</td>
<td class="robust-{{ r.label }}">{{ r.label }}</td><td>{{ r.top|join(", ") }}</td><td>{{ r.flip or "none found" }}</td></tr>
{% endfor %}</tbody></table>{% endif %}
"""

RULE_TEXT = {"event": "each value counts as known when what it describes is over, as if coded at the time",
             "evidence": "each value counts as known when its sources were published"}


def backtest_context(res, robust: dict | None = None, lineup: dict | None = None,
                     unsc: dict | None = None) -> dict:
    """Template context shared by the report section and the web page."""
    return {"origins": ", ".join(f"{o} → {t}" for o, t in res.origins), "rule": res.rule,
            "rule_text": RULE_TEXT.get(res.rule, res.rule), "draws": res.draws, "seed": res.seed,
            "table": res.table(), "verdicts": res.verdicts(), "notes": list(res.notes), "robust": robust,
            "lineup": lineup, "unsc": unsc}


#: Claims screened per task when the report runs the section's parts in parallel (a fixed cut: the
#: result does not depend on the number of workers).
CLAIMS_PER_TASK = 7


def parts(case: Case, seed: int | None = None) -> list[tuple]:
    """The section's independent pieces, for the report's executor (:func:`..build_sections`): the
    backtest with the model line-up (they share the frozen cases), then the sensitivity screens of the
    claims (in fixed chunks), of each game's expectations and of the forecasts."""
    ids = [c.id for c in case.claims]
    return ([("backtest",)] + [("claims", tuple(ids[i:i + CLAIMS_PER_TASK])) for i in range(0, len(ids), CLAIMS_PER_TASK)]
            + [("expectations", g.id) for g in case.games] + [("forecasts",)])


def run_part(case: Case, seed: int | None, part: tuple):
    """Compute one piece named by :func:`parts`."""
    from ...analysis.validation.sensitivity import sensitivity
    if part[0] == "backtest":
        from ...analysis.validation import backtest
        from ...analysis.validation.skill import model_lineup
        frames: dict = {}
        res = backtest(case, draws=BACKTEST_DRAWS, seed=seed, frames=frames)
        lineup = model_lineup(case, seed=seed, frames=frames).to_dict()
        unsc = None
        if any("UNSC" in i.decided_by for i in case.issues):
            from ...analysis.validation.unsc import unsc_reproduction
            rep = unsc_reproduction(case)
            unsc = {"summary": rep.summary().splitlines()[0], **rep.to_dict()}
        return res, lineup, unsc
    if part[0] == "claims":
        return sensitivity(case, seed=seed, kinds=("claims",), claims=list(part[1])).items
    if part[0] == "expectations":
        return sensitivity(case, seed=seed, kinds=("expectations",), games=[part[1]]).items
    return sensitivity(case, seed=seed, kinds=("forecasts",)).items


def assemble(case: Case, seed: int | None, results: list) -> Section:
    """The section from the results of :func:`parts`, in their order."""
    from ...analysis.validation.sensitivity import TRAJECTORIES, SensitivityResult, robustness_data
    from ...seeding import DEFAULT_SEED
    (res, lineup, unsc), *screens = results
    robust = robustness_data(SensitivityResult(tuple(i for items in screens for i in items),
                                               DEFAULT_SEED if seed is None else int(seed), TRAJECTORIES))
    html = render_fragment(TEMPLATE, **backtest_context(res, robust, lineup, unsc))
    data = res.to_dict()
    data["model_lineup"] = lineup
    if unsc is not None:
        data["unsc"] = unsc
    data.pop("forecasts")  # the per-forecast rows are in `equipoise backtest --format json`
    data["robustness"] = robust
    return Section(id="backtest", title="How well does the model predict?", html=str(html), data=data)


def build(case: Case, *, seed: int | None = None) -> Section:
    """Backtest ``case`` and, where the sensitivity analysis is available, label each conclusion."""
    return assemble(case, seed, [run_part(case, seed, p) for p in parts(case, seed)])
