"""Web page "How well does the model predict?": the backtest and robustness labels (same as the report section)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from .app import render

__all__ = ["router", "validation_page"]

router = APIRouter(include_in_schema=False)


def validation_page(view) -> dict:
    """The report section's HTML and data for the app's case and seed (cached per view)."""
    def build() -> dict:
        from ..sections.backtest import build as build_section
        sec = build_section(view.case, seed=view.seed)
        return {"html": Markup(sec.html), "data": sec.data}
    return view.cached("validation_page", build)


@router.get("/validation", response_class=HTMLResponse)
def validation(request: Request):
    page = validation_page(request.app.state.view)
    return render(request, "validation.html", title="How well does the model predict?", v=page)


@router.get("/api/validation", include_in_schema=True)
def validation_api(request: Request) -> dict:
    """The backtest table, the warnings and the robustness labels as JSON."""
    return validation_page(request.app.state.view)["data"]
