"""Options and output shared by every command: one convention everywhere.

``--format table|json`` wherever a command prints data; JSON on stdout holds only
``result.to_dict()``; messages go to stderr; a user error exits 1 with
``Error: <message>``.
"""

from __future__ import annotations

import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import EquipoiseError
from ..seeding import DEFAULT_SEED

__all__ = ["Format", "FormatOpt", "CaseArg", "PeriodOpt", "SeedOpt", "DrawsOpt", "console", "err_console",
           "emit", "print_json", "rich_table", "user_errors", "load_case_arg", "AsOfOpt", "within", "MAX_SEED", "MAX_DRAWS"]

console = Console()
err_console = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table for people, json for other tools")]
CaseArg = Annotated[Optional[Path], typer.Argument(help="case YAML file or folder (default: the Northeast Asia case)",
                                                   show_default=False)]
PeriodOpt = Annotated[Optional[str], typer.Option("--period", "-p", help="period id (default: every period)")]
MAX_SEED = 2**63 - 1
MAX_DRAWS = 1_000_000


def within(option: str, hi: int) -> Callable[[Any], Any]:
    """A callback refusing a number outside ``0..hi`` with ``Error: ...`` and exit 1 (a user error)."""
    def check(value: Any) -> Any:
        if isinstance(value, int) and not 0 <= value <= hi:
            sys.stderr.write(f"Error: {option}: expected a whole number from 0 to {hi:,}, got {value}\n")
            raise typer.Exit(1)
        return value
    return check


SeedOpt = Annotated[int, typer.Option("--seed", callback=within("--seed", MAX_SEED),
                                      help="random seed; the same seed gives the same output")]
DrawsOpt = Annotated[int, typer.Option("--draws", callback=within("--draws", MAX_DRAWS),
                                       help="Monte Carlo draws from the case's uncertainty")]
WorkersOpt = Annotated[Optional[int], typer.Option("--workers", min=1, help="local worker processes (default: one "
                                                   "per core; 1 = this process); results do not depend on it")]
SchedulerOpt = Annotated[Optional[str], typer.Option("--scheduler", help="run on a Dask cluster, tcp://HOST:PORT "
                                                     "(default: $EQUIPOISE_DASK_SCHEDULER; needs equipoise[dask])")]
DEFAULT_SEED_VALUE = DEFAULT_SEED
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", help="use only what was knowable by this date (2021 = by the end of 2021): values whose evidence "
                    "was published later are left out", show_default=False)]


def _plain(obj: Any) -> Any:
    """Make numpy scalars and other simple objects JSON-serialisable."""
    if hasattr(obj, "item") and callable(obj.item):
        return obj.item()
    if hasattr(obj, "tolist"):
        return obj.tolist()
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    if isinstance(obj, Path):
        return str(obj)
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    raise TypeError(f"not JSON-serialisable: {type(obj).__name__}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_plain) + "\n")


def rich_table(title: str | None, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*["" if v is None else (f"{v:.3g}" if isinstance(v, float) else str(v)) for v in r])
    return table


def emit(result: Any, fmt: Format, table: Callable[[Any], Any] | None = None) -> None:
    """Print ``result`` as JSON (``to_dict()``) or as a table/summary for people."""
    if fmt is Format.json:
        print_json(result.to_dict() if hasattr(result, "to_dict") else result)
    elif table is not None:
        out = table(result)
        for item in out if isinstance(out, (list, tuple)) else [out]:
            console.print(item)
    else:
        console.print(result.summary() if hasattr(result, "summary") else result, highlight=False)


def user_errors(fn: Callable) -> Callable:
    """Turn an EquipoiseError in a command into ``Error: ...`` on stderr, exit 1."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except EquipoiseError as exc:
            text = str(exc)
            lines = text.splitlines() or [text]
            sys.stderr.write(f"Error: {lines[0]}\n")
            for extra in lines[1:]:
                sys.stderr.write(f"Error: {extra}\n")
            raise typer.Exit(1) from None
    return wrapper


def load_case_arg(path: Path | None, as_of: str | None = None):
    """Load the case named on the command line (or the default case), cut to ``--as-of`` when given;
    the cut-off is stated on stderr."""
    from ..case import load_case
    case = load_case(path)
    if as_of is None:
        return case
    case = case.as_of(as_of)
    err_console.print(case._as_of.summary(), highlight=False)
    return case
