"""The summary that opens the report and the web overview: the answer first, generated from the results.

:func:`summarise` turns results already computed (claims, forecasts, structural
balance, games; computed here only when not given) into a few plain paragraphs:

1. the state of the system at the data cut-off (the case's declared ``cutoff`` when
   it has one, else the date of its latest event, and the summary says which): the
   latest period's strongest and most hostile ties and its two blocs;
2. what changed most recently: the latest events and the relations that moved most
   between the last two periods;
3. the main findings: each claim's verdict with its probability, how robust it is
   (the ``robust``/``fragile`` labels of the validation layer) and whether it rests on
   measurement independent of the analyst's coding (``independent``/``circular``
   labels on claim checks), "not assessed" where the results carry no such label;
   the latest period's bargaining forecasts with their intervals and game equilibria.

Every paragraph names the section behind it (``section``), which the report and the
web app turn into a link. Nothing here draws random numbers of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..case.models import Case
from .charts import render_fragment

__all__ = ["summarise", "summary_html", "actor_label", "cutoff"]

MAX_FINDINGS = 8


def actor_label(case: Case, code: str, period=None) -> str:
    """An actor's name; where a successor state stands for its predecessor in a period, say so.

    In the default case ``RUS`` codes the Soviet Union before its first leader's term
    (December 1991): its label in the Soviet period is "Russia (Soviet Union until 1991)".
    """
    actor = next((a for a in case.actors if a.code == code), None)
    if actor is None:
        return code
    if actor.predecessor and period is not None:
        pred = next((a for a in case.actors if a.code == actor.predecessor), None)
        first = min((lead.start.start for lead in actor.leaders), default=None)
        if pred is not None and first is not None and period.first_day < first:
            return f"{actor.name} ({pred.name} until {first.year})"
    return actor.name


def cutoff(case: Case) -> tuple[dt.date | None, str]:
    """The data cut-off and where it comes from ("declared in the case" or "latest event")."""
    declared = getattr(case.case, "cutoff", None)
    if declared is not None:
        return declared.end or declared.start, "declared in the case"
    days = [e.date.end or e.date.start for e in case.events]
    if days:
        return max(days), "the latest event's date; the case declares no cut-off"
    return None, "the case declares no cut-off and records no events"


def _latest_period(case: Case, day: dt.date | None):
    main = sorted((p for p in case.periods if p.sequence == "main"), key=lambda p: p.first_day)
    if not main:
        return None
    if day is not None:
        inside = [p for p in main if p.first_day <= day and (p.last_day is None or day <= p.last_day)]
        if inside:
            return inside[-1]
        before = [p for p in main if p.first_day <= day]
        if before:
            return before[-1]
    return main[-1]


def _cells(case: Case, period_id: str) -> dict[tuple[str, str], Any]:
    return {tuple(sorted(r.actors)): r for r in case.relations if r.period == period_id}


def _tie(case: Case, period, dyad, rel) -> dict:
    a, b = dyad
    return {"dyad": f"{actor_label(case, a, period)}–{actor_label(case, b, period)}", "value": rel.value.value,
            "low": rel.value.low, "high": rel.value.high, "kind": rel.kind.replace("_", " ")}


def _labels(claim: dict, robustness: dict[str, str]) -> tuple[str, str]:
    """(robustness, independence) of a claim result, "not assessed" where the results carry none."""
    robust = claim.get("robustness") or robustness.get(claim["id"]) or "not assessed"
    if isinstance(robust, dict):
        robust = robust.get("label") or "not assessed"
    labels = []
    for chk in claim.get("evidence", {}).get("checks", []):
        lab = chk.get("independence") or chk.get("measurement")
        if lab is None and isinstance(chk.get("independent"), bool):
            lab = "independent" if chk["independent"] else "circular"
        if isinstance(lab, dict):
            lab = lab.get("label")
        if lab:
            labels.append(str(lab))
    top = claim.get("independence") or claim.get("support")
    if isinstance(top, dict):
        top = top.get("label")
    if top:
        independence = str(top)
    elif labels:
        independence = "independent" if "independent" in labels else labels[0]
    else:
        independence = "not assessed"
    return str(robust), independence


def summarise(case: Case, *, seed: int | None = None, claims: dict | None = None,
              forecasts: list[dict] | None = None, balance: list[dict] | None = None,
              games: list[dict] | None = None, robustness: dict | None = None, draws: int = 100) -> dict:
    """The summary of ``case`` as plain data (see the module docstring).

    Parameters
    ----------
    case : Case
    seed : int, optional
        Used only for results computed here because they were not given.
    claims : dict, optional
        ``evaluate_claims(...).to_dict()``.
    forecasts : list of dict, optional
        ``CaseForecastResult.to_dict()`` for each issue and period.
    balance : list of dict, optional
        ``case_balance(...).to_dict()`` per period (rows with ``error`` are skipped).
    games : list of dict, optional
        Per game and period results as in the report's games section.
    robustness : dict, optional
        The validation layer's robustness summary (``{"items": [{"id", "label", ...}]}``).
    draws : int
        Draws for the claims when computed here.
    """
    day, day_basis = cutoff(case)
    period = _latest_period(case, day)
    paragraphs: list[dict] = []

    # 1. state of the system at the cut-off
    state: dict[str, Any] = {"cutoff": day.isoformat() if day else None, "cutoff_basis": day_basis,
                             "period": None, "strongest": [], "hostile": [], "blocs": None, "note": None}
    if period is not None:
        state["period"] = {"id": period.id, "name": period.name, "start": period.start.text,
                           "end": period.end.text if period.end else None}
        cells = _cells(case, period.id)
        ties = sorted((_tie(case, period, d, r) for d, r in cells.items()), key=lambda t: -t["value"])
        state["strongest"] = [t for t in ties if t["value"] > 0][:3]
        state["hostile"] = sorted((t for t in ties if t["value"] < 0), key=lambda t: t["value"])[:3]
        if not cells:
            state["note"] = f"the case gives no relations for {period.name}, so structure cannot be assessed"
        row = None
        if balance is not None:
            row = next((b for b in balance if b.get("period") == period.id and not b.get("error")), None)
        elif len({c for d in cells for c in d}) >= 3:
            from ..analysis.structure.balance import case_balance
            from ..errors import EquipoiseError
            try:
                row = case_balance(case, period.id, weighted=True).to_dict()
            except EquipoiseError as exc:
                state["note"] = str(exc)
        if row is not None and not row.get("triads"):
            state["note"] = state["note"] or (f"no closed triad of {period.name} has a definite sign, so the "
                                              "relations suggest no blocs")
        elif row is not None:
            state["blocs"] = {"blocs": [[actor_label(case, c, period) for c in bloc] for bloc in row["blocs"]],
                              "balanced": row.get("balanced_triads"), "triads": row.get("triads")}
    paragraphs.append({"id": "state", "section": "structure", "title": "State of the system", "data": state})

    # 2. what changed most recently
    events = sorted(case.events, key=lambda e: (e.date.end or e.date.start, e.id))[-3:][::-1]
    recent = {"events": [{"date": e.date.text, "description": e.description.rstrip(". ")} for e in events],
              "moves": []}
    main = sorted((p for p in case.periods if p.sequence == "main"), key=lambda p: p.first_day)
    if period is not None and period in main and main.index(period) > 0:
        prev = main[main.index(period) - 1]
        before, now = _cells(case, prev.id), _cells(case, period.id)
        moves = []
        for d in set(before) & set(now):
            delta = now[d].value.value - before[d].value.value
            if abs(delta) >= 0.1:
                moves.append({"dyad": "–".join(actor_label(case, c, period) for c in d), "from": before[d].value.value,
                              "to": now[d].value.value, "delta": delta})
        recent["moves"] = sorted(moves, key=lambda m: -abs(m["delta"]))[:3]
        recent["since"] = prev.name
    paragraphs.append({"id": "recent", "section": "timeline", "title": "What changed most recently", "data": recent})

    # 3. main findings: claims with verdict, robustness and independence
    if claims is None and case.claims:
        from ..analysis.claims import evaluate_claims
        claims = evaluate_claims(case, draws=draws, seed=seed).to_dict()
    rob = {}
    for item in (robustness or {}).get("items", []):
        if item.get("id") and item.get("label") and item.get("kind", "claim") == "claim":
            rob[str(item["id"])] = str(item["label"])
    findings = []
    if claims:
        order = {"contradicted": 0, "supported": 1, "undetermined": 2}
        for c in sorted(claims.get("claims", []), key=lambda c: order.get(c["verdict"], 3)):
            robust, independent = _labels(c, rob)
            findings.append({"id": c["id"], "text": c["text"], "verdict": c["verdict"],
                             "probability": c.get("probability"), "robustness": robust,
                             "independence": independent})
    paragraphs.append({"id": "findings", "section": "claims", "title": "Main findings",
                       "data": {"counts": (claims or {}).get("counts", {}), "claims": findings[:MAX_FINDINGS],
                                "more": max(len(findings) - MAX_FINDINGS, 0)}})

    # forecasts and games of the latest period
    if period is not None:
        fc = []
        for r in forecasts or []:
            if r.get("period") != period.id:
                continue
            models = []
            for m in r.get("models", []):
                d = m.get("distribution") or {}
                models.append({"model": m["model"], "forecast": m["forecast"], "low": d.get("low"),
                               "high": d.get("high")})
            fc.append({"issue": r.get("issue_name") or r.get("issue"), "outcome": r.get("outcome"), "models": models})
        if fc:
            paragraphs.append({"id": "forecasts", "section": "bargaining", "title": f"Forecasts for {period.name}",
                               "data": {"rows": fc}})
        gm = [{"name": g["name"], "selected": g.get("selected"),
               "met": (g.get("expectation_check") or {}).get("met")}
              for g in games or [] if g.get("period") == period.id]
        if gm:
            paragraphs.append({"id": "games", "section": "games", "title": f"Games in {period.name}",
                               "data": {"rows": gm}})
    return {"case": case.case.id, "cutoff": state["cutoff"], "cutoff_basis": day_basis, "paragraphs": paragraphs}


_TMPL = """\
<div class="summary">
{% for p in s.paragraphs %}{% set d = p.data %}
{% if p.id == "state" %}
<p><strong>State of the system.</strong> {% if d.cutoff %}Data cut-off: <strong>{{ d.cutoff }}</strong> ({{ d.cutoff_basis }}).{% else %}Data cut-off not known: {{ d.cutoff_basis }}.{% endif %}
{% if d.period %}In the latest period, <em>{{ d.period.name }}</em> (from {{ d.period.start }}{% if d.period.end %} to {{ d.period.end }}{% endif %}),
{% if d.strongest %}the strongest ties are {% for t in d.strongest %}{{ t.dyad }} {{ "%+.2f"|format(t.value) }} ({{ t.kind }}){{ ", " if not loop.last }}{% endfor %}{% else %}no tie is positive{% endif %};
{% if d.hostile %}the most hostile {% for t in d.hostile %}{{ t.dyad }} {{ "%+.2f"|format(t.value) }}{{ ", " if not loop.last }}{% endfor %}{% else %}none is hostile{% endif %}.
{% if d.blocs %}The network divides best into {{ d.blocs.blocs[0]|join(", ") }} against {{ d.blocs.blocs[1]|join(", ") or "no one" }}{% if d.blocs.triads %} ({{ d.blocs.balanced }} of {{ d.blocs.triads }} closed triads balanced){% endif %}.{% endif %}
{% if d.note %}Note: {{ d.note }}.{% endif %}{% else %}The case has no periods.{% endif %}
<a href="{{ links.structure }}">Structure</a> · <a href="{{ links.relations }}">relations</a></p>
{% elif p.id == "recent" %}
<p><strong>What changed most recently.</strong>
{% if d.events %}Latest events: {% for e in d.events %}{{ e.date }}: {{ e.description }}{{ "; " if not loop.last else "." }}{% endfor %}{% else %}The case records no events.{% endif %}
{% if d.moves %}Since {{ d.since }}: {% for m in d.moves %}{{ m.dyad }} {{ "%+.2f"|format(m["from"]) }} → {{ "%+.2f"|format(m.to) }}{{ ", " if not loop.last else "." }}{% endfor %}{% endif %}
<a href="{{ links.timeline }}">Timeline</a></p>
{% elif p.id == "findings" %}
<p><strong>Main findings.</strong> {% if d.claims %}{{ d.counts.supported or 0 }} claims supported, {{ d.counts.contradicted or 0 }} contradicted,
{{ d.counts.undetermined or 0 }} undetermined by the model. Each with its verdict, the share of draws in which it holds,
how robust it is and whether it rests on measurement independent of the analyst's coding:</p>
<ul class="findings">{% for c in d.claims %}<li><span class="verdict v-{{ c.verdict }}">{{ c.verdict }}</span>
{% if c.probability is not none %}({{ "%.0f"|format(100 * c.probability) }}% of draws){% endif %} {{ c.text }}
<span class="muted">robustness: {{ c.robustness }}; measurement: {{ c.independence }}</span></li>{% endfor %}</ul>
<p>{% if d.more %}{{ d.more }} more claims are listed in {% else %}See {% endif %}<a href="{{ links.claims }}">Claims</a>.{% else %}The case states no claims to check.
<a href="{{ links.claims }}">Claims</a>{% endif %}</p>
{% elif p.id == "forecasts" %}
<p><strong>{{ p.title }}</strong> (0–100 scale; each model's forecast with its 80% interval):</p>
<ul class="forecasts">{% for f in d.rows %}<li>{{ f.issue }}: {% for m in f.models %}{{ m.model }} {{ "%.0f"|format(m.forecast) }}{% if m.low is not none %} ({{ "%.0f"|format(m.low) }}–{{ "%.0f"|format(m.high) }}){% endif %}{{ ", " if not loop.last }}{% endfor %}{% if f.outcome is not none %}; recorded outcome {{ "%.0f"|format(f.outcome) }}{% endif %}</li>{% endfor %}</ul>
<p><a href="{{ links.bargaining }}">Forecasts</a></p>
{% elif p.id == "games" %}
<p><strong>{{ p.title }}.</strong> {% for g in d.rows %}{{ g.name }}: {{ (g.selected or "no equilibrium selected")|replace("/", " / ")|replace("_", " ") }}{% if g.met is not none %} ({{ "as the record shows" if g.met else "not what the record shows" }}){% endif %}{{ "; " if not loop.last else "." }}{% endfor %}
<a href="{{ links.games }}">Games</a></p>
{% endif %}{% endfor %}
</div>
"""

REPORT_LINKS = {"structure": "#structure", "relations": "#relations", "timeline": "#timeline", "claims": "#claims",
                "bargaining": "#bargaining", "games": "#games"}
WEB_LINKS = {"structure": "/relations", "relations": "/relations", "timeline": "/timeline", "claims": "/claims",
             "bargaining": "/forecasts", "games": "/games"}


def summary_html(summary: dict, links: dict[str, str] = REPORT_LINKS):
    """The summary as HTML paragraphs, each ending with a link to its section (``links``)."""
    return render_fragment(_TMPL, s=summary, links=links)
