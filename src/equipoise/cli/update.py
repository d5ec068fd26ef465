"""``equipoise update``, ``equipoise review``, ``equipoise case copy`` and ``equipoise evaluate update``:
the living-case loop (propose from new documents, review, apply)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import CaseError, EquipoiseError
from . import app, evaluate_app
from .options import Format, FormatOpt, console, err_console, print_json, rich_table, user_errors

__all__ = ["update_cmd", "review_cmd", "copy_cmd", "evaluate_update_cmd"]

_DOC_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="propose new events, points and relation changes "
                                                 "dated on or after YYYY-MM-DD only")]


def _since(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise EquipoiseError(f"expected YYYY-MM-DD, got {value!r}", field="--since") from None


def _is_case(path: Path) -> bool:
    if path.is_file():
        return path.suffix in (".yaml", ".yml")
    if path.is_dir():
        names = [p.suffix for p in path.iterdir()]
        return any(s in (".yaml", ".yml") for s in names) and not any(s in _DOC_SUFFIXES for s in names)
    return False


def _split(paths: list[Path], case: Path | None) -> tuple[Path | None, list[Path]]:
    if case is None and len(paths) > 1 and _is_case(paths[0]):
        return paths[0], paths[1:]
    return case, paths


def _ids(values: list[str] | None) -> list[str]:
    return [x.strip() for v in values or [] for x in v.split(",") if x.strip()]


def _progress_bar():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err_console,
                    transient=True, disable=not err_console.is_terminal)


@app.command("update")
@user_errors
def update_cmd(paths: Annotated[list[Path], typer.Argument(help="[CASE] then documents or folders (.txt, .md, "
                                                           ".html, .pdf)", show_default=False)],
               case: Annotated[Optional[Path], typer.Option("--case", help="case YAML file or folder (default: the "
                                                            "first argument if it is one, else the Northeast Asia "
                                                            "case)")] = None,
               since: SinceOpt = None,
               db: Annotated[str, typer.Option("--db", help="evidence store (SQLAlchemy URL) the documents are "
                                               "ingested into")] = "sqlite:///equipoise.db",
               output: Annotated[Path, typer.Option("--output", "-o", help="proposals file to write")] =
               Path("proposals.yaml"),
               fmt: FormatOpt = Format.table) -> None:
    """Read new documents and propose updates to a case: events, evidence, indicator points, actors, leaders,
    relation changes. Unreadable documents are skipped with their reason.

    Then review: equipoise review proposals.yaml --accept ID ... (or the web app's /review page).

    Example: equipoise update mycase/ news/*.txt --since 2025-01-01 -o proposals.yaml
    """
    from ..case import load_case
    from ..case.update import propose_updates, write_proposals
    from ..evidence.store import EvidenceStore
    case_path, docs = _split(paths, case)
    the_case = load_case(case_path)
    with EvidenceStore(db) as store, _progress_bar() as bar:
        task = bar.add_task("reading", total=None)
        result = propose_updates(the_case, docs, store=store, since=_since(since),
                                 case_path=str(case_path.resolve()) if case_path else None,
                                 progress=lambda d, n, name: bar.update(task, completed=d, total=n,
                                                                        description=f"reading {name}"))
    if not result.documents:
        reasons = "; ".join(f"{s['path']}: {s['reason']}" for s in result.skipped) or "no documents found"
        raise EquipoiseError(f"no document could be read ({reasons})")
    write_proposals(output, result)
    if fmt is Format.json:
        print_json({"output": str(output), **result.to_dict()})
        return
    for s in result.skipped:
        err_console.print(f"skipped {s['path']}: {s['reason']}", highlight=False, soft_wrap=True)
    console.print(rich_table(None, ["id", "kind", "conf", "date", "actors", "summary", "sentences"],
                             [[p.id, p.kind, p.confidence, p.date, " ".join(p.actors), p.summary, len(p.sentences)]
                              for p in result.proposals]))
    console.print(result.summary().splitlines()[0], highlight=False, soft_wrap=True)
    console.print(f"wrote {output}; review with: equipoise review {output} --accept ID ... --reject ID ...",
                  highlight=False, soft_wrap=True)


@app.command("review")
@user_errors
def review_cmd(proposals: Annotated[Path, typer.Argument(help="proposals file written by equipoise update")],
               accept: Annotated[Optional[list[str]], typer.Option("--accept", "-a", help="proposal id(s) to accept "
                                                                   "(repeat, or comma-separated)")] = None,
               reject: Annotated[Optional[list[str]], typer.Option("--reject", "-r", help="proposal id(s) to "
                                                                   "reject")] = None,
               accept_all: Annotated[bool, typer.Option("--all", help="accept every pending proposal")] = False,
               case: Annotated[Optional[Path], typer.Option("--case", help="the case to write (default: the case "
                                                            "named in the proposals file)")] = None,
               dry_run: Annotated[bool, typer.Option("--dry-run", help="check that the accepted set applies and "
                                                     "validates; write nothing")] = False,
               changes: Annotated[bool, typer.Option("--changes/--no-changes", help="re-evaluate claims, games and "
                                                     "forecasts and show what changed")] = True,
               draws: Annotated[int, typer.Option("--draws", min=0, help="Monte Carlo draws for the re-evaluation")]
               = 100,
               fmt: FormatOpt = Format.table) -> None:
    """Accept or reject proposals and write the accepted ones into the case, keeping its comments and layout.

    Nothing is written unless the whole accepted set leaves a valid case; a proposal that no longer applies is
    reported and skipped. The default case ships inside the package: copy it first (equipoise case copy DIR).
    Without --accept/--reject/--all, lists the proposals and their status.

    Example: equipoise review proposals.yaml --accept ev001 --accept ee002 --reject lc001 --case mycase/
    """
    from ..case.update import apply_proposals, is_packaged_case, read_proposals, write_proposals
    ps = read_proposals(proposals)
    acc, rej = _ids(accept), _ids(reject)
    if not acc and not rej and not accept_all and not any(p.status == "accepted" for p in ps.proposals):
        if fmt is Format.json:
            print_json(ps.to_dict())
        else:
            console.print(ps.summary(), highlight=False, soft_wrap=True)
        return
    target = case or (Path(ps.case) if ps.case else None)
    if target is None or is_packaged_case(target):
        if not dry_run:
            raise CaseError("the proposals are for the default case, which ships inside the package and is not "
                            "edited in place: copy it (equipoise case copy mycase/) and review with --case mycase/",
                            field="--case")
        from ..case.loader import default_case_path
        target = default_case_path()
    result = apply_proposals(ps, target, accept=acc, reject=rej, accept_all=accept_all, dry_run=dry_run)
    if not dry_run:
        write_proposals(proposals, ps)
    diff = None
    if changes and result.applied and result.after is not None:
        from ..analysis.changes import compare_cases
        diff = compare_cases(result.before, result.after, draws=draws)
    if fmt is Format.json:
        print_json({**result.to_dict(), "changes": diff.to_dict() if diff else None})
        return
    console.print(result.summary(), highlight=False, soft_wrap=True)
    if diff is not None:
        console.print(diff.summary(), highlight=False, soft_wrap=True)


def copy_cmd(dest: Annotated[Path, typer.Argument(help="new folder to copy the case into")],
             source: Annotated[Optional[Path], typer.Option("--from", help="case to copy (default: the Northeast "
                                                            "Asia case)")] = None) -> None:
    """Copy a case (default: the shipped Northeast Asia case) into a new folder you can edit and review into.

    Example: equipoise case copy mycase/ && equipoise review proposals.yaml --all --case mycase/
    """
    from ..case.update import copy_case
    out = copy_case(source, dest)
    console.print(f"copied {'the default case' if source is None else source} to {out}", highlight=False)


def _register_copy() -> None:
    from .case import case_app
    case_app.command("copy")(user_errors(copy_cmd))


_register_copy()


@evaluate_app.command("update")
@user_errors
def evaluate_update_cmd(gold: Annotated[Path, typer.Argument(help="gold events CSV (file, date, source, target, "
                                                             "cameo_root, ...)")],
                        docs: Annotated[list[Path], typer.Argument(help="the documents the gold table codes")],
                        case: Annotated[Optional[Path], typer.Option("--case", help="case to update (default: "
                                                                     "the Northeast Asia case)")] = None,
                        since: SinceOpt = None,
                        fmt: FormatOpt = Format.table) -> None:
    """How many gold events the update proposals recover (recall) and how many new-event proposals are wrong
    (precision).

    Example: equipoise evaluate update ../shared/news2025/gold_events.csv ../shared/news2025/*.txt --since 2025-01-01
    """
    from ..case import load_case
    from ..case.update import evaluate_update, propose_updates, read_gold_events
    facts = read_gold_events(gold)
    the_case = load_case(case)
    t0 = time.perf_counter()
    ps = propose_updates(the_case, docs, since=_since(since))
    result = evaluate_update(ps, facts, case=the_case, seconds=time.perf_counter() - t0)
    if fmt is Format.json:
        print_json(result.to_dict())
        return
    console.print(result.summary(), highlight=False, soft_wrap=True)
    if result.misses:
        console.print(rich_table("Gold events not recovered", ["file:line", "date", "source", "target", "root"],
                                 [[f"{g.file}:{g.line}", g.date, g.source, g.target, g.root]
                                  for g in result.misses]))
