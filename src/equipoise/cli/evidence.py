"""``equipoise ingest`` and ``equipoise documents``: fill and list the evidence store."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import EvidenceError
from ..evidence.ingest import IngestResult, ingest
from ..evidence.store import EvidenceStore
from . import app
from .options import (Format, FormatOpt, SchedulerOpt, WorkersOpt, console, err_console, print_json, rich_table,
                      user_errors)

__all__ = ["ingest_cmd", "documents_cmd"]

DbOpt = Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy database URL, e.g. postgresql+psycopg://user@host/db "
                                              "(default: DATA_DIR/equipoise.db, the store `serve` opens; DATA_DIR is "
                                              "$EQUIPOISE_DATA_DIR or ~/.local/share/equipoise)", show_default=False)]


def _ingest_tables(result: IngestResult) -> list:
    docs = rich_table("Documents", ["file", "status", "version", "sentences", "events"],
                      [[o.name, o.status.replace("_", " "), o.version, o.sentences, o.events] for o in result.outcomes])
    docs.columns[0].no_wrap = True
    out: list = [docs] if result.outcomes else []
    if result.skipped:
        out.append(rich_table("Skipped", ["file", "reason"], [[s.path, s.reason] for s in result.skipped]))
    out.append(result.summary().splitlines()[0])
    return out


@app.command("ingest")
@user_errors
def ingest_cmd(paths: Annotated[list[Path], typer.Argument(help="files and folders (.txt, .md, .html, .pdf)")],
               db: DbOpt = None,
               doc_date: Annotated[Optional[datetime], typer.Option(
                   "--date", formats=["%Y-%m-%d"],
                   help="publication date for resolving relative dates (default: found in each document)")] = None,
               max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="skip files larger than this "
                                                       "many megabytes")] = 20.0,
               fmt: FormatOpt = Format.table, workers: WorkersOpt = None, scheduler: SchedulerOpt = None) -> None:
    """Read documents, extract evidence and store it; skip bad files with their reason.

    Re-ingesting an unchanged file adds nothing; a changed file becomes a new version;
    a file another ingest stores meanwhile counts as unchanged. Workers (local
    processes or a Dask cluster) extract; this process alone writes to the store.
    Exit status 1 when every file was skipped.

    Example: equipoise ingest saved-article.html
    """
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its notes on discarded HTML are not for users
    from ..executor import get_executor
    if db is None:
        from ..datadir import default_store_url
        db = default_store_url()
    with EvidenceStore(db) as store, get_executor(workers, scheduler) as executor:
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err_console, transient=True,
                      disable=not err_console.is_terminal) as bar:
            task = bar.add_task("ingesting", total=None)

            def progress(done: int, total: int, name: str) -> None:
                bar.update(task, completed=done, total=total, description=f"ingesting {name}")

            result = ingest(paths, store=store, doc_date=doc_date.date() if doc_date else None,
                            max_bytes=int(max_size * 1_000_000), progress=progress, executor=executor)
    if not result.outcomes and not result.skipped:
        raise EvidenceError("no .txt, .md, .html or .pdf files found in " + ", ".join(map(str, paths)))
    if fmt is Format.json:
        print_json(result.to_dict())
    else:
        for item in _ingest_tables(result):
            console.print(item, highlight=False)
    if not result.outcomes:
        raise typer.Exit(1)


@app.command("documents")
@user_errors
def documents_cmd(db: DbOpt = None, fmt: FormatOpt = Format.table) -> None:
    """List the documents in the evidence store (latest version of each).

    Example: equipoise documents --db sqlite:///equipoise.db --format json
    """
    if db is None:
        from ..datadir import default_store_url
        db = default_store_url()
    if db.startswith("sqlite:///") and db != "sqlite:///:memory:" and not Path(db[len("sqlite:///"):]).exists():
        raise EvidenceError(f"no store at {db[len('sqlite:///'):]}; run `equipoise ingest PATH --db {db}` first",
                            field="--db")
    with EvidenceStore(db) as store:
        docs = store.list_documents()
    if fmt is Format.json:
        print_json({"db": store.url, "documents": [d.to_dict() for d in docs]})
        return
    table = rich_table(None, ["id", "file", "v", "date", "sents", "events", "spin", "title"],
                       [[d.id, d.name, f"{d.version}/{d.versions}",
                         d.date.isoformat() if d.date else (f"({d.doc_date.isoformat()})" if d.doc_date else None),
                         d.sentences, d.events, None if d.spin_score is None else f"{d.spin_score:.2f}", d.title]
                        for d in docs])
    for col, width in zip(table.columns, (2, 24, 3, 12, 5, 6, 4)):
        col.no_wrap, col.min_width = True, width
    table.columns[7].no_wrap, table.columns[7].overflow, table.columns[7].max_width = True, "ellipsis", 30
    console.print(f"{len(docs)} document(s) in {store.url}; (date) = reference date found in the text",
                  highlight=False, soft_wrap=True)
    console.print(table)
