"""The JSON API under ``/api/``: the same ``to_dict()`` results the CLI prints with ``--format json``.

The OpenAPI schema is at ``/openapi.json``. Errors are ``{"error": message,
"status": code}`` with status 400 (bad input), 404, 413 or 415.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile

from ...case import check_case
from ...case.tables import case_to_dict
from ...errors import EquipoiseError
from . import analysis
from . import evidence as ev
from .data import CaseView

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])


def _view(request: Request) -> CaseView:
    return request.app.state.view


@router.get("/", summary="This list: every API endpoint with its method and summary")
def index(request: Request) -> dict[str, Any]:
    paths = request.app.openapi().get("paths", {})
    routes = [{"path": path, "method": method.upper(), "summary": op.get("summary", "")}
              for path, ops in paths.items() if path.startswith("/api/") for method, op in ops.items()]
    return {"api": "equipoise", "schema": "/openapi.json", "endpoints": routes}


@router.get("/case", summary="Case summary (equipoise case show --format json)")
def case_show(request: Request) -> dict[str, Any]:
    return _view(request).case_summary()


@router.get("/case/validate", summary="Errors and warnings (equipoise case validate --format json)")
def case_validate(request: Request) -> dict[str, Any]:
    view = _view(request)
    return view.cached("validate", lambda: check_case(view.case).to_dict())


@router.get("/case/export", summary="The whole case as JSON (equipoise case export --format json)")
def case_export(request: Request) -> dict[str, Any]:
    view = _view(request)
    return view.cached("export", lambda: case_to_dict(view.case))


@router.get("/events", summary="Timeline events, filtered as on the timeline page")
def events(request: Request, actor: str = "", period: str = "", type: str = Query("", description="CAMEO root code"),
           source: str = "") -> dict[str, Any]:
    view = _view(request)
    view.check_filters(actor=actor, period=period, etype=type, source=source)
    rows = view.filter_events(actor=actor, period=period, etype=type, source=source)
    return {"filters": {"actor": actor, "period": period, "type": type, "source": source},
            "count": len(rows), "events": rows}


@router.get("/evidence/documents", summary="Stored documents (equipoise documents --format json)")
def documents(request: Request) -> dict[str, Any]:
    store = ev.open_store(request.app)
    return {"db": store.url, "documents": [d.to_dict() for d in store.list_documents()]}


@router.get("/evidence/documents/{doc_id}", summary="One stored document with its sentences and extractions")
def document(request: Request, doc_id: int) -> dict[str, Any]:
    rec = ev.open_store(request.app).get_document(doc_id)
    if rec is None:
        raise HTTPException(404, f"no document {doc_id} in the evidence store")
    return rec.to_dict()


@router.get("/evidence/locator/{locator}", summary="Sentences behind a case locator, and the values citing it")
def locator(request: Request, locator: str) -> dict[str, Any]:
    page = ev.locator_page(request.app, _view(request), locator)
    return {"locator": locator, "source": page["source"].id, "document_id": page["doc_id"],
            "sentences": [s.to_dict() for s in page["sentences"]],
            "values": [{"key": v.key, "label": v.label} for v in page["cited_by"]]}


@router.post("/evidence/upload", summary="Upload and ingest one document (equipoise ingest --format json)")
async def upload(request: Request, file: UploadFile = File(...)) -> dict[str, Any]:
    name, data = await ev.read_upload(request.app, file)
    _, result = ev.save_upload(request.app, name, data)
    return result.to_dict()


@router.get("/triangle", summary="A strategic triangle (equipoise triangle A B C --period P --format json)")
def triangle(request: Request, a: str, b: str, c: str, period: str,
             draws: int = Query(analysis.TRIANGLE_DRAWS, ge=0, le=100_000),
             threshold: float = Query(0.1, ge=0, le=1)) -> dict[str, Any]:
    from ...analysis.structure.triangle import triangle as triangle_of
    view = _view(request)
    key = ("api_triangle", a, b, c, period, draws, threshold)
    return view.cached(key, lambda: triangle_of(view.case, a, b, c, period=period, draws=draws, seed=view.seed,
                                                threshold=threshold).to_dict())


@router.get("/balance", summary="Structural balance of one period's network")
def balance(request: Request, period: str, weighted: bool = True) -> dict[str, Any]:
    from ...analysis.structure.balance import case_balance
    view = _view(request)
    return view.cached(("api_balance", period, weighted),
                       lambda: case_balance(view.case, period, weighted=weighted).to_dict())


def _cached_if_default(view: CaseView, key: tuple, is_default: bool, fn):
    """Cache results of the default parameters only (other parameters are computed per request)."""
    return view.cached(key, fn) if is_default else fn()


@router.get("/forecast", summary="Bargaining forecasts (equipoise forecast --format json)")
def forecast(request: Request, issue: str | None = None, period: str | None = None,
             model: list[str] = Query(default=[]), rounds: int | None = Query(None, ge=0, le=100),
             draws: int = Query(analysis.FORECAST_DRAWS, ge=0, le=20_000), seed: int | None = None) -> dict[str, Any]:
    from ...analysis.bargaining.case import forecast_case_issues
    from ...analysis.bargaining.models import MODEL_NAMES as names
    view = _view(request)
    bad = [m for m in model if m not in names]
    if bad:
        raise EquipoiseError(f"unknown model {bad[0]!r} (expected one of {', '.join(names)})", field="model")
    models = list(dict.fromkeys(model)) or list(names)
    seed = view.seed if seed is None else seed

    def run() -> dict:
        results = forecast_case_issues(view.case, issue=issue, period=period, models=models, rounds=rounds,
                                       draws=draws, seed=seed)
        return {"method": "bargaining-forecast", "seed": seed, "draws": draws, "models": models,
                "results": [r.to_dict() for r in results]}
    default = (issue, period, model, rounds, draws, seed) == (None, None, [], None, 0, view.seed)
    return _cached_if_default(view, ("api_forecast",), default, run)


@router.get("/game", summary="Case games solved per period (equipoise game --format json)")
def game(request: Request, game: str | None = None, period: str | None = None,
         draws: int = Query(analysis.API_GAME_DRAWS, ge=0, le=5000), seed: int | None = None,
         time_limit: float = Query(10.0, gt=0, le=60)) -> dict[str, Any]:
    from ...analysis.games.case import solve_case_games
    view = _view(request)
    seed = view.seed if seed is None else seed
    default = (game, period, draws, seed, time_limit) == (None, None, analysis.API_GAME_DRAWS, view.seed, 10.0)
    return _cached_if_default(view, ("api_game",), default, lambda: solve_case_games(
        view.case, game=game, period=period, draws=draws, seed=seed, time_limit=time_limit).to_dict())


@router.get("/claims", summary="Every claim checked (equipoise claims --format json)")
def claims(request: Request, draws: int = Query(analysis.CLAIM_DRAWS, ge=0, le=20_000),
           seed: int | None = None) -> list[dict[str, Any]]:
    from ...analysis.claims import evaluate_claims
    view = _view(request)
    seed = view.seed if seed is None else seed
    if (draws, seed) == (analysis.CLAIM_DRAWS, view.seed):
        return analysis.claims_page(view)["result"]["claims"]
    return evaluate_claims(view.case, draws=draws, seed=seed).to_dict()["claims"]


@router.get("/measured", summary="Judged vs measured relations (equipoise measure relations --format json)")
def measured(request: Request) -> dict[str, Any]:
    from ...analysis.measure.relations import compare_relations
    view = _view(request)
    return view.cached("measured_api", lambda: compare_relations(view.case).to_dict())


@router.get("/scenarios", summary="Scenarios shipped and saved (equipoise scenario list --format json)")
def scenarios(request: Request) -> list[dict[str, Any]]:
    out = []
    for key, (path, scen) in analysis.list_scenarios(request.app).items():
        if isinstance(scen, str):
            out.append({"key": key, "error": scen, "path": str(path)})
        else:
            out.append({"key": key, "name": scen.name, "title": scen.title, "period": scen.period,
                        "changes": len(scen.changes), "path": str(path)})
    return out


@router.post("/scenarios/run", summary="Run a listed scenario on the app's case (equipoise scenario run --format json)")
def scenario_run(request: Request, name: str, draws: int = Query(analysis.SCENARIO_DRAWS, ge=0, le=2000),
                 seed: int | None = None) -> dict[str, Any]:
    from ...analysis.scenarios import run_scenario
    view = _view(request)
    scen = analysis.pick_scenario(analysis.list_scenarios(request.app), name)[1]
    if isinstance(scen, str):
        raise EquipoiseError(scen)
    seed = view.seed if seed is None else seed
    if (draws, seed) == (analysis.SCENARIO_DRAWS, view.seed):
        return analysis.run_scenario_cached(view, scen).to_dict()
    return run_scenario(scen, case=view.case, draws=draws, seed=seed).to_dict()
