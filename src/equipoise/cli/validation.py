"""``equipoise backtest``, ``equipoise sensitivity`` and ``equipoise evaluate case``: how much to trust the model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..seeding import DEFAULT_SEED
from . import app, evaluate_app
from .options import CaseArg, Format, FormatOpt, SeedOpt, console, load_case_arg, print_json, rich_table, user_errors, within, MAX_DRAWS

__all__ = ["backtest_cmd", "evaluate_case_cmd"]


def _fmt(v) -> str:
    return "" if v is None else f"{v:+.2f}"


@app.command("backtest")
@user_errors
def backtest_cmd(case_path: CaseArg = None,
                 origins: Annotated[Optional[str], typer.Option(
                     "--origins", help="comma-separated period ids whose end is an origin (default: every boundary)")] = None,
                 rule: Annotated[str, typer.Option("--rule", help="as-of rule: event (values known when what they "
                                                   "describe ends) or evidence (when their sources were published)")] = "event",
                 parts: Annotated[Optional[str], typer.Option(
                     "--parts", help="comma-separated subset of relations,indicators,games,bargaining,claims")] = None,
                 draws: Annotated[int, typer.Option("--draws", callback=within("--draws", MAX_DRAWS), help="Monte Carlo draws per forecast")] = 50,
                 seed: SeedOpt = DEFAULT_SEED,
                 fmt: FormatOpt = Format.table) -> None:
    """Rolling-origin backtest: freeze the case at each period boundary, predict the next period, score every
    model beside persistence, climatology and constant baselines.

    Example: equipoise backtest --origins turn2,turn3 --format json
    """
    from ..analysis.validation import backtest
    from ..analysis.validation.backtest import KINDS
    case = load_case_arg(case_path)
    kinds = tuple(p.strip() for p in parts.split(",")) if parts else KINDS
    res = backtest(case, origins=[o.strip() for o in origins.split(",")] if origins else None, rule=rule,
                   draws=draws, seed=seed, kinds=kinds)
    if fmt is Format.json:
        print_json(res.to_dict())
        return
    rows = [[e["kind"], e["method"] + (" (baseline)" if e["baseline"] else ""), e["n"],
             f"{e['metric']} {e[e['metric']]:.3g}", f"{_fmt(e['skill_vs_reference'])} vs {e['reference']}"
             if e["skill_vs_reference"] is not None else "", f"{_fmt(e['skill_vs_constant'])} vs {e['constant']}"
             if e["skill_vs_constant"] is not None else ""] for e in res.table()]
    console.print(rich_table(f"How well does the model predict? origins {', '.join(o for o, _ in res.origins)}; "
                             f"as-of rule {res.rule}; seed {res.seed}",
                             ["part", "method", "n", "mean score", "skill", "skill"], rows))
    for v in res.verdicts():
        console.print(f"[yellow]![/] {v}", highlight=False)
    for n in res.notes:
        console.print(f"note: {n}", highlight=False)
    console.print("Scores: lower is better (CRPS, Brier); skill = 1 - score/score of the baseline named beside it.",
                  highlight=False)


@evaluate_app.command("case")
@user_errors
def evaluate_case_cmd(case_path: CaseArg = None,
                      draws: Annotated[int, typer.Option("--draws", callback=within("--draws", MAX_DRAWS), help="Monte Carlo draws")] = 50,
                      seed: SeedOpt = DEFAULT_SEED, fmt: FormatOpt = Format.table) -> None:
    """Print the case's claim verdicts, game expectations met or missed and bargaining errors: a benchmark of
    the model on its own case (reported, never asserted by the tests).

    Example: equipoise evaluate case --format json
    """
    from ..analysis.validation.evaluate import evaluate_case
    res = evaluate_case(load_case_arg(case_path), draws=draws, seed=seed)
    if fmt is Format.json:
        print_json(res)
        return
    console.print(rich_table("Claims", ["claim", "verdict", "P"],
                             [[c["id"], c["verdict"], c["probability"]] for c in res["claims"]]))
    console.print(rich_table("Game expectations", ["game", "period", "met", "share of draws"],
                             [[g["game"], g["period"], g["met"], g["share"]] for g in res["expectations"]]))
    console.print(rich_table("Bargaining (in-sample retrodiction)", ["model", "MAE", "n"],
                             [[m, v, res["bargaining"]["n"]] for m, v in res["bargaining"]["mae"].items()]))
    console.print(res["headline"], highlight=False)


@evaluate_app.command("unsc")
@user_errors
def evaluate_unsc_cmd(case_path: CaseArg = None,
                      issue: Annotated[Optional[str], typer.Option("--issue", "-i", help="issue decided by the UNSC "
                                                                   "(default: the first that is)")] = None,
                      fmt: FormatOpt = Format.table) -> None:
    """How many recorded Security Council votes on North Korea the veto-player model reproduces from the previous
    period's stances and recorded outcome (nothing fitted), beside persistence.

    Example: equipoise evaluate unsc --format json
    """
    from ..analysis.validation.unsc import unsc_reproduction
    res = unsc_reproduction(load_case_arg(case_path), issue)
    if fmt is Format.json:
        print_json(res.to_dict())
        return
    console.print(res.summary(), highlight=False)


@app.command("sensitivity")
@user_errors
def sensitivity_cmd(case_path: CaseArg = None,
                    parts: Annotated[Optional[str], typer.Option(
                        "--parts", help="comma-separated subset of claims,expectations,forecasts")] = None,
                    claim: Annotated[Optional[str], typer.Option("--claim", help="only this claim id")] = None,
                    seed: SeedOpt = DEFAULT_SEED, fmt: FormatOpt = Format.table) -> None:
    """Morris screening (SALib) of every claim, game expectation and key forecast over its uncertain inputs and the
    case's declared alternatives: most influential inputs, smallest flipping change, robust or fragile.

    Example: equipoise sensitivity --parts expectations --format json
    """
    from ..analysis.validation.sensitivity import sensitivity
    from ..errors import CaseError
    kinds = tuple(p.strip() for p in parts.split(",")) if parts else ("claims", "expectations", "forecasts")
    bad = [k for k in kinds if k not in ("claims", "expectations", "forecasts")]
    if bad:
        raise CaseError(f"--parts: unknown part {bad[0]!r}; expected some of claims, expectations, forecasts")
    res = sensitivity(load_case_arg(case_path), seed=seed, kinds=kinds, claims=[claim] if claim else None)
    if fmt is Format.json:
        print_json(res.to_dict())
        return
    from ..analysis.validation.sensitivity import _flip_text
    rows = [[i.label, i.kind, i.id, i.result, ", ".join(d["input"] for d in i.influence[:3]) or "none",
             _flip_text(i.flip) or "; ".join(f"alternative {a['id']}: {a['result']}" for a in i.alternatives
                                             if a["flips"]) or ""] for i in res.items]
    console.print(rich_table(f"Robustness ({res.counts['robust']} robust, {res.counts['fragile']} fragile; "
                             f"seed {res.seed})", ["label", "kind", "conclusion", "result", "most influential",
                                                   "smallest flip"], rows))


@evaluate_app.command("ktab")
@user_errors
def evaluate_ktab_cmd(scenario: Annotated[Path, typer.Argument(help="KTAB scenario CSV (any number of dimensions)")],
                      history: Annotated[Path, typer.Argument(help="KTAB's printed run with 'History of actor "
                                                              "positions over time'")],
                      rounds: Annotated[Optional[int], typer.Option("--rounds", min=0, help="rounds (default: as "
                                                                    "many states as the history has)")] = None,
                      fmt: FormatOpt = Format.table) -> None:
    """Read a KTAB scenario as one joint scenario, run the expected-utility model on it and compare the actors'
    positions with KTAB's reference history.

    Example: equipoise evaluate ktab SOE-Pol-Comp.csv SOE-Pol-Comp.ref-positions.txt
    """
    from ..analysis.bargaining.ktab import compare_with_ktab, read_ktab_history, read_ktab_joint
    from ..errors import ModelInputError
    for p in (scenario, history):
        if not p.is_file():
            raise ModelInputError("no such file", path=str(p))
    res = compare_with_ktab(read_ktab_joint(scenario), read_ktab_history(history), rounds=rounds)
    if fmt is Format.json:
        print_json(res.to_dict())
        return
    console.print(res.summary(), highlight=False)
