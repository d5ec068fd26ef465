"""Page data built from the analysis layer: relations, forecasts, games, scenarios, claims.

Each function imports its analysis module lazily, on first use, and caches its results on the :class:`~.data.CaseView`, so a page costs one
computation per case and process. Results keep their ``to_dict()`` form, which is
also what the JSON API returns.
"""

from __future__ import annotations

from typing import Any

from ...analysis.structure.triangle import STANDARD_TRIANGLES
from ...errors import EquipoiseError
from ..sections.relations import relation_cells
from .data import CaseView, esc, plotly_json

__all__ = ["summary_page", "TRIANGLE_DRAWS", "FORECAST_DRAWS", "GAME_DRAWS", "API_GAME_DRAWS", "CLAIM_DRAWS",
           "SCENARIO_DRAWS", "relations_page", "forecasts_page", "games_page", "claims_page", "list_scenarios",
           "scenarios_page", "pick_scenario", "scenario_from_form", "scenario_run", "run_scenario_cached"]

TRIANGLE_DRAWS = 2000


def _relation_cells(view: CaseView) -> dict[str, dict]:
    """Period id -> {sorted dyad: (value, low, high, kind)} (the case's relations, as the report draws them)."""
    return view.cached("relation_cells", lambda: relation_cells(view.case))


def _triangles_for(cells: dict, known: set[str]) -> list[tuple[str, str, str]]:
    """The core triangles whose three relations the period has; else every closed triangle (at most 10)."""
    def closed(t) -> bool:
        a, b, c = t
        return all(tuple(sorted(d)) in cells for d in ((a, b), (a, c), (b, c)))
    core = [t for t in STANDARD_TRIANGLES if set(t) <= known and closed(t)]
    if core:
        return core
    import itertools
    codes = sorted({c for d in cells for c in d})
    return [t for t in itertools.combinations(codes, 3) if closed(t)][:10]


def relations_page(view: CaseView) -> dict:
    """Network and heat-map per period (for the slider), triangles, balance and blocs."""
    def build() -> dict:
        from ...analysis.structure.balance import case_balance
        from ...analysis.structure.triangle import triangle
        from ..charts import relation_heatmap, relation_network
        case = view.case
        cells_by = _relation_cells(view)
        codes = sorted({c for cells in cells_by.values() for d in cells for c in d})
        known = {a.code for a in case.actors}
        periods = []
        for p in case.main_periods:
            cells = cells_by[p.id]
            title = esc(p.label)
            entry: dict[str, Any] = {"id": p.id, "name": p.label, "n": len(cells),
                                     "rows": [{"a": a, "b": b, "value": v, "low": lo, "high": hi, "kind": k,
                                               "key": f"relation/{a}-{b}@{p.id}"}
                                              for (a, b), (v, lo, hi, k) in sorted(cells.items())],
                                     "triangles": [], "balance": None, "balance_error": None}
            if cells:
                entry["network"] = relation_network(codes, cells, title=f"Signed network: {title}").to_plotly_json()
                entry["heatmap"] = relation_heatmap(codes, cells, title=f"Relation strength: {title}").to_plotly_json()
                try:
                    entry["balance"] = case_balance(case, p.id).to_dict()
                except EquipoiseError as exc:
                    entry["balance_error"] = str(exc)
                for tri in _triangles_for(cells, known):
                    try:
                        res = triangle(case, *tri, period=p.id, draws=TRIANGLE_DRAWS, seed=view.seed)
                        entry["triangles"].append({"actors": tri, "result": res.to_dict(), "error": None})
                    except EquipoiseError as exc:
                        entry["triangles"].append({"actors": tri, "result": None, "error": str(exc)})
            else:
                entry["network"] = entry["heatmap"] = {"data": [], "layout": {
                    "title": {"text": f"No relations given for {title}"}, "xaxis": {"visible": False},
                    "yaxis": {"visible": False}, "height": 300}}
            periods.append(entry)
        with_data = [i for i, e in enumerate(periods) if e["n"]]
        slider = {"periods": [{"id": e["id"], "name": e["name"], "network": e["network"], "heatmap": e["heatmap"]}
                              for e in periods]}
        return {"periods": periods, "codes": codes, "slider_json": plotly_json(slider),
                "default_index": with_data[-1] if with_data else max(len(periods) - 1, 0)}
    return view.cached("relations_page", build)


