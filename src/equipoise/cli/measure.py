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


def _periods(case) -> list[tuple[str, object, object]]:
    return [(p.id, p.first_day, p.last_day) for p in case.periods if p.sequence == "main"]


@measure_app.command("events")
@user_errors
def events_cmd(dyad: DyadOpt,
               files: Annotated[Optional[list[Path]], typer.Argument(help="event files (none: query --store as is)",
                                                                     show_default=False)] = None,
               input_: Annotated[str, typer.Option("--input", help="gdelt, icews, plover or equipoise (extraction "
                                                                    "JSON lines); 'store' reads the evidence store "
                                                                    "named by --db")] = "gdelt",
               db: Annotated[Optional[str], typer.Option("--db", help="evidence-store URL for --input store "
                                                                      "(default sqlite:///equipoise.db)")] = None,
               by: Annotated[str, typer.Option("--by", help="month, year or period (the case's periods)")] = "year",
               directed: Annotated[bool, typer.Option("--directed", help="only events from the first to the "
                                                                         "second actor")] = False,
               case_path: Annotated[Optional[Path], typer.Option("--case", help="case for --by period (default: the "
                                                                                "default case)")] = None,
               store: Annotated[Optional[Path], typer.Option("--store", help="event table folder to add to and "
                                                                             "query (default: a temporary one)")] = None,
               boot: Annotated[int, typer.Option("--boot", min=0, help="bootstrap replicates (documents "
                                                                       "resampled)")] = 500,
               seed: SeedOpt = DEFAULT_SEED,
               fmt: FormatOpt = Format.table) -> None:
    """Dyad event series (counts, quads, Goldstein, net cooperation) from event-data files.

    Example: equipoise measure events 20240619.export.CSV.zip --input gdelt --dyad RUS PRK --by month
    """
    import tempfile

    from ..analysis.measure.events import event_series
    from ..evidence.eventdata import INPUTS, EventTable
    if input_ not in INPUTS:
        raise ModelInputError(f"unknown input {input_!r}; expected one of {', '.join(INPUTS)}", field="--input")
    if by not in ("month", "year", "period"):
        raise ModelInputError(f"expected month, year or period, got {by!r}", field="--by")
    if input_ == "store":
        from ..evidence.store import DEFAULT_URL
        files = [db or DEFAULT_URL]
    elif db is not None:
        raise ModelInputError("--db goes with --input store", field="--db")
    if not files and store is None:
        raise ModelInputError("give event files or an existing --store", field="FILES")
    periods = None
    if by == "period":
        from .options import load_case_arg
        periods = _periods(load_case_arg(case_path))
    with tempfile.TemporaryDirectory(prefix="equipoise-events-") as tmp:
        table = EventTable(store if store is not None else Path(tmp) / "events")
        imported = table.import_files(files, input_) if files else None
        if imported is not None:
            err_console.print(imported.summary(), highlight=False, markup=False)
        res = event_series(table, dyad[0].upper(), dyad[1].upper(), by=by, directed=directed, periods=periods,
                           boot=boot, seed=seed)
    if fmt is Format.json:
        print_json(res.to_dict() | {"import": imported.to_dict() if imported else None})
        return
    rng = lambda lo, hi: "" if lo is None else f"{lo:+.2f}…{hi:+.2f}"  # noqa: E731
    console.print(rich_table(f"Events {res.dyad[0]}{'->' if directed else '<->'}{res.dyad[1]} by {by} "
                             f"(de-duplicated; 90% document bootstrap, seed {seed})",
                             [by, "n", "q1", "q2", "q3", "q4", "Gold.", "90%", "net", "90%", "docs"],
                             [[r.bucket, r.n, r.q1, r.q2, r.q3, r.q4, r.goldstein_mean,
                               rng(r.goldstein_low, r.goldstein_high), r.net_coop, rng(r.net_coop_low, r.net_coop_high),
                               r.documents] for r in res.rows]))


@measure_app.command("relations")
@user_errors
def relations_cmd(case_path: CaseArg = None,
                  period: Annotated[Optional[str], typer.Option("--period", "-p", help="only this period")] = None,
                  flagged: Annotated[bool, typer.Option("--flagged", help="only dyad-periods with flags")] = False,
                  fmt: FormatOpt = Format.table) -> None:
    """Judged relations beside the measured series for each dyad-period, with flags and Spearman per period.

    Example: equipoise measure relations --period turn3 --format json
    """
    from ..analysis.measure.relations import compare_relations
    from .options import load_case_arg
    case = load_case_arg(case_path)
    if period is not None:
        if not any(p.id == period for p in case.periods):
            raise ModelInputError(f"unknown period {period!r}; expected one of "
                                  f"{', '.join(p.id for p in case.periods)}", field="--period")
    res = compare_relations(case)
    rels = [r for r in res.relations if (period is None or r.period == period) and (r.flags or not flagged)]
    if fmt is Format.json:
        d = res.to_dict()
        d["relations"] = [r.to_dict() for r in rels]
        d["agreement"] = [a.to_dict() for a in res.agreement if period is None or a.period == period]
        print_json(d)
        return

    def cell(m):
        return "" if m is None else f"{m.value:.2f} [{m.scaled:+.2f}] n={m.n}" if m.scaled is not None else \
            f"{m.value:.2f} n={m.n}"
    series = ["unga_agreement", "unga_kappa", "unga_ideal_point_distance", "case_events"]
    console.print(rich_table(f"Judged and measured ({res.n_measured} of {len(res.relations)} dyad-periods measured "
                             "independently; scaled to -1..1 in brackets)",
                             ["dyad", "period", "judged", "agreement", "kappa", "ideal dist.", "case events",
                              "flags"],
                             [["-".join(r.dyad), r.period, f"{r.judged[0]:+.2f} ({r.judged[1]:+.2f}..{r.judged[2]:+.2f})",
                               *[cell(r.measured.get(s)) for s in series], len(r.flags)] for r in rels]))
    console.print(rich_table("Spearman, judged vs measured, across dyads", ["period", "series", "spearman", "dyads"],
                             [[a.period, a.series, a.spearman, a.n_dyads] for a in res.agreement
                              if period is None or a.period == period]))
