"""Report section: the case's games per period, with equilibria, logit QRE and Monte Carlo shares.

For each game and period the section lists every equilibrium found (pure and
mixed, saying when the mixed list is only a sample), the equilibrium the logit QRE
selects and how often each selection occurs under the case's uncertainty. Where
the case records what the documents lead us to expect, it says whether the model
agrees and, where it does not, by how much, which parameters could close the gap
and the analyst's account. A game of amity and enmity among three powers is set
beside the strategic triangle the relations give for the same period.
"""

from __future__ import annotations

from ...case.models import Case
from ...seeding import DEFAULT_SEED
from ..charts import render_fragment
from . import Section
from .structure import DRAWS as TRIANGLE_DRAWS

__all__ = ["build"]

DRAWS = 20  # enough to show shares; keeps the report near 10 s

_TMPL = """\
<p>Payoffs are computed per period from the case's relation strengths and issue stances (see each game's note);
only the constants are ours. Equilibria at the central values; the logit quantal-response equilibrium
(McKelvey &amp; Palfrey 1995) selects one; shares are over {{ draws }} seeded draws from every parameter's range.
Where the case records what the documents lead us to expect, the last columns say whether the model agrees, at the
central values and in what share of draws.</p>
{% for g in games %}
<h3 id="game-{{ g.id }}">{{ g.name }}</h3>
<p>{{ g.note }}</p>
<table><thead><tr><th>period</th><th>equilibria (pure; mixed)</th><th>selected</th><th>share of draws</th>
<th>expected from the documents</th><th>agrees?</th></tr></thead><tbody>
{% for r in g.rows %}<tr><td>{{ r.period }}</td><td>{{ r.pure|join(", ") }}{% if r.mixed %}; {{ r.mixed|join(", ") }}{% endif %}
{% if not r.complete %} <em>(mixed list is a sample)</em>{% endif %}</td><td>{{ r.selected }}{% if r.nearest %}
<sup title="the logit branch meets a bifurcation; nearest equilibrium">†</sup>{% endif %}</td>
<td>{{ r.shares }}</td><td>{{ r.expectation or "" }}</td><td>{{ r.verdict }}</td></tr>
{% endfor %}</tbody></table>
{% if g.nearest %}<p class="muted">† The logit branch meets a bifurcation (a symmetric game); the equilibrium nearest
its last point is shown.</p>{% endif %}
{% for a in g.assumed %}<p class="muted">Assumed {{ a.what }} in {{ a.periods|join(", ") }}: the case has no value
there, so the game's fallback stands in.</p>{% endfor %}
{% for r in g.rows if r.gaps %}<p><strong>Where the model and the documents part ways, {{ r.period }}.</strong>
{% for x in r.gaps %}The model has {{ x.actor }} play <em>{{ x.plays }}</em>, which pays {{ "%.3f"|format(x.gap) }} more than
{{ x.expected|join(" or ") }} against the others' selected strategies; the expectation holds in {{ r.share }} of draws.
The gap moves most with {% for d in x.drivers %}{{ d.parameter }} ({{ d.origin }}; {{ "%+.3f"|format(d.gap_at_low) }} at
{{ "%g"|format(d.low) }}, {{ "%+.3f"|format(d.gap_at_high) }} at {{ "%g"|format(d.high) }}){{ ", " if not loop.last else ". " }}{% endfor %}
{% set closers = x.drivers|selectattr("closes")|map(attribute="parameter")|list %}{% if closers %}Within its range,
{{ closers|join(" or ") }} alone would close it.{% else %}No single parameter within its range closes it.{% endif %}
{% endfor %}{% if r.explanation %} <em>Analyst's account:</em> {{ r.explanation }}{% endif %}</p>{% endfor %}
{% for f in g.failures %}<p class="muted">{{ f }}</p>{% endfor %}
{% if g.triangle %}<h4>Beside the triangle analysis</h4>
<p>The same three relations read two ways: the configuration the relation strengths give (strategic triangles in the
structure section; share of {{ triangle_draws }} draws) and the configuration of the game's selected equilibrium
(friendly ties are those both sides offer; share of {{ draws }} draws).</p>
<table><thead><tr><th>period</th><th>triangle from relations</th><th>game equilibrium</th><th>same?</th></tr></thead><tbody>
{% for t in g.triangle %}<tr><td>{{ t.period }}</td><td>{{ t.relations|replace("_", " ") }}
<span class="muted">{{ t.relations_shares }}</span></td><td>{{ t.game|replace("_", " ") }}
<span class="muted">{{ t.game_shares }}</span></td><td>{{ t.same }}</td></tr>
{% endfor %}</tbody></table>{% endif %}
{% endfor %}
"""