FORECAST_DRAWS = 500
GAME_DRAWS = 100  # the page's Monte Carlo draws (the API defaults to the CLI's 200)
API_GAME_DRAWS = 200
_MODEL_SYMBOLS = ("diamond", "square", "triangle-up", "star", "cross", "x")


def _forecast_figure(anchors: list, results: list[dict], period_names: dict) -> str:
    import plotly.graph_objects as go
    fig = go.Figure()
    ys = [esc(period_names.get(r["period"], r["period"])) for r in results]
    pos_x, pos_y, pos_t = [], [], []
    for r, y in zip(results, ys):
        for a in r["input"]["actors"]:
            pos_x.append(a["position"])
            pos_y.append(y)
            pos_t.append(f"{a['actor']}: position {a['position']:g}, salience {a['salience']:g}, "
                         f"capability {a['capability']:g}")
    fig.add_trace(go.Scatter(x=pos_x, y=pos_y, mode="markers", name="actors' positions", hovertext=pos_t,
                             hoverinfo="text", marker={"symbol": "circle-open", "size": 11, "color": "#555"}))
    models = [m["model"] for m in results[0]["models"]] if results else []
    for k, model in enumerate(models):
        xs, lo, hi = [], [], []
        for r in results:
            m = next(x for x in r["models"] if x["model"] == model)
            xs.append(m["forecast"])
            d = m.get("distribution")
            lo.append(m["forecast"] - d["low"] if d else 0)
            hi.append(d["high"] - m["forecast"] if d else 0)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers", name=esc(model),
                                 marker={"symbol": _MODEL_SYMBOLS[k % len(_MODEL_SYMBOLS)], "size": 11},
                                 error_x={"type": "data", "symmetric": False, "array": hi, "arrayminus": lo}))
    out_x = [r["outcome"] for r in results if r["outcome"] is not None]
    out_y = [y for r, y in zip(results, ys) if r["outcome"] is not None]
    if out_x:
        fig.add_trace(go.Scatter(x=out_x, y=out_y, mode="markers", name="recorded outcome",
                                 marker={"symbol": "line-ns-open", "size": 22, "color": "#000",
                                         "line": {"width": 3}}))
    ticks = {"tickvals": [a.value for a in anchors], "ticktext": [esc(a.label)[:28] for a in anchors]}
    fig.update_layout(template="plotly_white", scattermode="group", height=140 + 60 * max(len(results), 1),
                      margin={"l": 180, "r": 20, "t": 30, "b": 60}, legend={"orientation": "h", "y": -0.25},
                      xaxis={"range": [-3, 103], "title": {"text": "position (0-100)"}, **ticks},
                      yaxis={"type": "category", "autorange": "reversed"})
    return plotly_json(fig)


def forecasts_page(view: CaseView) -> dict:
    """Each issue's forecasts per period (every model, with its 80% interval) and the retrodiction table."""
    def build() -> dict:
        from ...analysis.bargaining.case import forecast_case_issues, retrodiction
        case = view.case
        results = [r.to_dict() for r in forecast_case_issues(case, draws=FORECAST_DRAWS, seed=view.seed)]
        retro = retrodiction(case, seed=view.seed).to_dict()
        names = {p.id: p.label for p in case.periods}
        issues = []
        for iss in sorted(case.issues, key=lambda i: i.id):
            mine = [r for r in results if r["issue"] == iss.id]
            issues.append({"id": iss.id, "name": iss.name, "question": iss.question,
                           "anchors": sorted(iss.anchors, key=lambda a: a.value), "results": mine,
                           "fig": _forecast_figure(iss.anchors, mine, names) if mine else None})
        return {"issues": issues, "retrodiction": retro, "draws": FORECAST_DRAWS, "names": names}
    return view.cached("forecasts_page", build)


