"""Report sections: one module per topic, each exposing ``build(case, *, seed) -> Section``.

The report (``equipoise report``) and the web app render every section listed in
:data:`SECTION_MODULES`, in that order. A section carries ready HTML (built with
Jinja2 autoescaping and plotly figures, no CDN) and the same results as plain
JSON data for ``report.json``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Section", "SECTION_MODULES", "build_sections"]

SECTION_MODULES = ("overview", "timeline", "relations", "indicators", "measured", "structure", "bargaining",
                   "games", "scenarios", "claims", "backtest", "sources")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    html: str
    data: Any = field(default=None)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "data": self.data}


def build_section(case, seed: int | None, name: str) -> Section:
    """One section (a task for a worker process)."""
    return importlib.import_module(f"{__name__}.{name}").build(case, seed=seed)


def _build_task(args: tuple) -> Section:
    return build_section(*args)


def build_sections(case, *, seed: int | None = None, only: tuple[str, ...] | None = None,
                   executor=None) -> list[Section]:
    """Build every section for ``case`` (those named in ``only``, if given).

    Sections are independent; with ``executor`` (see :mod:`equipoise.executor`) they are
    built in parallel, each seeded as in a serial build, so the report does not change.
    """
    from ...executor import run_chunked
    names = [n for n in SECTION_MODULES if only is None or n in only]
    return run_chunked(executor, _build_task, [(case, seed, n) for n in names])
