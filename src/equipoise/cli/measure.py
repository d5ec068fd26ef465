"""``equipoise measure``: independent measurement — UN votes, vetoes, event data, and judged vs measured."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ModelInputError
from . import app
from .options import CaseArg, Format, FormatOpt, SeedOpt, console, err_console, print_json, rich_table, user_errors
from ..seeding import DEFAULT_SEED

__all__ = ["measure_app"]

measure_app = typer.Typer(help="Measure relations independently of the analyst's coding.\n\n"
                               "Example: equipoise measure relations --format json", no_args_is_help=True)
app.add_typer(measure_app, name="measure")

FilesArg = Annotated[list[Path], typer.Argument(help="input files", show_default=False)]
DyadOpt = Annotated[tuple[str, str], typer.Option("--dyad", help="two actor codes, e.g. RUS PRK")]


def _bad_note(bad) -> None:
    if bad.count:
        err_console.print(f"skipped {bad.count} bad row(s); first: {bad.messages[0] if bad.messages else ''}",
                          highlight=False, markup=False)


@measure_app.command("unga")
@user_errors
def unga_cmd(files: FilesArg,
             dyad: DyadOpt,
             start: Annotated[Optional[int], typer.Option("--from", help="first year")] = None,
             end: Annotated[Optional[int], typer.Option("--to", help="last year")] = None,
             issue: Annotated[Optional[str], typer.Option("--issue", help="Voeten issue flag: me, nu, di, hr, co, "
                                                                           "ec")] = None,
             important: Annotated[bool, typer.Option("--important", help="important votes only")] = False,
             fmt: FormatOpt = Format.table) -> None:
    """Yearly UNGA agreement, S-score and Cohen's kappa of a dyad, with the votes both cast.

    FILES are the votes file and, unless it has a date column, the roll-call file
    (optionally the issues file), in the Voeten/unvotes layout.

    Example: equipoise measure unga un_votes.csv.gz un_roll_calls.csv.gz --dyad RUS PRK --from 2000
    """
    from ..analysis.measure.unga import unga_dyad
    from ..evidence.votes import read_unga
    data = read_unga(files)
    res = unga_dyad(data, dyad[0].upper(), dyad[1].upper(), start=start, end=end, issue=issue, important=important)
    _bad_note(data.bad)
    if fmt is Format.json:
        print_json(res.to_dict() | {"bad": data.bad.to_dict()})
        return
    console.print(rich_table(f"UNGA similarity {'-'.join(res.dyad)} (votes both cast)",
                             ["year", "agreement", "s_score", "kappa", "n"],
                             [[r.year, r.agreement, r.s_score, r.kappa, r.n] for r in res.rows]))


@measure_app.command("ideal")
@user_errors
def ideal_cmd(file: Annotated[Path, typer.Argument(help="ideal-point CSV (Bailey, Strezhnev & Voeten)")],
              dyad: DyadOpt, fmt: FormatOpt = Format.table) -> None:
    """Distance between two states' UNGA ideal points per session.

    Example: equipoise measure ideal IdealpointestimatesAll_Jul2023.csv.gz --dyad RUS PRK
    """
    from ..analysis.measure.unga import ideal_point_distance
    from ..evidence.votes import read_ideal_points
    res = ideal_point_distance(read_ideal_points(file), dyad[0].upper(), dyad[1].upper())
    if fmt is Format.json:
        print_json(res.to_dict())
        return
    console.print(rich_table(f"Ideal-point distance {'-'.join(res.dyad)}", ["session", "year", "distance", "90% low",
                                                                            "90% high", "n"],
                             [[r.session, r.year, r.distance, r.low, r.high, r.n] for r in res.rows]))


@measure_app.command("vetoes")
@user_errors
def vetoes_cmd(files: Annotated[Optional[list[Path]], typer.Argument(help="veto list CSV(s)", show_default=False)] = None,
               topic: Annotated[Optional[str], typer.Option("--topic", help="keep vetoes whose topic, agenda item "
                                                                            "or region contains this")] = None,
               joint: Annotated[Optional[tuple[str, str]], typer.Option("--joint", help="two members: drafts both "
                                                                                      "vetoed")] = None,
               later: Annotated[bool, typer.Option("--later/--no-later", help="add the later vetoes Equipoise "
                                                                              "records from cited sources")] = True,
               fmt: FormatOpt = Format.table) -> None:
    """Security Council vetoes per member and year (or joint vetoes of two members).

    Example: equipoise measure vetoes unsc_vetoes_1946_sept2022.csv --topic Korea
    """
    from ..analysis.measure.vetoes import joint_vetoes, veto_counts
    from ..evidence.votes import LATER_VETOES, BadRows, read_vetoes
    bad = BadRows()
    vetoes = [v for f in files or [] for v in read_vetoes(f, bad=bad)]
    if later:
        seen = {v.draft for v in vetoes}
        vetoes += [v for v in LATER_VETOES if v.draft not in seen]
    if not vetoes:
        raise ModelInputError("no vetoes: give a veto list file or keep --later")
    res = joint_vetoes(vetoes, joint[0].upper(), joint[1].upper(), topic=topic) if joint else \
        veto_counts(vetoes, topic=topic)
    _bad_note(bad)
    if fmt is Format.json:
        print_json(res.to_dict() | {"bad": bad.to_dict()})
        return
    console.print(rich_table("Security Council vetoes" + (f" on {topic}" if topic else ""),
                             ["members", "year", "vetoes", "drafts"],
                             [["+".join(r.actors), r.year, r.vetoes, ", ".join(r.drafts)] for r in res.rows]))