def _payoff_rows(game, pure_keys: set[str]) -> list[dict]:
    """One row per pure profile of a :class:`NormalForm` (the last player's strategy varying fastest)."""
    import numpy as np
    rows = []
    for idx in np.ndindex(*(len(s) for s in game.strategies)):
        profile = [game.strategies[i][k] for i, k in enumerate(idx)]
        rows.append({"profile": profile, "payoffs": [float(a[idx]) for a in game.payoffs],
                     "equilibrium": "/".join(profile) in pure_keys})
    return rows


def games_page(view: CaseView) -> dict:
    """Every game's payoff table and equilibria per period, with Monte Carlo frequencies."""
    def build() -> dict:
        from ...analysis.games.case import solve_case_games
        result = solve_case_games(view.case, draws=GAME_DRAWS, seed=view.seed)
        games = []
        for g in view.case.games:
            periods = []
            for r in result.results:
                if r.game_id != g.id:
                    continue
                d = r.to_dict()
                pure = {e["key"] for e in d["equilibria"] if e["pure"]}
                periods.append({"period": r.period, "data": d, "rows": _payoff_rows(r.point.game, pure)})
            failures = [f for f in result.failures if f["game"] == g.id]
            games.append({"id": g.id, "name": g.name, "note": g.note,
                          "players": [(p.actor, p.strategies) for p in g.players],
                          "periods": periods, "failures": failures})
        return {"games": games, "draws": GAME_DRAWS}
    return view.cached("games_page", build)


def summary_page(view: CaseView) -> dict:
    """The summary opening the overview (as in the report): claims as on the claims page, the
    latest period's forecasts and games, with the report's draws (see :mod:`equipoise.present.summary`)."""
    def build() -> dict:
        from ...analysis.bargaining.case import forecast_case_issues
        from ...analysis.games.case import solve_case_games
        from ...errors import EquipoiseError
        from ..sections.games import DRAWS as REPORT_GAME_DRAWS
        from ..summary import WEB_LINKS, _latest_period, cutoff, summarise, summary_html
        case = view.case
        period = _latest_period(case, cutoff(case)[0])
        forecasts, games = [], []
        if period is not None:
            forecasts = [r.to_dict() for r in forecast_case_issues(case, period=period.id, draws=FORECAST_DRAWS,
                                                                   seed=view.seed)]
            names = {g.id: g.name for g in case.games}
            for g in case.games:
                if g.periods and period.id not in g.periods:
                    continue
                try:
                    res = solve_case_games(case, game=g.id, period=period.id, draws=REPORT_GAME_DRAWS, seed=view.seed)
                except EquipoiseError:
                    continue
                games += [{**r.to_dict(), "name": names.get(r.game_id, r.game_id)} for r in res.results]
        summary = summarise(case, seed=view.seed, claims=claims_page(view)["result"] if case.claims else None,
                            forecasts=forecasts, games=games)
        return {"data": summary, "html": summary_html(summary, WEB_LINKS)}
    return view.cached("summary_page", build)


CLAIM_DRAWS = 100  # the CLI's default, so the page and `equipoise claims` agree
from ..sections.scenarios import SCENARIO_DRAWS  # noqa: E402  one number for the report, the web and the CLI
MAX_CHANGES = 50


def claims_page(view: CaseView) -> dict:
    """Every claim with its verdict, probability, the numbers behind it and its evidence."""
    def build() -> dict:
        from ...analysis.claims import evaluate_claims
        result = evaluate_claims(view.case, draws=CLAIM_DRAWS, seed=view.seed).to_dict()
        from ..charts import plain_text
        numbers = {c["id"]: [({**chk, "basis": plain_text(chk.get("basis") or "")}, _short_json(chk.get("numbers")))
                             for chk in c["evidence"]["checks"]] for c in result["claims"]}
        return {"result": result, "numbers": numbers, "draws": CLAIM_DRAWS}
    return view.cached("claims_page", build)


