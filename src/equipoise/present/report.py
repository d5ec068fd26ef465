"""The Equipoise report: every available section, as one self-contained HTML page and as JSON.

:func:`build_report` asks :func:`~equipoise.present.sections.build_sections` for
every section present (overview, timeline, relations, indicators, ... sources);
:func:`write_report` writes ``report.html`` (plotly.js inlined once from the
installed plotly package, so the page opens offline and loads nothing) and
``report.json`` (the same results), each atomically.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from jinja2 import Environment, FunctionLoader
from markupsafe import Markup

from ..case.loader import write_text_atomic
from ..case.models import Case
from ..seeding import DEFAULT_SEED
from .sections import Section, build_sections

__all__ = ["Report", "build_report", "render_html", "write_report"]


def _version() -> str:
    try:
        return metadata.version("equipoise")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "dev"


@dataclass(frozen=True)
class Report:
    """A built report: the sections of one case under one seed.

    Attributes
    ----------
    case_id, title : str
        The case's id and title.
    seed : int
        The seed every section received (the default seed when none was given).
    sections : tuple of Section
        The summary, then the sections in the order of :data:`~equipoise.present.sections.SECTION_MODULES`.
    method : str
        ``"report"``; recorded with the version in :meth:`to_dict`.
    """

    case_id: str
    title: str
    seed: int
    sections: tuple[Section, ...]
    method: str = "report"
    #: the case's data cut-off (issue 13) and its stale items (``equipoise.case.validate.stale_items``)
    cutoff: str | None = None
    stale: tuple[dict, ...] = ()

    def summary(self) -> str:
        return (f"report on {self.case_id} (seed {self.seed}): "
                f"{len(self.sections)} sections ({', '.join(s.id for s in self.sections)})")

    def to_dict(self) -> dict:
        return {"method": self.method, "version": _version(), "case": self.case_id, "title": self.title,
                "params": {"seed": self.seed}, "seed": self.seed, "cutoff": self.cutoff, "stale": list(self.stale),
                "sections": [s.to_dict() for s in self.sections]}


def build_report(case: Case, *, seed: int | None = None, executor=None, timings: dict | None = None) -> Report:
    """Build every available report section for ``case``.

    Parameters
    ----------
    case : Case
        A loaded case (see :func:`equipoise.case.load_case`).
    seed : int, optional
        Passed to every section; ``None`` means :data:`equipoise.seeding.DEFAULT_SEED`.
    executor : concurrent.futures.Executor, optional
        Builds the sections in parallel (see :mod:`equipoise.executor`); the report is the same.
    timings : dict, optional
        Receives each section's CPU seconds (wherever it ran), the summary's included.

    Returns
    -------
    Report
    """
    seed = DEFAULT_SEED if seed is None else int(seed)
    sections = tuple(build_sections(case, seed=seed, executor=executor,
                                    **({"timings": timings} if timings is not None else {})))
    from ..case.validate import stale_items
    stale = tuple({k: v for k, v in x.items() if k != "loc"} for x in stale_items(case))
    t0 = time.process_time()
    summary = summary_section(case, sections, seed=seed)
    if timings is not None:
        timings["summary"] = time.process_time() - t0
    return Report(case_id=case.case.id, title=case.case.title, seed=seed, sections=(summary, *sections),
                  cutoff=case.case.cutoff.text if case.case.cutoff else None, stale=stale)


def summary_section(case: Case, sections, *, seed: int | None = None) -> Section:
    """The summary opening the report, generated from the other sections' results (see :mod:`..summary`)."""
    from .summary import summarise, summary_html
    data = {s.id: s.data for s in sections}
    structure, bargaining, games = data.get("structure") or {}, data.get("bargaining") or {}, data.get("games") or {}
    backtest = data.get("backtest") or {}
    summary = summarise(case, seed=seed, claims=data.get("claims"), forecasts=bargaining.get("forecasts"),
                        balance=structure.get("balance"), games=games.get("games"),
                        robustness=backtest.get("robustness") if isinstance(backtest, dict) else None)
    return Section(id="summary", title="Summary", html=str(summary_html(summary)), data=summary)


def _template(name: str) -> str:
    return resources.files("equipoise.present").joinpath("templates", name).read_text("utf-8")


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (plotly.js inlined once)."""
    from plotly.offline import get_plotlyjs

    env = Environment(loader=FunctionLoader(_template), autoescape=True)
    page = env.get_template("report.html.j2")
    # "</script" cannot end the inline script early: plotly.js is minified JS, but guard anyway
    js = get_plotlyjs().replace("</script", "<\\/script")
    return page.render(title=report.title, case_id=report.case_id, seed=report.seed, version=_version(),
                       cutoff=report.cutoff, stale=report.stale,
                       plotly_js=Markup(js),
                       sections=[{"id": s.id, "title": s.title, "html": Markup(s.html)} for s in report.sections])


def _finite(obj):
    """``obj`` with every NaN or infinite float replaced by ``None`` (JSON has no such numbers)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def write_report(report: Report, out_dir: str | os.PathLike) -> tuple[Path, Path]:
    """Write ``report.html`` and ``report.json`` into ``out_dir`` (created if needed).

    Returns
    -------
    (Path, Path)
        The HTML and JSON paths.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    html_path, json_path = out / "report.html", out / "report.json"
    write_text_atomic(json_path, json.dumps(_finite(report.to_dict()), indent=2, ensure_ascii=False,
                                            allow_nan=False) + "\n", mode=0o644)
    write_text_atomic(html_path, render_html(report), mode=0o644)  # a report is meant to be read
    return html_path, json_path
