"""The JSON API under ``/api/``: the same ``to_dict()`` results the CLI prints with ``--format json``.

The OpenAPI schema is at ``/openapi.json``. Errors are ``{"error": message,
"status": code}`` with status 400 (bad input), 403 (cross-site), 404, 413, 415 or
503 (over the time limit).

Each request's cost is capped: Monte Carlo draws, bargaining rounds and solver
time limits have maxima (stated in the schema) that keep a request to seconds, and
a result is cached per parameter combination and seed (in a bounded cache), so a
repeated request costs nothing. Computations run in worker threads under a time
limit, so one slow request never stalls the others.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any

from fastapi import APIRouter, File, HTTPException, Path, Query, Request, UploadFile

from ...case import check_case
from ...case.tables import case_to_dict
from ...errors import EquipoiseError
from . import analysis
from . import evidence as ev
from .app import in_worker
from .data import CaseView

__all__ = ["router", "MAX_SEED", "MAX_FORECAST_DRAWS", "MAX_ROUNDS", "MAX_GAME_DRAWS", "MAX_TIME_LIMIT",
           "MAX_TRIANGLE_DRAWS", "MAX_CLAIM_DRAWS", "MAX_SCENARIO_DRAWS"]

# Per-request caps: each keeps one request to a few seconds on one core for the default case.
MAX_SEED = 2**63 - 1
MAX_FORECAST_DRAWS = 500
MAX_ROUNDS = 25
MAX_GAME_DRAWS = 200
MAX_TIME_LIMIT = 10.0
MAX_TRIANGLE_DRAWS = 5000
MAX_CLAIM_DRAWS = 200
MAX_SCENARIO_DRAWS = 200


def _seed_q():
    return Query(None, ge=0, le=MAX_SEED, description="random seed, 0 to 2**63-1 (default: the app's seed)")


def _draws_q(default: int, cap: int):
    return Query(default, ge=0, le=cap, description=f"Monte Carlo draws, at most {cap} per request")

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
    store = ev.open_store(request.app)  # the store's location and the files' folders stay on the server
    return {"db": ev.store_name(store.url),
            "documents": [d.to_dict() | {"path": FilePath(d.path).name if d.path else None}
                          for d in store.list_documents()]}


@router.get("/evidence/documents/{doc_id}", summary="One stored document with its sentences and extractions")
def document(request: Request, doc_id: int = Path(ge=1, le=ev.MAX_ID)) -> dict[str, Any]:
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
    _, result = await in_worker(request, ev.save_upload, request.app, name, data, what="the upload")
    return result.to_dict()


@router.get("/triangle", summary="A strategic triangle (equipoise triangle A B C --period P --format json)")
async def triangle(request: Request, a: str, b: str, c: str, period: str,
                   draws: int = _draws_q(analysis.TRIANGLE_DRAWS, MAX_TRIANGLE_DRAWS),
                   threshold: float = Query(0.1, ge=0, le=1)) -> dict[str, Any]:
    from ...analysis.structure.triangle import triangle as triangle_of
    view = _view(request)
    key = ("api_triangle", a, b, c, period, draws, threshold)
    return await _cached(request, key, lambda: triangle_of(view.case, a, b, c, period=period, draws=draws,
                                                           seed=view.seed, threshold=threshold).to_dict())


@router.get("/balance", summary="Structural balance of one period's network")
async def balance(request: Request, period: str, weighted: bool = True) -> dict[str, Any]:
    from ...analysis.structure.balance import case_balance
    view = _view(request)
    return await _cached(request, ("api_balance", period, weighted),
                         lambda: case_balance(view.case, period, weighted=weighted).to_dict())


async def _cached(request: Request, key: tuple, fn) -> Any:
    """``fn()`` cached under ``key`` in the view's bounded cache, computed in a worker thread
    under the time limit (a result that arrives late is still cached for the next request)."""
    view = _view(request)
    return await in_worker(request, view.cached, key, fn, what="this computation")


@router.get("/forecast", summary="Bargaining forecasts (equipoise forecast --format json)")
async def forecast(request: Request, issue: str | None = None, period: str | None = None,
                   model: list[str] = Query(default=[]),
                   rounds: int | None = Query(None, ge=0, le=MAX_ROUNDS,
                                              description=f"bargaining rounds, at most {MAX_ROUNDS}"),
                   draws: int = _draws_q(analysis.FORECAST_DRAWS, MAX_FORECAST_DRAWS), seed: int | None = _seed_q()) -> dict[str, Any]:
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
        from ...analysis.validation.skill import model_lineup
        return {"method": "bargaining-forecast", "seed": seed, "draws": draws, "models": models,
                "results": [r.to_dict() for r in results], "skill": model_lineup(view.case, seed=seed).to_dict()}
    return await _cached(request, ("api_forecast", issue, period, tuple(models), rounds, draws, seed), run)


@router.get("/game", summary="Case games solved per period (equipoise game --format json)")
async def game(request: Request, game: str | None = None, period: str | None = None,
               draws: int = _draws_q(analysis.API_GAME_DRAWS, MAX_GAME_DRAWS), seed: int | None = _seed_q(),
               time_limit: float = Query(MAX_TIME_LIMIT, gt=0, le=MAX_TIME_LIMIT,
                                         description=f"solver seconds per game, at most {MAX_TIME_LIMIT:g}")
               ) -> dict[str, Any]:
    from ...analysis.games.case import solve_case_games
    view = _view(request)
    seed = view.seed if seed is None else seed
    return await _cached(request, ("api_game", game, period, draws, seed, time_limit), lambda: solve_case_games(
        view.case, game=game, period=period, draws=draws, seed=seed, time_limit=time_limit).to_dict())


@router.get("/claims", summary="Every claim checked (equipoise claims --format json)")
async def claims(request: Request, draws: int = _draws_q(analysis.CLAIM_DRAWS, MAX_CLAIM_DRAWS),
                 seed: int | None = _seed_q()) -> list[dict[str, Any]]:
    from ...analysis.claims import evaluate_claims
    view = _view(request)
    seed = view.seed if seed is None else seed
    if (draws, seed) == (analysis.CLAIM_DRAWS, view.seed):
        return (await in_worker(request, analysis.claims_page, view, what="this computation"))["result"]["claims"]
    return await _cached(request, ("api_claims", draws, seed),
                         lambda: evaluate_claims(view.case, draws=draws, seed=seed).to_dict()["claims"])


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
            out.append({"key": key, "error": scen, "path": path.name})
        else:
            out.append({"key": key, "name": scen.name, "title": scen.title, "period": scen.period,
                        "changes": len(scen.changes), "path": path.name})
    return out


@router.post("/scenarios/run", summary="Run a listed scenario on the app's case (equipoise scenario run --format json)")
async def scenario_run(request: Request, name: str,
                       draws: int = _draws_q(analysis.SCENARIO_DRAWS, MAX_SCENARIO_DRAWS),
                       seed: int | None = _seed_q()) -> dict[str, Any]:
    from ...analysis.scenarios import run_scenario
    view = _view(request)
    seed = view.seed if seed is None else seed

    def run() -> dict:
        scen = analysis.pick_scenario(analysis.list_scenarios(request.app), name)[1]
        if isinstance(scen, str):
            raise EquipoiseError(scen)
        if (draws, seed) == (analysis.SCENARIO_DRAWS, view.seed):
            return analysis.run_scenario_cached(view, scen).to_dict()
        return run_scenario(scen, case=view.case, draws=draws, seed=seed).to_dict()
    return await in_worker(request, run, what="the scenario run")
