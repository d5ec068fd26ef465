"""Report sections: one module per topic, each exposing ``build(case, *, seed) -> Section``.

The report (``equipoise report``) and the web app render every section listed in
:data:`SECTION_MODULES`, in that order. A section carries ready HTML (built with
Jinja2 autoescaping and plotly figures, no CDN) and the same results as plain
JSON data for ``report.json``.
"""

from __future__ import annotations

import importlib
import time
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
    """One section, built in this process."""
    return importlib.import_module(f"{__name__}.{name}").build(case, seed=seed)


def _build_task(args: tuple) -> tuple[Any, float]:
    """A task for a worker: a whole section, or one piece of a section that has ``parts``; with its CPU seconds."""
    case, seed, name, part = args
    module = importlib.import_module(f"{__name__}.{name}")
    t0 = time.process_time()
    out = module.build(case, seed=seed) if part is None else module.run_part(case, seed, part)
    return out, time.process_time() - t0


def build_sections(case, *, seed: int | None = None, only: tuple[str, ...] | None = None,
                   executor=None, timings: dict | None = None) -> list[Section]:
    """Build every section for ``case`` (those named in ``only``, if given).

    Sections are independent; with ``executor`` (see :mod:`equipoise.executor`) they are
    built in parallel, each seeded as in a serial build, so the report does not change.
    A section module may split its work: ``parts(case, seed)`` lists independent pieces,
    ``run_part(case, seed, part)`` computes one and ``assemble(case, seed, results)`` makes
    the section from their results in order. Pieces go to the workers first (the split
    sections are the long ones), then whole sections.

    ``timings``, when given, receives each section's CPU seconds (summed over its pieces,
    wherever they ran; ``equipoise report --verbose`` prints them).
    """
    from ...executor import run_chunked
    names = [n for n in SECTION_MODULES if only is None or n in only]
    modules = {n: importlib.import_module(f"{__name__}.{n}") for n in names}
    tasks: list[tuple] = []
    for n in names:
        split = hasattr(modules[n], "parts")
        tasks += [(case, seed, n, p) for p in (modules[n].parts(case, seed) if split else [None])]
    order = sorted(range(len(tasks)), key=lambda i: tasks[i][3] is None)  # pieces first, then in section order
    done = run_chunked(executor, _build_task, [tasks[i] for i in order])
    results: list = [None] * len(tasks)
    for i, r in zip(order, done):
        results[i] = r
    out = []
    for n in names:
        mine = [r for t, r in zip(tasks, results) if t[2] == n]
        t0 = time.process_time()
        out.append(modules[n].assemble(case, seed, [r for r, _ in mine]) if hasattr(modules[n], "parts")
                   else mine[0][0])
        if timings is not None:
            timings[n] = sum(c for _, c in mine) + time.process_time() - t0
    return out
