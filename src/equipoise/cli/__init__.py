"""The ``equipoise`` command: a thin shell over the Python API.

Each topic registers its verbs from its own module; this module builds the app
and turns user errors into one line on stderr with exit status 1.

Topic modules are imported only when one of their commands runs, so ``equipoise
--help`` and light commands start without loading numpy, pandas or SQLAlchemy.
:data:`COMMANDS` maps each top-level command to the module(s) that register it
and the one-line help ``--help`` lists; a new CLI module adds its commands there
(``tests/test_cli_lazy.py`` checks the table against the modules).
"""

from __future__ import annotations

import importlib
import sys

import click
import typer
from typer.core import TyperGroup

from ..errors import EquipoiseError

#: Top-level command -> (modules under ``equipoise.cli`` that register it, help listed by ``--help``).
#: Order = order in ``--help``. Help must equal the first line of the command's own help.
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "report": (("report",), "Write a self-contained HTML report (opens offline) and the same results as JSON."),
    "ingest": (("evidence",), "Read documents, extract evidence and store it; skip bad files with their reason."),
    "documents": (("evidence",), "List the documents in the evidence store (latest version of each)."),
    "extract": (("extraction",), "Extract actors, dates, quantities and events, one record per sentence with any."),
    "triangle": (("structure",), "Strategic triangle of three actors (Dittmer 1981) with configuration and role "
                                 "probabilities."),
    "balance": (("structure",), "Exact frustration index and optimal two-bloc partition of any signed edge list."),
    "balance-case": (("structure",), "Structural balance of a case's relations per period: balanced triads, "
                                     "frustration, blocs."),
    "landscape": (("structure",), "Alignment landscape (Axelrod & Bennett 1993) of any actors: energies and local "
                                  "minima."),
    "landscape-case": (("structure",), "Alignment landscape of a case per period: CINC sizes, relation values as "
                                       "propensities."),
    "hedging": (("structure",), "Hedging index of an actor between two patrons, per period (1 = even ties, 0 = one "
                                "patron)."),
    "forecast": (("bargaining",), "Forecast how issues settle with compromise, median, Nash and expected-utility "
                                  "models."),
    "game": (("games",), "Solve the case's games per period (equilibria, logit QRE, Monte Carlo), or any Gambit "
                         ".nfg file."),
    "claims": (("games",), "Check every claim of a case against the model: supported, contradicted or "
                           "undetermined."),
    "backtest": (("validation",), "Rolling-origin backtest: freeze the case at each period boundary, predict the "
                                  "next period, score every model beside persistence, climatology and constant "
                                  "baselines."),
    "sensitivity": (("validation",), "Morris screening (SALib) of every claim, game expectation and key forecast "
                                     "over its uncertain inputs and the case's declared alternatives: most "
                                     "influential inputs, smallest flipping change, robust or fragile."),
    "serve": (("web",), "Explore a case, its evidence and its reasoning in the browser."),
    "sensitivity": (("validation",), "Morris screening (SALib) of every claim, game expectation and key forecast "
                                     "over its uncertain inputs and the case's declared alternatives: most "
                                     "influential inputs, smallest flipping change, robust or fragile."),
    "update": (("update",), "Read new documents and propose updates to a case: events, evidence, indicator points, "
                            "actors, leaders, relation changes."),
    "review": (("update",), "Accept or reject proposals and write the accepted ones into the case, keeping its "
                            "comments and layout."),
    "evaluate": (("bargaining", "extraction", "validation", "update"),
                 "Score Equipoise against gold annotations and published data."),
    "case": (("case", "update"), "Start, validate, show and export cases."),
    "scenario": (("games",), "Run what-if scenarios against a case."),
    "measure": (("measure",), "Measure relations independently of the analyst's coding."),
}


class LazyGroup(TyperGroup):
    """A command group that imports a topic module only when one of its commands runs.

    ``--help`` lists every command of :data:`COMMANDS` with its help from the table;
    running (or asking for the help of) a command imports its modules first.
    """

    _resolving = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS) + [n for n in super().list_commands(ctx) if n not in COMMANDS]

    def resolve_command(self, ctx: click.Context, args: list[str]):
        self._resolving = True
        try:
            return super().resolve_command(ctx, args)
        finally:
            self._resolving = False

    def get_command(self, ctx: click.Context, cmd_name: str):
        if cmd_name in COMMANDS and not _loaded(cmd_name):
            if not self._resolving:  # listed in --help: the table's help stands in
                return click.Command(cmd_name, help=COMMANDS[cmd_name][1], short_help=COMMANDS[cmd_name][1])
            load(cmd_name)
            self.commands.update(typer.main.get_group(app).commands)
        return super().get_command(ctx, cmd_name)


def _loaded(name: str) -> bool:
    return all(f"{__name__}.{m}" in sys.modules for m in COMMANDS[name][0])


def load(name: str | None = None) -> None:
    """Import the modules that register command ``name`` (every command when ``None``)."""
    for cmd in [name] if name else list(COMMANDS):
        for module in COMMANDS[cmd][0]:
            importlib.import_module(f"{__name__}.{module}")


app = typer.Typer(
    name="equipoise",
    cls=LazyGroup,
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


def main() -> None:
    """Console entry point."""
    try:
        app(standalone_mode=True)
    except EquipoiseError as exc:  # raised outside a command's own handler
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
