"""``equipoise game``, ``equipoise scenario run|list`` and ``equipoise claims``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from ..seeding import DEFAULT_SEED
from . import app
from .options import (MAX_DRAWS, AsOfOpt, CaseArg, Format, FormatOpt, PeriodOpt, SchedulerOpt, SeedOpt, WorkersOpt,
                      console, emit, print_json, rich_table, user_errors, within)

scenario_app = typer.Typer(help="Run what-if scenarios against a case.\n\nExample: equipoise scenario list",
                           no_args_is_help=True)
app.add_typer(scenario_app, name="scenario")

GameDrawsOpt = Annotated[int, typer.Option("--draws", callback=within("--draws", MAX_DRAWS), help="Monte Carlo draws from the case's uncertainty")]


def _game_tables(res) -> list:
    out = []
    for r in res.results:
        players = list(r.point.game.players)
        rows = []
        for e in r.point.equilibria:
            strat = ["; ".join(f"{s} {p:.3g}" for s, p in e.probabilities[pl].items() if p > 1e-9) for pl in players]
            rows.append(["pure" if e.pure else "mixed", *strat, ", ".join(f"{e.payoffs[p]:.3g}" for p in players),
                         f"{r.pure_frequency.get(e.key, 0.0):.0%}" if e.pure and r.draws else ""])
        title = (f"{r.game_name} — {r.period}: {r.point.method}"
                 + ("" if r.point.complete else " (SAMPLE ONLY)"))
        out.append(rich_table(title, ["kind", *players, "payoffs", "share of draws"], rows))
        if r.selected:
            sel = ", ".join(f"{k} {v:.0%}" for k, v in r.selected_frequency.items()) if r.draws else ""
            out.append(f"logit QRE selects {r.selected}" + (f"; over {r.draws} draws: {sel}" if sel else ""))
        if r.expectation:
            out.append(f"expected from the documents: {r.expectation}")
        if r.check is not None and r.check.met is not None:
            head, *rest = r.check.lines()
            out += [f"[{'green' if r.check.met else 'red'}]{escape(head)}[/]", *map(escape, rest)]
        assumed = [f"{k} = {v.value:g} ({v.origin})" for k, v in r.parameters.items() if v.assumed]
        if assumed:
            out.append("[yellow]assumed values[/]: " + "; ".join(assumed))
        if r.point.note:
            out.append(f"note: {r.point.note}")
    for f in getattr(res, "failures", ()):
        out.append(f"[yellow]not solved[/]: {f['game']} in {f['period']}: {f['error']}")
    for f in getattr(res, "not_applicable", ()):
        out.append(f"not applicable: {f['game']} in {f['period']}: {f['reason']}")
    return out


def _nfg_table(res) -> list:
    players = list(res.game.players)
    rows = [["pure" if e.pure else "mixed",
             *["; ".join(f"{s} {p:.4g}" for s, p in e.probabilities[pl].items() if p > 1e-9) for pl in players],
             ", ".join(f"{e.payoffs[p]:.4g}" for p in players)] for e in res.equilibria]
    out = [rich_table(f"{res.game.title}: {res.method}" + ("" if res.complete else " (SAMPLE ONLY)"),
                      ["kind", *players, "payoffs"], rows)]
    if res.qre_limit is not None:
        out.append(f"logit QRE selects {res.qre_limit.key}")
    if res.note:
        out.append(f"note: {res.note}")
    return out


@app.command("game")
@user_errors
def game_cmd(target: CaseArg = None,
             game: Annotated[Optional[str], typer.Option("--game", "-g", help="game id (default: every game)")] = None,
             period: PeriodOpt = None,
             draws: GameDrawsOpt = 200,
             seed: SeedOpt = DEFAULT_SEED,
             time_limit: Annotated[float, typer.Option("--time-limit", min=0.1,
                                                       help="seconds for enumerating mixed equilibria")] = 10.0,
             fmt: FormatOpt = Format.table, as_of: AsOfOpt = None, workers: WorkersOpt = None,
             scheduler: SchedulerOpt = None) -> None:
    """Solve the case's games per period (equilibria, logit QRE, Monte Carlo), or any Gambit .nfg file.

    Example: equipoise game --game patrons --period treaty2024 --draws 100
    """
    if target is not None and target.suffix.lower() == ".nfg":
        from ..analysis.games.nfg import read_nfg
        from ..analysis.games.solve import solve_normal_form
        res = solve_normal_form(read_nfg(target), time_limit=time_limit)
        emit(res, fmt, _nfg_table)
        return
    from ..analysis.games.case import solve_case_games
    from .options import load_case_arg
    case = load_case_arg(target, as_of)
    if not case.games and fmt is Format.table:
        console.print("the case has no games, so there is nothing to solve (a game is a `games:` entry; see "
                      "docs/case-format.md)", highlight=False)
        return
    from ..executor import get_executor
    with get_executor(workers, scheduler) as executor:  # solves the Monte Carlo draws; results do not depend on it
        res = solve_case_games(case, game=game, period=period, draws=draws, seed=seed, time_limit=time_limit,
                               executor=executor)
    emit(res, fmt, _game_tables)


@scenario_app.command("run")
@user_errors
def scenario_run_cmd(path: Annotated[Path, typer.Argument(help="scenario YAML file, or the name of a shipped one")],
                     draws: GameDrawsOpt = 100, seed: SeedOpt = DEFAULT_SEED,
                     fmt: FormatOpt = Format.table) -> None:
    """Apply a scenario's changes to its case and print what changed against the baseline.

    Example: equipoise scenario run ukraine_ceasefire --draws 50
    """
    from ..analysis.scenarios import load_scenario, run_scenario
    scen = load_scenario(path)
    res = run_scenario(scen, draws=draws, seed=seed)
    emit(res, fmt, lambda r: [line for line in r.summary().splitlines()])


@scenario_app.command("list")
@user_errors
def scenario_list_cmd(case_path: CaseArg = None, fmt: FormatOpt = Format.table) -> None:
    """List a case's scenarios (the files in its scenarios/ folder; default: the default case's).

    Example: equipoise scenario list --format json
    """
    from ..analysis.scenarios import case_scenarios
    from .options import load_case_arg
    found = case_scenarios(load_case_arg(case_path))
    items = [{"name": s.name, "title": s.title, "period": s.period, "changes": len(s.changes), "path": str(p)}
             for p, s in found if not isinstance(s, str)]
    for p, s in found:
        if isinstance(s, str):
            console.print(f"warning: {p}: {s}", highlight=False)
    if not found and fmt is Format.table:
        console.print("this case has no scenarios: put scenario YAML files in its scenarios/ folder", highlight=False)
        return
    if fmt is Format.json:
        print_json(items)
    else:
        console.print(rich_table("Scenarios", ["name", "title", "period", "changes"],
                                 [[i["name"], i["title"], i["period"], i["changes"]] for i in items]))


@app.command("claims")
@user_errors
def claims_cmd(case_path: CaseArg = None, draws: GameDrawsOpt = 100, seed: SeedOpt = DEFAULT_SEED,
               fmt: FormatOpt = Format.table, as_of: AsOfOpt = None) -> None:
    """Check every claim of a case against the model: supported, contradicted or undetermined.

    Example: equipoise claims --format json
    """
    from ..analysis.claims import evaluate_claims
    from .options import load_case_arg
    res = evaluate_claims(load_case_arg(case_path, as_of), draws=draws, seed=seed)
    if fmt is Format.json:
        print_json(res.to_dict()["claims"])
        return
    if not res.claims:
        console.print("the case states no claims, so there is nothing to check (a claim is a `claims:` entry; "
                      "see docs/case-format.md)", highlight=False)
        return
    console.print(rich_table(f"Claims ({res.counts_text()})", ["id", "verdict", "P", "source", "support", "basis"],
                             [[c.id, c.verdict, "" if c.probability is None else f"{c.probability:.2f}", c.source,
                               c.support or "", c.basis] for c in res.claims]))
