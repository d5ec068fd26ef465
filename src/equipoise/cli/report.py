"""``equipoise report``: the HTML + JSON report on a case."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..present.report import build_report, write_report
from ..seeding import DEFAULT_SEED
from . import app
from .options import AsOfOpt, CaseArg, SchedulerOpt, SeedOpt, WorkersOpt, load_case_arg, user_errors

__all__ = ["report_cmd"]


@app.command("report")
@user_errors
def report_cmd(case_path: CaseArg = None,
               output: Annotated[Path, typer.Option("--output", "-o", help="folder for report.html and report.json")] = Path("report"),
               seed: SeedOpt = DEFAULT_SEED, as_of: AsOfOpt = None, workers: WorkersOpt = None,
               scheduler: SchedulerOpt = None,
               verbose: Annotated[bool, typer.Option("--verbose", "-v", help="print each section's CPU time "
                                                     "and the wall time on stderr")] = False) -> None:
    """Write a self-contained HTML report (opens offline) and the same results as JSON.

    Example: equipoise report -o report/
    """
    import time
    t0 = time.perf_counter()
    case = load_case_arg(case_path, as_of)
    from ..executor import get_executor
    timings: dict | None = {} if verbose else None
    with get_executor(workers, scheduler) as executor:  # independent sections in parallel; same report
        report = build_report(case, seed=seed, executor=executor, timings=timings)
        where = f"{executor.workers} worker(s), {executor.where}"
    html_path, json_path = write_report(report, output)
    if timings is not None:
        for name, cpu in sorted(timings.items(), key=lambda kv: -kv[1]):
            typer.echo(f"{name:<12} {cpu:7.2f} s CPU", err=True)
        typer.echo(f"{'total':<12} {sum(timings.values()):7.2f} s CPU in sections; "
                   f"{time.perf_counter() - t0:.1f} s wall on {where}", err=True)
    typer.echo(f"wrote {html_path} and {json_path}")
