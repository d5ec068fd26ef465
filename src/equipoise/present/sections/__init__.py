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

SECTION_MODULES = ("overview", "timeline", "relations", "indicators", "structure", "bargaining",
                   "games", "scenarios", "claims", "backtest", "sources")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    html: str
    data: Any = field(default=None)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "data": self.data}


def build_sections(case, *, seed: int | None = None, only: tuple[str, ...] | None = None) -> list[Section]:
    """Build every section for ``case`` (those named in ``only``, if given)."""
    out = []
    for name in SECTION_MODULES:
        if only is not None and name not in only:
            continue
        mod = importlib.import_module(f"{__name__}.{name}")
        out.append(mod.build(case, seed=seed))
    return out
