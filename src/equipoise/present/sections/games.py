"""Report section: the case's games per period, with equilibria, logit QRE and Monte Carlo shares.

For each game and period the section lists every equilibrium found (pure and
mixed, saying when the mixed list is only a sample), the equilibrium the logit QRE
selects and how often each selection occurs under the case's uncertainty; it
compares each result with what the documents lead us to expect and says plainly
where they part ways.
"""

from __future__ import annotations

from ...case.models import Case
from ..charts import render_fragment
from . import Section

__all__ = ["build", "expectation_met"]

DRAWS = 20  # enough to show shares; keeps the report under 10 s

_TMPL = """\
<p>Payoffs are computed per period from the case's relation strengths (see each game's note);
only the constants are ours. Equilibria at the central values; the logit quantal-response
equilibrium (McKelvey &amp; Palfrey 1995) selects one; shares are over {{ draws }} seeded draws.</p>
{% for g in games %}
<h3>{{ g.name }}</h3>
<p>{{ g.note }}</p>
<table><thead><tr><th>period</th><th>equilibria (pure; mixed)</th><th>selected</th><th>share of draws</th>
<th>expected from the documents</th><th>agrees?</th></tr></thead><tbody>
{% for r in g.rows %}<tr><td>{{ r.period }}</td><td>{{ r.pure|join(", ") }}{% if r.mixed %}; {{ r.mixed|join(", ") }}{% endif %}
{% if not r.complete %} <em>(mixed list is a sample)</em>{% endif %}</td><td>{{ r.selected }}</td>
<td>{{ r.shares }}</td><td>{{ r.expectation or "" }}</td><td>{{ r.verdict }}</td></tr>
{% endfor %}</tbody></table>
{% for r in g.rows if r.explain %}<p><strong>{{ r.period }}:</strong> {{ r.explain }}</p>{% endfor %}
{% for f in g.failures %}<p class="muted">{{ f }}</p>{% endfor %}
{% endfor %}
"""


def expectation_met(result) -> bool | None:
    """Whether the selected equilibrium plays every ``ACTOR: strategy`` named in the expectation.

    The expectation's words name strategies as ``ACTOR: strategy`` or ``ACTOR veto``;
    ``None`` when the expectation names none we can read.
    """
    import re
    text = result.expectation or ""
    eq = result.point.qre_limit
    if eq is None or not text:
        return None
    found = []
    for actor, strategies in zip(result.point.game.players, result.point.game.strategies):
        for s in strategies:
            if re.search(rf"\b{actor}:?\s+(and \w+ )?{re.escape(s)}\b", text) or re.search(rf"\b{actor}: {re.escape(s)}\b", text):
                found.append((actor, s))
    if not found:
        return None
    return all(eq.strategy_of(a) == s for a, s in found)


def _explain(r, met) -> str:
    if met is not False:
        return ""
    eq = r.point.qre_limit
    sel = ", ".join(f"{p} {eq.strategy_of(p)}" for p in r.point.game.players) if eq else "none"
    params = "; ".join(f"{k}={v.value:+.2f}" for k, v in r.parameters.items() if v.origin != "constant")
    return (f"The model disagrees with the documents here: it selects {sel} from the case's values ({params}). "
            "Either the relation strengths in the case do not carry what the documents argue, or the game leaves "
            "out a consideration the authors weigh; the shares under uncertainty show how close the call is.")


def build(case: Case, *, seed: int | None = None) -> Section:
    """Solve every game for every period it is defined for."""
    from ...analysis.games.case import solve_case_games
    res = solve_case_games(case, draws=DRAWS, seed=seed, time_limit=5.0)
    games = []
    for g in case.games:
        rows = []
        for r in (x for x in res.results if x.game_id == g.id):
            met = expectation_met(r)
            shares = ", ".join(f"{k} {v:.0%}" for k, v in list(r.selected_frequency.items())[:3])
            rows.append({"period": r.period, "pure": [e.key for e in r.point.pure] or ["none"],
                         "mixed": [e.key for e in r.point.mixed], "complete": r.point.complete,
                         "selected": r.selected or "(logit tracing failed)", "shares": shares,
                         "expectation": r.expectation,
                         "verdict": "" if met is None else ("yes" if met else "no"), "explain": _explain(r, met)})
        failures = [f"{f['period']}: not solved ({f['error']})" for f in res.failures if f["game"] == g.id]
        games.append({"name": g.name, "note": g.note or "", "rows": rows, "failures": failures})
    html = render_fragment(_TMPL, games=games, draws=DRAWS)
    return Section(id="games", title="Games: equilibria per period", html=str(html), data=res.to_dict())
