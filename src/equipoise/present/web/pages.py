"""HTML pages: overview, timeline, evidence, relations, forecasts, games, scenarios, claims."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, File, Form, Path as PathParam, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from ...errors import EquipoiseError
from . import analysis
from . import evidence as ev
from .app import ALLOWED_UPLOAD_TYPES, check_csrf, in_worker, render
from .data import CaseView

__all__ = ["router", "warm"]

router = APIRouter(include_in_schema=False)


def _view(request: Request) -> CaseView:
    return request.app.state.view


def _choice(value: str, allowed: list[str], what: str) -> str:
    if value and value not in allowed:
        shown = ", ".join(allowed[:12]) + (" ..." if len(allowed) > 12 else "")
        raise EquipoiseError(f"unknown {what} {value!r} (expected one of {shown})", field=what)
    return value


# ------------------------------------------------------------------ overview and timeline

@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    view = _view(request)
    return render(request, "overview.html", title="Overview", o=view.overview(), summary=analysis.summary_page(view))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, actor: str = "", period: str = "", type: str = "", source: str = ""):
    view = _view(request)
    opts = view.timeline_options()
    sel = view.check_filters(actor=actor, period=period, etype=type, source=source)
    events = view.filter_events(actor=sel["actor"], period=sel["period"], etype=sel["type"], source=sel["source"])
    fig = view.timeline_figure_for(events, filtered=any(sel.values()))
    return render(request, "timeline.html", title="Timeline", plotly=True, opts=opts, sel=sel, events=events,
                  total=len(view.events()), fig=fig)


# ------------------------------------------------------------------ evidence

def _safe_url(url: str | None) -> str | None:
    """A source's address, if it is a web address (never a javascript: or other scheme)."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


@router.get("/evidence", response_class=HTMLResponse)
def evidence_index(request: Request):
    view = _view(request)
    docs = ev.open_store(request.app).list_documents()
    by_file = {d.name: d for d in docs}
    sources = [{"id": s.id, "citation": s.citation(), "file": s.file, "url": _safe_url(s.url),
                "doc": by_file.get(Path(s.file).name) if s.file else None} for s in view.case.sources]
    return render(request, "evidence.html", title="Evidence", docs=docs, sources=sources,
                  allowed=sorted(ALLOWED_UPLOAD_TYPES), max_mb=request.app.state.config.max_upload / 2**20,
                  db=request.app.state.config.db_url.split("///")[-1] if request.app.state.config.db_url.startswith(
                      "sqlite") else "database", values=view.case_values())


@router.get("/evidence/doc/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: int = PathParam(ge=1, le=ev.MAX_ID), p: int | None = None,
             s: int | None = None):
    page = ev.document_page(request.app, _view(request), doc_id, p=p, s=s)
    return render(request, "document.html", title=page["info"].title or page["info"].name, d=page)


@router.get("/evidence/locator/{locator}", response_class=HTMLResponse)
def locator(request: Request, locator: str):
    page = ev.locator_page(request.app, _view(request), locator)
    return render(request, "locator.html", title=f"Evidence {locator}", page=page)


@router.get("/evidence/value/{kind}/{key:path}", response_class=HTMLResponse)
def value(request: Request, kind: str, key: str):
    page = ev.value_page(request.app, _view(request), f"{kind}/{key}")
    return render(request, "value.html", title=page["value"].label, page=page)


@router.post("/evidence/upload", response_class=HTMLResponse)
async def upload(request: Request, file: UploadFile = File(...), csrf_token: str = Form("")):
    check_csrf(request, csrf_token)
    name, data = await ev.read_upload(request.app, file)
    path, result = await in_worker(request, ev.save_upload, request.app, name, data, what="the upload")
    return render(request, "uploaded.html", title="Upload", result=result, stored=path.name,
                  docs=ev.document_ids(request.app))


# ------------------------------------------------------------------ analysis pages

