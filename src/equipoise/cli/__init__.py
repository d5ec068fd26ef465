"""The ``equipoise`` command: a thin shell over the Python API.

Each topic registers its verbs from its own module; this module builds the app
and turns user errors into one line on stderr with exit status 1.
"""

from __future__ import annotations

import importlib
import sys

import typer

from ..errors import EquipoiseError

app = typer.Typer(
    name="equipoise",
    help="Equipoise: models of strategic systems built from sourced evidence.\n\n"
         "Example: equipoise report -o out/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)



def _version_callback(value: bool) -> None:
    if value:
        from importlib import metadata
        try:
            version = metadata.version("equipoise")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            version = "unknown (not installed)"
        typer.echo(f"equipoise {version}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                       help="print the version and exit")) -> None:
    """Equipoise: models of strategic systems built from sourced evidence.

    Example: equipoise report -o out/
    """


evaluate_app = typer.Typer(help="Score Equipoise against gold annotations and published data.\n\n"
                                "Example: equipoise evaluate deu deu.tsv", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")

# Topic modules register their commands on import (order = order in --help).
for _name in ("case", "report", "evidence", "extraction", "structure", "bargaining", "games", "measure", "validation", "update", "web"):
    importlib.import_module(f"{__name__}.{_name}")


def main() -> None:
    """Console entry point."""
    try:
        app(standalone_mode=True)
    except EquipoiseError as exc:  # raised outside a command's own handler
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