def _brk(key: str) -> str:
    """An equilibrium key with break opportunities after '/' and ',' (long keys must wrap in narrow cells)."""
    return key.replace("/", "/\u200b").replace(",", ",\u200b")


def _shares(freq: dict, n: int = 3) -> str:
    return ", ".join(f"{_brk(k.replace('_', ' '))} {v:.0%}" for k, v in list(freq.items())[:n])


def _keys(eqs, kind: str) -> list[str]:
    keys = [_brk(e.key) for e in eqs]
    return keys if len(keys) <= 3 else [f"{len(keys)} {kind} equilibria (listed in report.json)"]


def _verdict(r) -> str:
    ck = r.check
    if ck is None or ck.met is None:
        return ""
    share = "" if ck.share is None else f" ({ck.share:.0%} of draws)"
    return ("yes" if ck.met else "no") + share


def _triangle_rows(case: Case, results, seed) -> list[dict]:
    from ...analysis.games.amity import configuration_shares, profile_configuration
    from ...analysis.structure import triangle
    seed = DEFAULT_SEED if seed is None else seed
    rows = []
    for r in results:
        players = list(r.point.game.players)
        eq = r.point.qre_limit
        pure = {p: eq.strategy_of(p) for p in players} if eq is not None else {}
        game_conf = profile_configuration(pure) if pure and None not in pure.values() else "mixed"
        tri = triangle(case, *players, period=r.period, draws=TRIANGLE_DRAWS, seed=seed)
        rel_conf = tri.configuration or "ambiguous"
        rows.append({"period": r.period, "relations": rel_conf,
                     "relations_shares": _shares({k: v for k, v in sorted(tri.probabilities.items(),
                                                                         key=lambda kv: -kv[1]) if v > 0}, 2),
                     "game": game_conf, "game_shares": _shares(configuration_shares(players, r.selected_frequency), 2),
                     "same": "n/a (a relation within the threshold of zero)" if rel_conf == "ambiguous"
                     else ("yes" if rel_conf == game_conf else "no")})
    return rows


def build(case: Case, *, seed: int | None = None) -> Section:
    """Solve every game for every period it is defined for."""
    from ...analysis.games.amity import is_amity_game
    from ...analysis.games.case import solve_case_games
    res = solve_case_games(case, draws=DRAWS, seed=seed, time_limit=5.0)
    games = []
    for g in case.games:
        results = [x for x in res.results if x.game_id == g.id]
        rows, assumed = [], {}
        for r in results:
            ck = r.check
            rows.append({"period": r.period, "pure": _keys(r.point.pure, "pure") or ["none"],
                         "mixed": _keys(r.point.mixed, "mixed"), "complete": r.point.complete,
                         "selected": _brk(r.selected or "(no selection)"),
                         "nearest": r.point.qre_limit is not None and r.point.qre_limit.kind == "logit_nearest",
                         "shares": _shares(r.selected_frequency), "expectation": r.expectation,
                         "verdict": _verdict(r), "gaps": ck.gaps if ck and ck.met is False else [],
                         "share": f"{ck.share:.0%}" if ck and ck.share is not None else "n/a",
                         "explanation": ck.explanation if ck and ck.met is False else None})
            for k, v in r.parameters.items():
                if v.assumed:
                    assumed.setdefault(f"{k} = {v.value:g}", []).append(r.period)
        failures = [f"{f['period']}: not solved ({f['error']})" for f in res.failures if f["game"] == g.id]
        failures += [f"{f['period']}: {f['reason']}" for f in getattr(res, "not_applicable", ()) if f["game"] == g.id]
        amity = is_amity_game([p.actor for p in g.players], [p.strategies for p in g.players])
        games.append({"id": g.id, "name": g.name, "note": g.note or "", "rows": rows, "failures": failures,
                      "assumed": [{"what": k, "periods": v} for k, v in assumed.items()],
                      "nearest": any(r["nearest"] for r in rows),
                      "triangle": _triangle_rows(case, results, seed) if amity and results else []})
    html = render_fragment(_TMPL, games=games, draws=DRAWS, triangle_draws=TRIANGLE_DRAWS)
    data = res.to_dict()
    data["triangles"] = {g["id"]: g["triangle"] for g in games if g["triangle"]}
    return Section(id="games", title="Games: equilibria per period", html=str(html), data=data)