@router.get("/relations", response_class=HTMLResponse)
def relations(request: Request, period: str = ""):
    view = _view(request)
    periods = [p.id for p in view.case.periods]
    _choice(period, periods, "period")
    data = analysis.relations_page(view)
    index = next((i for i, p in enumerate(data["periods"]) if p["id"] == period), data["default_index"])
    return render(request, "relations.html", title="Relations", plotly=True, r=data, index=index)


@router.get("/measured", response_class=HTMLResponse)
def measured(request: Request):
    section = _measured_section(_view(request))
    return render(request, "measured.html", title=section.title, plotly=True, section=section)


def _measured_section(view: CaseView):
    from ..sections.measured import build as build_measured
    return view.cached("measured_page", lambda: build_measured(view.case, seed=view.seed))


@router.get("/forecasts", response_class=HTMLResponse)
def forecasts(request: Request):
    return render(request, "forecasts.html", title="Forecasts", plotly=True, f=analysis.forecasts_page(_view(request)))


@router.get("/games", response_class=HTMLResponse)
def games(request: Request):
    return render(request, "games.html", title="Games", g=analysis.games_page(_view(request)))


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request):
    return render(request, "claims.html", title="Claims", c=analysis.claims_page(_view(request)))


@router.get("/scenarios", response_class=HTMLResponse)
def scenarios(request: Request, name: str = ""):
    page = analysis.scenarios_page(request.app, _view(request), name)
    return render(request, "scenarios.html", title="Scenarios", s=page)


@router.post("/scenarios/run", response_class=HTMLResponse)
async def scenario_run(request: Request):
    page = await _scenario(request, save=False)
    return render(request, "scenario_result.html", title="Scenario result", s=page)


@router.post("/scenarios/save", response_class=HTMLResponse)
async def scenario_save(request: Request):
    page = await _scenario(request, save=True)
    return render(request, "scenario_result.html", title="Scenario saved", s=page)


async def _scenario(request: Request, *, save: bool) -> dict:
    """Check the form's token, then parse, run (and save) the scenario in a worker thread."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    check_csrf(request, form.pop("csrf_token", None))
    return await in_worker(request, lambda: analysis.scenario_run(request.app, _view(request), form, save=save),
                           what="the scenario run")


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    return RedirectResponse("/static/favicon.svg", status_code=301)


#: Pages whose data take seconds (Monte Carlo, equilibria): built in worker processes during warm-up.
HEAVY_PAGES = ("games_page", "forecasts_page", "relations_page")


def page_data(case_path, seed: int | None, name: str):
    """One heavy page's data, computed in a worker process over its own copy of the case."""
    from .data import shared_view
    return getattr(analysis, name)(shared_view(case_path, seed=seed))


def warm(app, executor=None) -> dict[str, str]:
    """Compute every page's data now; return pages that could not be built and why.

    With ``executor`` (local processes, see :mod:`equipoise.executor`), the heavy pages
    are computed in worker processes at the same time, so a request for one waits for
    its own result only, never behind another page, and the server stays responsive.
    """
    view: CaseView = app.state.view
    if executor is not None and getattr(executor, "workers", 1) > 1:
        for name in HEAVY_PAGES:
            view.compute_elsewhere(name, executor.submit(page_data, app.state.config.case_path, view.seed, name))

    def timeline() -> None:
        view.timeline_figure_for(view.events(), filtered=False)

    def evidence() -> None:
        ev.open_store(app).list_documents()
        view.values_citing()
    problems: dict[str, str] = {}
    for name, fn in (("overview", view.overview), ("timeline", timeline), ("evidence", evidence),
                     ("relations", lambda: analysis.relations_page(view)),
                     ("measured", lambda: _measured_section(view)),
                     ("forecasts", lambda: analysis.forecasts_page(view)),
                     ("games", lambda: analysis.games_page(view)),
                     ("claims", lambda: analysis.claims_page(view)),
                     ("scenarios", lambda: analysis.list_scenarios(app))):
        try:
            fn()
        except EquipoiseError as exc:
            problems[name] = str(exc)
    return problems