def _short_json(obj: Any, limit: int = 600) -> str:
    import json
    text = json.dumps(obj, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + " …"


# ------------------------------------------------------------------ scenarios

def _scen_mod():
    from ...analysis import scenarios
    return scenarios


def saved_dir(app):
    return app.state.config.data_dir / "scenarios"


def list_scenarios(app) -> dict[str, tuple[Any, Any]]:
    """Key (``shipped:NAME`` or ``saved:NAME``) -> (path, Scenario or the error text).

    ``shipped`` are the scenarios of the app's case (its ``scenarios/`` folder), never another case's."""
    from .app import resolve_inside
    mod = _scen_mod()
    out: dict[str, tuple[Any, Any]] = {}
    for path, scen in mod.case_scenarios(app.state.view.case):
        out[f"shipped:{path.stem}"] = (path, scen)
    folder = saved_dir(app)
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            try:
                safe = resolve_inside(folder, path.name)
            except EquipoiseError:
                continue
            out[f"saved:{path.stem}"] = (safe, _load(mod, safe))
    return out


def _load(mod, path):
    try:
        return mod.load_scenario(path)
    except EquipoiseError as exc:
        return str(exc)


def _rows_of(scen) -> list[dict]:
    import yaml
    rows = []
    for ch in scen.changes:
        d = ch.model_dump(exclude_none=True)
        value = d.pop("value", None)
        row = {"action": ch.action, "what": ch.what, "a": (ch.actors or ("", ""))[0], "b": (ch.actors or ("", ""))[1],
               "issue": ch.issue or "", "actor": ch.actor or "", "indicator": ch.indicator or "",
               "year": "" if ch.year is None else ch.year, "kind": ch.kind or "", "note": ch.note or "",
               "by": "" if ch.by is None else f"{ch.by:g}",
               "value": "" if value is None else f"{value['value']:g}",
               "low": "" if value is None else f"{value['low']:g}",
               "high": "" if value is None else f"{value['high']:g}",
               "item": "" if ch.item is None else yaml.safe_dump(ch.item, sort_keys=False, allow_unicode=True)}
        rows.append(row)
    return rows


def scenarios_page(app, view: CaseView, name: str) -> dict:
    """The scenario list and, for a picked one, an editable copy of its changes."""
    scen_list = list_scenarios(app)
    picked, rows, error = None, [], None
    if name:
        path, scen = pick_scenario(scen_list, name)
        if isinstance(scen, str):
            error = scen
        else:
            picked = scen
            rows = _rows_of(scen)
    blank = {k: "" for k in ("action", "what", "a", "b", "issue", "actor", "indicator", "year", "kind", "note",
                             "by", "value", "low", "high", "item")}
    return {"list": [(k, p.name, s if isinstance(s, str) else s.title, isinstance(s, str))
                     for k, (p, s) in scen_list.items()],
            "key": name, "picked": picked, "rows": rows + [blank], "error": error,
            "actors": [a.code for a in view.case.actors], "issues": [i.id for i in view.case.issues],
            "periods": [(p.id, p.label) for p in view.case.periods], "draws": SCENARIO_DRAWS,
            "saved_dir": str(saved_dir(app))}


def pick_scenario(listed: dict[str, tuple[Any, Any]], name: str) -> tuple[Any, Any]:
    """``listed[name]`` from :func:`list_scenarios`, or :class:`EquipoiseError` naming the keys there are."""
    if name not in listed:
        raise EquipoiseError(f"unknown scenario {name!r} (expected one of {', '.join(listed) or 'none'})",
                             field="name")
    return listed[name]


def scenario_from_form(form: dict, *, case_ref: str) -> Any:
    """Build and validate a Scenario from the edit form, as strictly as a scenario file.

    Raises
    ------
    CaseError
        Naming the form field (``changes[2].value``) and what was expected.
    """
    from pydantic import ValidationError

    from ...case.loader import format_loc, parse_yaml
    from ...errors import CaseError
    mod = _scen_mod()

    def get(key: str) -> str:
        value = form.get(key, "")
        return value.strip() if isinstance(value, str) else ""
    try:
        n = int(get("n") or 0)
    except ValueError:
        raise CaseError(f"expected a number of change rows, got {get('n')!r}", field="n") from None
    if not 0 <= n <= MAX_CHANGES:
        raise CaseError(f"expected at most {MAX_CHANGES} change rows, got {n}", field="n")
    data: dict[str, Any] = {"name": get("name"), "title": get("title"), "case": case_ref, "date": get("date"),
                            "changes": []}
    if get("description"):
        data["description"] = get("description")
    if get("period"):
        data["period"] = get("period")
    for i in range(n):
        def g(k: str) -> str:
            return get(f"c{i}_{k}")
        if not g("action"):
            continue
        ch: dict[str, Any] = {"action": g("action"), "what": g("what")}
        if g("a") or g("b"):
            ch["actors"] = [g("a"), g("b")]
        for k in ("issue", "actor", "indicator", "kind", "note", "year", "by"):
            if g(k):
                ch[k] = g(k)
        if g("value"):
            ch["value"] = {"value": g("value"), "range": [g("low") or g("value"), g("high") or g("value")]}
        if g("item"):
            if len(g("item")) > 5000:
                raise CaseError("expected at most 5000 characters", field=f"changes[{len(data['changes'])}].item")
            try:  # aliases, nesting and numbers bounded as in case files
                ch["item"] = parse_yaml(g("item"), "form")
            except CaseError as exc:
                raise CaseError(exc.message + (f" (line {exc.line} of the item)" if exc.line else ""),
                                field=f"changes[{len(data['changes'])}].item") from None
        data["changes"].append(ch)
    try:
        scen = mod.Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [CaseError(err["msg"].removeprefix("Value error, ") +
                              (f", got {err['input']!r}" if err["type"] not in ("value_error", "missing")
                               and not isinstance(err.get("input"), (dict, list)) else ""),
                              field=format_loc(tuple(p for p in err["loc"] if not (isinstance(p, str) and
                                                                                   ("[" in p or p.startswith("function-"))))))
                    for err in exc.errors()]
        raise CaseError(f"{len(problems)} problem(s)", problems=problems) from None
    from ...case.models import FuzzyDate
    try:
        FuzzyDate.parse(scen.date)
    except ValueError as exc:
        raise CaseError(str(exc), field="date") from None
    return scen, data


def _case_ref(app) -> str:
    path = app.state.config.case_path
    return "default" if path is None else str(path.resolve())


def scenario_run(app, view: CaseView, form: dict, *, save: bool) -> dict:
    """Run an edited scenario against the baseline; with ``save``, also write it into the data directory."""
    from ...case.loader import write_yaml_atomic
    from .app import resolve_inside
    scen, data = scenario_from_form(form, case_ref=_case_ref(app))
    saved = None
    if save:
        folder = saved_dir(app)
        path = resolve_inside(folder, f"{scen.name}.yaml")
        folder.mkdir(parents=True, exist_ok=True)
        write_yaml_atomic(path, scen.model_dump(mode="json", exclude_none=True,
                                                exclude_defaults=True) | {"case": scen.case})
        saved = path
    result = run_scenario_cached(view, scen)
    return {"result": result.to_dict(), "summary": result.summary(), "saved": saved,
            "key": f"saved:{scen.name}" if saved else None, "scenario": scen}


def run_scenario_cached(view: CaseView, scen):
    """``run_scenario`` on the app's case, reusing the baseline analysis of the period."""
    mod = _scen_mod()

    def baseline_for(period: str) -> dict:
        return view.cached(("scenario_baseline", period),
                           lambda: mod.analyse_period(view.case, period, draws=SCENARIO_DRAWS, seed=view.seed))

    return mod.run_scenario(scen, case=view.case, draws=SCENARIO_DRAWS, seed=view.seed, baseline_for=baseline_for)
