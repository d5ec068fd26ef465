"""``equipoise case validate|show|export``."""

from __future__ import annotations

from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..case import check_case, load_case
from ..case.tables import case_counts, case_summary, case_tables, case_to_dict
from ..errors import CaseError, EquipoiseError
from . import app
from .options import AsOfOpt, CaseArg, Format, FormatOpt, console, print_json, rich_table, user_errors

#: How many stale items ``case show`` lists in its table output.
STALE_SHOWN = 10

case_app = typer.Typer(help="Start, validate, show and export cases.\n\nExample: equipoise case new iran --actors IRN RUS CHN", no_args_is_help=True)
app.add_typer(case_app, name="case")


@case_app.command("validate")
@user_errors
def validate_cmd(path: CaseArg = None, fmt: FormatOpt = Format.table,
                 texts: Annotated[Optional[Path], typer.Option(
                     "--texts", help="Folder holding the sources' files: check every locator against their "
                                     "paragraphs and sentences.", file_okay=False, exists=True)] = None) -> None:
    """Check a case file: exit 1 on errors; list warnings (values without evidence).

    Example: equipoise case validate mycase/ --texts ../shared/seeds
    """
    from ..case import default_case_path
    path = default_case_path() if path is None else path
    try:
        case = load_case(path, check=False)
    except CaseError as exc:
        if fmt is Format.json:
            probs = exc.problems or [exc]
            print_json({"ok": False, "errors": [{"path": p.path, "line": p.line, "field": p.field,
                                                 "message": p.message} for p in probs], "warnings": []})
            raise typer.Exit(1) from None
        raise
    report = check_case(case, texts=texts)
    if fmt is Format.json:
        print_json(report.to_dict())
    else:
        for w in report.warnings:
            console.print(f"[yellow]warning[/]: {w}", highlight=False, soft_wrap=True)
        for e in report.errors:
            typer.echo(f"Error: {e}", err=True)
        if report.ok:
            console.print(f"[green]valid[/]: {path} ({len(report.warnings)} warning(s))", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


@case_app.command("show")
@user_errors
def show_cmd(case_path: CaseArg = None, fmt: FormatOpt = Format.table, as_of: AsOfOpt = None) -> None:
    """Summarise a case: data cut-off, stale items, counts, actors, periods, issues and claims.

    Example: equipoise case show --format json --as-of 2021-12-31
    """
    from .options import load_case_arg
    case = load_case_arg(case_path, as_of)
    if fmt is Format.json:
        print_json(case_summary(case) | ({"as_of": case._as_of.to_dict()} if case._as_of else {}))
        return
    counts = case_counts(case)
    console.print(f"[bold]{case.case.title}[/] ({case.case.id})", highlight=False)
    console.print(f"Data cut-off: {case.case.cutoff or 'not declared'}", highlight=False)
    console.print(", ".join(f"{v} {k}" for k, v in counts.items()), highlight=False)
    console.print(rich_table("Periods", ["id", "name", "start", "end", "sequence"],
                             [[p.id, p.name, p.start.text, p.end.text if p.end else "…", p.sequence]
                              for p in case.periods]))
    console.print(rich_table("Actors", ["code", "name", "kind"], [[a.code, a.name, a.kind] for a in case.actors]))
    if case.issues:
        console.print(rich_table("Issues", ["id", "name", "stances"],
                                 [[i.id, i.name, len(i.stances)] for i in case.issues]))
    from ..case.validate import stale_items

    stale = stale_items(case)
    if stale:  # a summary: the first few, and how many of each kind (the full list: case validate, --format json)
        kinds = Counter(x["kind"] for x in stale)
        shown = stale[:STALE_SHOWN]
        title = (f"Stale against the cut-off ({len(stale)}: "
                 + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) + ")")
        console.print(rich_table(title, ["item", "flag", "why"], [[x["what"], x["kind"], x["message"]] for x in shown]))
        if len(stale) > len(shown):
            console.print(f"… and {len(stale) - len(shown)} more (all of them: equipoise case validate, "
                          "or case show --format json)", highlight=False)
    warnings = check_case(case).warnings
    console.print(f"{len(warnings)} warning(s): values without evidence or judgement, stale items "
                  "(see: equipoise case validate)", highlight=False)


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


@case_app.command("export")
@user_errors
def export_cmd(case_path: CaseArg = None,
               fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="json (one document) or csv")] = ExportFormat.json,
               output: Annotated[Optional[Path], typer.Option("--output", "-o", help="file (json) or folder (csv); default stdout")] = None,
               section: Annotated[str, typer.Option(help="with csv to stdout: which table")] = "events") -> None:
    """Export a case as JSON, or as CSV tables (one per section).

    Example: equipoise case export --format csv -o nea-csv/
    """
    case = load_case(case_path)
    if fmt is ExportFormat.json:
        data = case_to_dict(case)
        if output is None:
            print_json(data)
        else:
            import json

            from ..case.loader import write_text_atomic
            write_text_atomic(output, json.dumps(data, indent=2, ensure_ascii=False))
            console.print(f"wrote {output}", highlight=False)
        return
    tables = case_tables(case)
    if output is None:
        if section not in tables:
            raise EquipoiseError(f"--section must be one of {', '.join(tables)}, got {section!r}")
        typer.echo(tables[section].to_csv(index=False), nl=False)
        return
    output.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        tmp = output / f".{name}.csv.tmp"
        df.to_csv(tmp, index=False)
        tmp.replace(output / f"{name}.csv")
    console.print(f"wrote {len(tables)} tables to {output}/", highlight=False)


@case_app.command("new")
@user_errors
def new_cmd(name: Annotated[str, typer.Argument(help="case name; also the folder written (under --output)")],
            actors: Annotated[Optional[list[str]], typer.Option("--actors", "-a", help="actor codes (ISO3 for "
                                                                 "states): --actors IRN RUS CHN")] = None,
            more: Annotated[Optional[list[str]], typer.Argument(hidden=True, help="further actor codes")] = None,
            output: Annotated[Path, typer.Option("--output", "-o", help="folder in which to create NAME/")] = Path("."),
            start: Annotated[Optional[str], typer.Option("--start", help="first date of the case's one period "
                                                          "(default: 1 January of this year)")] = None,
            force: Annotated[bool, typer.Option("--force", help="overwrite an existing case.yaml")] = False) -> None:
    """Write a minimal valid case (NAME/case.yaml and an empty NAME/scenarios/) to start from.

    Actors get their names from ISO 3166; each pair of actors gets a neutral relation
    (0, range -1 to 1) for you to code, and one open period starts at --start.

    Example: equipoise case new iran --actors IRN RUS CHN && equipoise report iran/
    """
    from ..case.new import new_case
    path = new_case(name, [*(actors or []), *(more or [])], output, start=start, force=force)
    console.print(f"wrote {path}; next: equipoise case validate {path.parent} && "
                  f"equipoise report {path.parent}", highlight=False, soft_wrap=True)


@case_app.command("schema")
@user_errors
def schema_cmd(output: Annotated[Optional[Path], typer.Option("--output", "-o", help="file to write "
                                                               "(default: stdout)")] = None) -> None:
    """Print the case-format reference (Markdown), generated from the case models.

    Example: equipoise case schema -o docs/case-format.md
    """
    from ..case.loader import write_text_atomic
    from ..case.schema import format_reference
    text = format_reference()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text, mode=0o644)
        console.print(f"wrote {output}", highlight=False)
