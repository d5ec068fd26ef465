"""``equipoise triangle|balance|balance-case|landscape|landscape-case|hedging``: structural analyses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..analysis.structure import (alignment_landscape, case_balance, case_landscape, frustration_index,
                                  hedging_index, read_signed_edges, triangle)
from ..analysis.structure.landscape import read_landscape_csv
from ..errors import ModelInputError
from ..seeding import DEFAULT_SEED
from . import app
from .options import CaseArg, DrawsOpt, Format, FormatOpt, PeriodOpt, SeedOpt, emit, load_case_arg, print_json, \
    rich_table, user_errors

__all__ = ["triangle_cmd", "balance_cmd", "balance_case_cmd", "landscape_cmd", "landscape_case_cmd", "hedging_cmd"]

ThresholdOpt = Annotated[float, typer.Option("--threshold", min=0.0,
                                             help="relations closer to zero than this are not signed")]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelInputError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelInputError(f"cannot read the file: {exc}", path=str(path)) from None


def _periods(case, period):
    return [period] if period else [p.id for p in case.main_periods]


def _many(results, fmt: Format, table):
    """One result: its dict; several periods: a list of dicts."""
    if fmt is Format.json:
        print_json(results[0].to_dict() if len(results) == 1 else [r.to_dict() for r in results])
    else:
        emit(results, fmt, table)


@app.command("triangle")
@user_errors
def triangle_cmd(a: Annotated[str, typer.Argument(metavar="A", help="first actor code")],
                 b: Annotated[str, typer.Argument(metavar="B", help="second actor code")],
                 c: Annotated[str, typer.Argument(metavar="C", help="third actor code")],
                 case_path: CaseArg = None, period: PeriodOpt = None,
                 threshold: ThresholdOpt = 0.1, draws: DrawsOpt = 2000, seed: SeedOpt = DEFAULT_SEED,
                 fmt: FormatOpt = Format.table) -> None:
    """Strategic triangle of three actors (Dittmer 1981) with configuration and role probabilities.

    Without --period, every period of the case is shown (JSON: a list).

    Example: equipoise triangle RUS CHN USA --period treaty2024 --format json
    """
    case = load_case_arg(case_path)
    results = [triangle(case, a, b, c, period=p, draws=draws, seed=seed, threshold=threshold)
               for p in _periods(case, period)]

    def table(rs):
        rows = []
        for r in rs:
            probs = ", ".join(f"{k} {v:.2f}" for k, v in r.probabilities.items() if v > 0)
            roles = ", ".join(f"{k}: {v} (#{r.ranks[k]})" for k, v in r.roles.items())
            rows.append([r.period, r.configuration or "ambiguous", roles, probs])
        return rich_table(f"{a}-{b}-{c} (threshold {threshold:g}, {draws} draws, seed {seed})",
                          ["period", "configuration", "roles (Wu rank)", "probabilities"], rows)
    _many(results, fmt, table)


@app.command("balance")
@user_errors
def balance_cmd(edges: Annotated[Path, typer.Argument(help="edge list: 'node node sign_or_weight' per line")],
                weighted: Annotated[bool, typer.Option("--weighted", help="weigh edges by |weight|")] = False,
                method: Annotated[str, typer.Option("--method", help="auto, exhaustive or milp")] = "auto",
                time_limit: Annotated[float, typer.Option("--time-limit", min=0.1, help="MILP seconds")] = 60.0,
                fmt: FormatOpt = Format.table) -> None:
    """Exact frustration index and optimal two-bloc partition of any signed edge list.

    Example: equipoise balance edges.txt --weighted --format json
    """
    g = read_signed_edges(_read(edges), path=str(edges))
    res = frustration_index(g, weighted=weighted, method=method, time_limit=time_limit)
    emit(res, fmt)


@app.command("balance-case")
@user_errors
def balance_case_cmd(case_path: CaseArg = None, period: PeriodOpt = None,
                     unweighted: Annotated[bool, typer.Option("--unweighted", help="count edges, not strengths")] = False,
                     fmt: FormatOpt = Format.table) -> None:
    """Structural balance of a case's relations per period: balanced triads, frustration, blocs.

    Example: equipoise balance-case --period treaty2024
    """
    case = load_case_arg(case_path)
    results = [case_balance(case, p, weighted=not unweighted) for p in _periods(case, period)]

    def table(rs):
        rows = [[r.period, f"{r.balanced_triads}/{r.triads}", r.frustration.frustration,
                 f"{r.frustration.method}{'' if r.frustration.optimal else ' (not proven)'}",
                 " | ".join(", ".join(b) or "no one" for b in r.blocs) if r.triads else "none (no signed triad)"]
                for r in rs]
        out = [rich_table("Structural balance", ["period", "balanced triads", "frustration", "method", "blocs"], rows)]
        for r in rs:
            if not r.triads:
                out.append(f"note: {r.period}: no three actors are related pairwise with a definite sign, so "
                           "structural balance does not apply (it reads triads)")
        return out
    _many(results, fmt, table)


def _landscape_table(r):
    rows = [[f"{m.energy:.4g}", f"{m.basin_share:.0%}", "yes" if m.is_global else "",
             " | ".join(", ".join(b) or "-" for b in m.blocs)] for m in r.minima]
    title = f"Alignment landscape ({r.method}, {r.n_configurations} configurations)"
    if "period" in r.context:
        title += f": {r.context['period']}, CINC {r.context['year']}"
    return rich_table(title, ["energy", "basin", "global", "blocs"], rows)


@app.command("landscape")
@user_errors
def landscape_cmd(sizes: Annotated[Path, typer.Argument(help="CSV of 'actor,size' rows")],
                  propensities: Annotated[Path, typer.Argument(help="CSV matrix: header of actors, one row each")],
                  method: Annotated[str, typer.Option("--method", help="auto, exhaustive or search")] = "auto",
                  seed: SeedOpt = DEFAULT_SEED, fmt: FormatOpt = Format.table) -> None:
    """Alignment landscape (Axelrod & Bennett 1993) of any actors: energies and local minima.

    Example: equipoise landscape sizes.csv propensities.csv --format json
    """
    s, p = read_landscape_csv(_read(sizes), _read(propensities), sizes_path=str(sizes),
                              propensities_path=str(propensities))
    emit(alignment_landscape(s, p, method=method, seed=seed), fmt, _landscape_table)


@app.command("landscape-case")
@user_errors
def landscape_case_cmd(case_path: CaseArg = None, period: PeriodOpt = None,
                       year: Annotated[Optional[int], typer.Option("--year", help="CINC year")] = None,
                       seed: SeedOpt = DEFAULT_SEED, fmt: FormatOpt = Format.table) -> None:
    """Alignment landscape of a case per period: CINC sizes, relation values as propensities.

    Example: equipoise landscape-case --period treaty2024
    """
    case = load_case_arg(case_path)
    results = [case_landscape(case, p, year=year, seed=seed) for p in _periods(case, period)]
    _many(results, fmt, lambda rs: [_landscape_table(r) for r in rs])


@app.command("hedging")
@user_errors
def hedging_cmd(case_path: CaseArg = None,
                actor: Annotated[str, typer.Option("--actor", help="the actor that hedges")] = "PRK",
                patrons: Annotated[tuple[str, str], typer.Option("--patrons", help="two patrons")] = ("RUS", "CHN"),
                period: PeriodOpt = None, draws: DrawsOpt = 2000, seed: SeedOpt = DEFAULT_SEED,
                fmt: FormatOpt = Format.table) -> None:
    """Hedging index of an actor between two patrons, per period (1 = even ties, 0 = one patron).

    Example: equipoise hedging --actor PRK --patrons RUS CHN
    """
    case = load_case_arg(case_path)
    res = hedging_index(case, actor, tuple(patrons), period, draws=draws, seed=seed)

    def table(r):
        p, q = r.patrons
        rows = [[x.period, "not computed (no positive tie)" if x.index is None else x.index,
                 None if x.low is None else f"{x.low:.2f}-{x.high:.2f}", x.lean,
                 x.trade_index, x.note or ""] for x in r.periods]
        return rich_table(f"{r.actor} between {p} and {q} (lean > 0 towards {p})",
                          ["period", "index", "90% range", "lean", "trade index", "note"], rows)
    emit(res, fmt, table)
