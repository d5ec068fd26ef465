"""The FastAPI application: configuration, templates, security headers, errors.

Pages live in :mod:`.pages`, the JSON API in :mod:`.api`. Everything from case
files and documents is escaped by Jinja2's autoescaping; no inline script runs
(the Content-Security-Policy forbids it), so figures travel as JSON in
``<script type="application/json">`` blocks read by ``static/app.js``. Every
asset, plotly.js included, is served by the app itself.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import EquipoiseError
from .data import CaseView, shared_view

__all__ = ["create_app", "WebConfig", "DEFAULT_MAX_UPLOAD", "ALLOWED_UPLOAD_TYPES", "resolve_inside", "render"]

log = logging.getLogger("equipoise.web")

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024  # bytes; the ingest default
ALLOWED_UPLOAD_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html",
                        ".pdf": "application/pdf"}
HERE = Path(__file__).parent

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")

NAV = [("/", "Overview"), ("/timeline", "Timeline"), ("/evidence", "Evidence"), ("/relations", "Relations"),
       ("/measured", "Measured"), ("/forecasts", "Forecasts"), ("/games", "Games"), ("/scenarios", "Scenarios"),
       ("/claims", "Claims"), ("/validation", "Trust"),
       ("/review", "Review")]


@dataclass(frozen=True)
class WebConfig:
    """Where the app reads and writes: the case, the evidence store, the data directory."""

    case_path: Path | None
    db_url: str
    data_dir: Path
    max_upload: int
    seed: int | None


_env = Environment(loader=PackageLoader("equipoise.present.web", "templates"),
                   autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
                   trim_blocks=True, lstrip_blocks=True)


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return str(value)


_env.filters["fmt"] = _fmt


def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    """Render ``template`` with the navigation and the case's title."""
    view: CaseView | None = getattr(request.app.state, "view", None)
    ctx.setdefault("case_title", view.case.case.title if view else "Equipoise")
    body = _env.get_template(template).render(nav=NAV, path=request.url.path, **ctx)
    return HTMLResponse(body, status_code=status_code)


def resolve_inside(base: Path, name: str) -> Path:
    """``base / name`` resolved, or :class:`EquipoiseError` if it leaves ``base``.

    Only a plain file name is accepted (letters, digits, ``._-``); anything with a
    separator, a drive, ``..`` or a leading dot is refused before touching the file
    system, and the resolved path must still lie inside ``base``.
    """
    if not name or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}", name) or ".." in name:
        raise EquipoiseError(f"expected a plain file name (letters, digits, '.', '_', '-'), got {name!r}",
                             field="file")
    root = base.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise EquipoiseError(f"{name!r} is outside the data directory", field="file")
    return path


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, title: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(request, "error.html", status_code=status, title=title, message=message, status=status)


def create_app(case_path: str | os.PathLike | None = None, db_url: str | None = None,
               data_dir: str | os.PathLike | None = None, *, seed: int | None = None,
               max_upload: int = DEFAULT_MAX_UPLOAD, warm: bool = False) -> FastAPI:
    """Build the web app over one case.

    Parameters
    ----------
    case_path : path, optional
        Case YAML file or folder; ``None`` loads the default Northeast Asia case.
    db_url : str, optional
        SQLAlchemy URL of the evidence store; default ``sqlite:///DATA_DIR/equipoise.db``.
    data_dir : path, optional
        The only folder the app writes to (uploads, saved scenarios, the default
        store); default :func:`equipoise.datadir.default_data_dir` (created if missing).
    seed : int, optional
        Seed for every Monte Carlo result shown (``None``: the CLI's default seed).
    max_upload : int
        Largest accepted upload in bytes.
    warm : bool
        Compute every page's results at start-up rather than on first use.

    Raises
    ------
    CaseError
        If the case cannot be loaded.
    """
    view = shared_view(case_path, seed=seed)
    from ...datadir import default_data_dir
    ddir = Path(data_dir if data_dir is not None else default_data_dir()).resolve()
    ddir.mkdir(parents=True, exist_ok=True)
    config = WebConfig(case_path=Path(case_path) if case_path is not None else None,
                       db_url=db_url or f"sqlite:///{ddir / 'equipoise.db'}", data_dir=ddir,
                       max_upload=int(max_upload), seed=seed)

    app = FastAPI(title="Equipoise", version="0.1.0",
                  description="Explore a case, its evidence and its reasoning. The JSON API under /api/ "
                              "returns what the CLI prints with --format json.",
                  docs_url=None, redoc_url=None)
    app.state.config = config
    app.state.view = view

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed", 413: "Upload too large"}
        return _error(request, exc.status_code, titles.get(exc.status_code, "Request refused"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid value')}")
        return _error(request, 400, "Bad request", "; ".join(parts) or "invalid request")

    @app.exception_handler(EquipoiseError)
    async def user_error(request: Request, exc: EquipoiseError) -> Response:
        return _error(request, 400, "Cannot do that", str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "Internal error",
                      "Something went wrong while building this page; the server log has the details.")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return Response(_plotly_js(), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api, pages, review, validation
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(validation.router)
    app.include_router(review.router)

    if warm:
        pages.warm(app)
    return app


_PLOTLY: bytes | None = None


def _plotly_js() -> bytes:
    global _PLOTLY
    if _PLOTLY is None:
        from plotly.offline import get_plotlyjs
        _PLOTLY = get_plotlyjs().encode("utf-8")
    return _PLOTLY
