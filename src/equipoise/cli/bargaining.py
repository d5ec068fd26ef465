"""``equipoise forecast`` and ``equipoise evaluate deu``: bargaining forecasts and their backtest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..analysis.bargaining.case import forecast_case_issues, forecast_scenario
from ..analysis.bargaining.deu import DEU_DEFAULT_MODELS, DEU_MODELS, deu_backtest, deu_cross_validate
from ..analysis.bargaining.inputs import read_deu_tsv, read_scenario_file
from ..analysis.bargaining.models import MODEL_NAMES
from ..errors import ModelInputError
from ..seeding import DEFAULT_SEED

#: default draws: as many as the report uses (present.sections.bargaining.REPORT_DRAWS), so its intervals show
FORECAST_DRAWS = 500
from . import app, evaluate_app
from .options import AsOfOpt, DrawsOpt, Format, FormatOpt, PeriodOpt, SeedOpt, console, load_case_arg, print_json, \
    rich_table, user_errors

__all__ = ["forecast_cmd", "deu_cmd"]

ModelOpt = Annotated[Optional[list[str]], typer.Option("--model", "-m", help=f"model: {', '.join(MODEL_NAMES)} "
                                                       "(repeat for several; default: all)")]


def _check_models(models: list[str] | None, allowed) -> list[str]:
    models = list(models or [])
    for m in models:
        if m not in allowed:
            raise ModelInputError(f"unknown model {m!r}; expected one of {', '.join(allowed)}", field="--model")
    return models


@app.command("forecast")
@user_errors
def forecast_cmd(source: Annotated[Optional[Path], typer.Argument(
                     help="case YAML file or folder, or a KTAB/simple scenario CSV (default: the default case)",
                     show_default=False)] = None,
                 issue: Annotated[Optional[str], typer.Option("--issue", "-i", help="issue id (default: all)")] = None,
                 period: PeriodOpt = None,
                 model: ModelOpt = None,
                 rounds: Annotated[Optional[int], typer.Option("--rounds", min=0,
                                                               help="rounds of round-based models (default 8)")] = None,
                 draws: DrawsOpt = FORECAST_DRAWS,
                 seed: SeedOpt = DEFAULT_SEED,
                 fmt: FormatOpt = Format.table, as_of: AsOfOpt = None) -> None:
    """Forecast how issues settle with compromise, median, Nash and expected-utility models.

    Example: equipoise forecast --issue sanctions_enforcement --model expected-utility --draws 1000
    """
    models = _check_models(model, MODEL_NAMES) or list(MODEL_NAMES)
    if source is not None and source.suffix.lower() in (".csv", ".txt"):
        if not source.is_file():
            raise ModelInputError("no such file", path=str(source))
        inputs = read_scenario_file(source)
        if issue is not None:
            inputs = [i for i in inputs if i.name == issue]
            if not inputs:
                raise ModelInputError(f"no dimension named {issue!r} in the file", path=str(source), field="--issue")
        results = [forecast_scenario(i, models=models, rounds=rounds, draws=draws, seed=seed) for i in inputs]
    else:
        case = load_case_arg(source, as_of)
        results = forecast_case_issues(case, issue=issue, period=period, models=models, rounds=rounds, draws=draws,
                                       seed=seed)
    from ..analysis.validation.skill import model_lineup
    lineup = model_lineup(None if source is not None and source.suffix.lower() in (".csv", ".txt") else case,
                          seed=seed)
    if fmt is Format.json:
        print_json({"method": "bargaining-forecast", "seed": seed, "draws": draws, "models": models,
                    "results": [r.to_dict() for r in results], "skill": lineup.to_dict()})
        return
    if not results:
        console.print("no issue has stances of two or more actors in the chosen period(s)", highlight=False)
        return
    rows = []
    for r in results:
        for f in r.forecasts:
            iv = f.interval
            rows.append([r.issue, r.period or "", f.model, f.forecast, None if iv is None else f"{iv[0]:.3g}-{iv[1]:.3g}",
                         r.outcome, None if r.outcome is None else abs(f.forecast - r.outcome)])
    console.print(rich_table(f"Bargaining forecasts (seed {seed}, draws {draws})",
                             ["issue", "period", "model", "forecast", "80% interval", "outcome", "error"], rows))
    _f = lambda v: "" if v is None else f"{v:+.2f}"  # noqa: E731
    console.print(rich_table("How much to trust each model (skill = 1 - MAE / MAE of the baseline)",
                             ["model", "DEU vs constant 50", "DEU vs compromise", "case vs persistence",
                              "case vs constant 50"],
                             [[r["model"], _f(r["deu_vs_constant"]), _f(r["deu_vs_compromise"]),
                               _f(r["case_vs_persistence"]), _f(r["case_vs_constant"])] for r in lineup.rows
                              if r["model"] in models]))
    for w in lineup.warnings():
        if w.split(":")[0] in models:
            console.print(f"[yellow]![/] {w}", highlight=False)


@evaluate_app.command("deu")
@user_errors
def deu_cmd(path: Annotated[Path, typer.Argument(help="DEU issue table (tab-separated)")],
            model: Annotated[Optional[list[str]], typer.Option("--model", "-m", help="model: " + ", ".join(DEU_MODELS)
                                                               + " (repeat; default: the four base models)")] = None,
            cross_validate: Annotated[bool, typer.Option("--cross-validate", help="also run grouped 5-fold "
                                                         "cross-validation of picking the best model")] = False,
            seed: SeedOpt = DEFAULT_SEED,
            fmt: FormatOpt = Format.table) -> None:
    """Backtest bargaining models on DEU issues: MAE (0-100 scale) with a bootstrap interval.

    Example: equipoise evaluate deu deu_1996_2000.tsv --model compromise --model median --format json
    """
    models = _check_models(model, DEU_MODELS) or list(DEU_DEFAULT_MODELS)
    if not path.is_file():
        raise ModelInputError("no such file", path=str(path))
    issues = read_deu_tsv(path)
    result = deu_cross_validate(issues, models, seed=seed) if cross_validate else deu_backtest(issues, models,
                                                                                                 seed=seed)
    if fmt is Format.json:
        print_json(result.to_dict())
        return
    def row(s, label):
        diff = "" if s.vs_compromise is None else \
            f"{s.vs_compromise[0]:+.2f} ({s.vs_compromise[1]:+.2f} to {s.vs_compromise[2]:+.2f})"
        return [label, f"{s.mae:.2f}", f"{s.low:.2f}-{s.high:.2f}", s.n, diff]

    rows = [row(s, s.model) for s in result.scores]
    if cross_validate:
        rows.append(row(result.selection, "select-best on training folds (CV)"))
    console.print(rich_table(f"DEU backtest: {path.name} (95% CI, bootstrap over proposals, seed {seed})",
                             ["model", "MAE", "95% CI", "n", "minus compromise"], rows))
