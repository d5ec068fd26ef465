"""``equipoise case validate|show|export``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..case import check_case, load_case
from ..case.tables import case_counts, case_summary, case_tables, case_to_dict
from ..errors import CaseError, EquipoiseError
from . import app
from .options import CaseArg, Format, FormatOpt, console, print_json, rich_table, user_errors

case_app = typer.Typer(help="Validate, show and export cases.\n\nExample: equipoise case show", no_args_is_help=True)
app.add_typer(case_app, name="case")


@case_app.command("validate")
@user_errors
def validate_cmd(path: Annotated[Path, typer.Argument(help="case YAML file or folder")],
                 fmt: FormatOpt = Format.table) -> None:
    """Check a case file: exit 1 on errors; list warnings (values without evidence).

    Example: equipoise case validate mycase.yaml
    """
    try:
        case = load_case(path, check=False)
    except CaseError as exc:
        if fmt is Format.json:
            probs = exc.problems or [exc]
            print_json({"ok": False, "errors": [{"path": p.path, "line": p.line, "field": p.field,
                                                 "message": p.message} for p in probs], "warnings": []})
            raise typer.Exit(1) from None
        raise
    report = check_case(case)
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
def show_cmd(case_path: CaseArg = None, fmt: FormatOpt = Format.table) -> None:
    """Summarise a case: data cut-off, stale items, counts, actors, periods, issues and claims.

    Example: equipoise case show --format json
    """
    case = load_case(case_path)
    if fmt is Format.json:
        print_json(case_summary(case))
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
    if stale:
        console.print(rich_table(f"Stale against the cut-off ({len(stale)})", ["item", "flag", "why"],
                                 [[x["what"], x["kind"], x["message"]] for x in stale]))
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
