"""The FastAPI application: configuration, templates, security headers, errors.

Pages live in :mod:`.pages`, the JSON API in :mod:`.api`. Everything from case
files and documents is escaped by Jinja2's autoescaping; no inline script runs
(the Content-Security-Policy forbids it), so figures travel as JSON in
``<script type="application/json">`` blocks read by ``static/app.js``. Every
asset, plotly.js included, is served by the app itself.
"""

from __future__ import annotations

import functools
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import anyio
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import EquipoiseError
from .data import CaseView, shared_view

__all__ = ["create_app", "WebConfig", "DEFAULT_MAX_UPLOAD", "ALLOWED_UPLOAD_TYPES", "resolve_inside", "render",
           "LOOPBACK_HOSTS", "JOB_TIMEOUT", "in_worker", "check_csrf"]

log = logging.getLogger("equipoise.web")

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024  # bytes; the ingest default
ALLOWED_UPLOAD_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html",
                        ".pdf": "application/pdf"}
HERE = Path(__file__).parent
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
JOB_TIMEOUT = 30.0  # seconds a request waits for an upload, a scenario run or a computation
JOB_WORKERS = 2  # such jobs running at once; more wait their turn (within the time limit)
FORM_OVERHEAD = 64 * 1024  # bytes a form may add to the upload limit (multipart framing, other fields)
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

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
    hosts: frozenset[str] = frozenset(LOOPBACK_HOSTS)
    job_timeout: float = JOB_TIMEOUT


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
    ctx.setdefault("csrf_token", getattr(request.app.state, "csrf_token", ""))
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


def check_csrf(request: Request, token: Any) -> None:
    """Refuse (HTTP 403) a form post whose ``csrf_token`` field is not this server's token.

    The token is made at start-up and written into every form the app serves; a page
    on another site cannot read it (the browser's same-origin rule, and the Host check
    against DNS rebinding), so it cannot forge a form post that carries it.
    """
    expected = getattr(request.app.state, "csrf_token", "")
    if not isinstance(token, str) or not hmac.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(403, "this form's token is missing or out of date; reload the page and try again")


async def in_worker(request: Request, fn: Callable, *args: Any, what: str = "this request") -> Any:
    """``fn(*args)`` in a worker thread, so the event loop keeps serving others; at most
    :data:`JOB_WORKERS` at once, and HTTP 503 if it takes longer than the app's job time limit."""
    limit = request.app.state.config.job_timeout
    if request.app.state.job_limiter is None:
        request.app.state.job_limiter = anyio.CapacityLimiter(JOB_WORKERS)
    try:
        with anyio.fail_after(limit):
            return await anyio.to_thread.run_sync(functools.partial(fn, *args), abandon_on_cancel=True,
                                                  limiter=request.app.state.job_limiter)
    except TimeoutError:
        raise HTTPException(503, f"{what} took longer than the time limit of {limit:g} s; "
                                 "ask for fewer draws or try again later") from None


def _host_name(host: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class RequestGuard:
    """ASGI middleware run before any route:

    * a request whose ``Host`` is not one the server was started for is refused
      (HTTP 400): a DNS-rebinding page reaches the server under its own host name;
    * a state-changing request (POST, PUT, PATCH, DELETE) whose ``Origin`` (or, without
      one, ``Referer``) is another site or ``null`` is refused (HTTP 403);
    * a request body larger than the upload limit is refused (HTTP 413) on its
      ``Content-Length`` before it is read, and while it is read when it has none.
    """

    def __init__(self, app, *, hosts: Iterable[str], max_body: int):
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from starlette.datastructures import Headers
        headers = Headers(scope=scope)
        problem = self._problem(scope, headers)
        if problem is not None:
            status, message = problem
            response = _error(Request(scope), status, "Request refused", message)
            return await response(scope, receive, send)
        limit, seen = self.max_body, 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"request body larger than the limit of {limit:,} bytes")
            return message
        return await self.app(scope, counted, send)

    def _problem(self, scope, headers) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if _host_name(host) not in self.hosts:
            return 400, (f"unknown Host {host[:100]!r}: this server answers to {', '.join(sorted(self.hosts))} "
                         "(start it with --host NAME to add one)")
        if scope["method"] in UNSAFE_METHODS:
            origin = headers.get("origin")
            if origin is None and headers.get("referer"):
                parts = urlsplit(headers["referer"])
                origin = f"{parts.scheme}://{parts.netloc}"
            if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower()):
                return 403, f"cross-site request refused (from origin {origin[:100]!r}, not this server)"
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return 413, (f"request body of {length[:20]} bytes is larger than the limit of "
                             f"{self.max_body:,} bytes")
        return None


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, title: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(request, "error.html", status_code=status, title=title, message=message, status=status)


def create_app(case_path: str | os.PathLike | None = None, db_url: str | None = None,
               data_dir: str | os.PathLike | None = None, *, seed: int | None = None,
               max_upload: int = DEFAULT_MAX_UPLOAD, warm: bool = False, hosts: Iterable[str] = (),
               job_timeout: float = JOB_TIMEOUT) -> FastAPI:
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
    hosts : iterable of str
        Host names the server answers to besides localhost, 127.0.0.1 and ::1 (the
        name or address given to ``equipoise serve --host``).
    job_timeout : float
        Seconds a request may wait for an upload, a scenario run or a computation.

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
                       max_upload=int(max_upload), seed=seed,
                       hosts=frozenset([*LOOPBACK_HOSTS, *(_host_name(h) for h in hosts)]),
                       job_timeout=float(job_timeout))

    app = FastAPI(title="Equipoise", version="0.1.0",
                  description="Explore a case, its evidence and its reasoning. The JSON API under /api/ "
                              "returns what the CLI prints with --format json.",
                  docs_url=None, redoc_url=None)
    app.state.config = config
    app.state.view = view
    app.state.csrf_token = secrets.token_urlsafe(32)
    app.state.job_limiter = None  # made on first use, inside the event loop
    app.add_middleware(RequestGuard, hosts=config.hosts, max_body=config.max_upload + FORM_OVERHEAD)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" makes browsers send Origin: null
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {403: "Request refused", 404: "Not found", 405: "Method not allowed", 413: "Upload too large",
                  503: "Took too long"}
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
