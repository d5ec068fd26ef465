"""Backtest bargaining models on the DEU data: MAE, cluster-bootstrap intervals, cross-validation.

The DEU studies (Thomson et al. 2006, 2012; Arregui & Perarnaud 2021) coded, for
each controversial issue in EU legislative proposals, the positions and
saliences of the Commission, the Parliament and the member states on a 0-100
scale, the reference point and the outcome. A model is scored by its mean
absolute error (MAE) on the issues that have an outcome. Issues of one
proposal are not independent, so intervals come from a bootstrap over
proposals and cross-validation folds hold out whole proposals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from ...errors import ModelInputError
from ...seeding import rng_from
from .inputs import DeuIssue
from .models import Blend, Compromise, ExpectedUtility, NashBargaining, WeightedMedian, _params, _reported_seed

__all__ = ["PRE_NICE_VOTES", "NICE_VOTES", "DeuModel", "DEU_MODELS", "DEU_DEFAULT_MODELS", "deu_model",
           "deu_forecasts", "DeuScore", "DeuBacktestResult", "deu_backtest", "DeuCrossValidationResult",
           "deu_cross_validate", "bootstrap_mae"]

#: Council votes under qualified majority, EU-15, 1995-2004 (Art. 148(2) EC as
#: amended by the 1994 Accession Act; Art. 205(2) EC after Amsterdam): 87 votes,
#: 62 needed for a qualified majority.
PRE_NICE_VOTES = {"de": 10, "fr": 10, "it": 10, "uk": 10, "es": 8, "be": 5, "el": 5, "nl": 5, "pt": 5,
                  "at": 4, "se": 4, "dk": 3, "ie": 3, "fi": 3, "lu": 2}

#: Council votes from 1 November 2004 (Treaty of Nice, Protocol on enlargement
#: Art. 3 as amended by the 2003 Act of Accession; BG and RO from 2007).
NICE_VOTES = {"de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13, "be": 12,
              "cz": 12, "el": 12, "hu": 12, "pt": 12, "at": 10, "se": 10, "bg": 10, "dk": 7, "ie": 7, "lt": 7,
              "sk": 7, "fi": 7, "cy": 4, "ee": 4, "lv": 4, "lu": 4, "si": 4, "mt": 3}

CAPABILITY_RULES = ("equal", "procedural", "council-votes")


@dataclass(frozen=True)
class DeuModel:
    """A bargaining model spec with a rule for DEU capabilities.

    ``capability``:

    - ``"equal"``: every actor 1 (the DEU salience-weighted models);
    - ``"procedural"``: every actor 1, except the Parliament, which gets 0
      under the consultation procedure (CNS), where its opinion does not bind
      the Council, and 1 under co-decision (COD) [1]_;
    - ``"council-votes"``: under qualified majority, member states by their
      Council votes (pre-Nice for EU-15 issues, else Nice), scaled to mean 1,
      Commission and Parliament 1; under unanimity every member has a veto,
      so all are equal; the Parliament as in ``"procedural"``.

    References
    ----------
    .. [1] Thomson, R. et al. (2006). The European Union Decides, ch. 1 and 9.
    """

    name: str
    spec: Any
    capability: str = "equal"

    def capabilities(self, issue: DeuIssue) -> np.ndarray:
        if self.capability not in CAPABILITY_RULES:
            raise ModelInputError(f"capability must be one of {', '.join(CAPABILITY_RULES)}, got "
                                  f"{self.capability!r}", field="capability")
        cap = np.ones(len(issue.actors))
        if self.capability == "equal":
            return cap
        for k, a in enumerate(issue.actors):
            if a == "ep" and issue.procedure != "COD":
                cap[k] = 0.0
        if self.capability == "council-votes" and issue.rule.startswith("QMV"):
            states = [a for a in issue.actors if a not in ("com", "ep")]
            table = PRE_NICE_VOTES if all(a in PRE_NICE_VOTES for a in states) else NICE_VOTES
            mean_votes = np.mean([table.get(a, 0) for a in states]) if states else 1.0
            for k, a in enumerate(issue.actors):
                if a in table:
                    cap[k] = table[a] / mean_votes
        return cap


def _registry() -> dict[str, DeuModel]:
    nash_lin = NashBargaining(utility="linear")
    models = [
        DeuModel("compromise", Compromise()),
        DeuModel("median", WeightedMedian()),
        DeuModel("nash", NashBargaining()),
        DeuModel("expected-utility", ExpectedUtility()),
        DeuModel("expected-utility-mean", ExpectedUtility(outcome="mean")),
        DeuModel("nash-linear", nash_lin),
        DeuModel("compromise-procedural", Compromise(), "procedural"),
        DeuModel("compromise-votes", Compromise(), "council-votes"),
        DeuModel("nash-linear-procedural", nash_lin, "procedural"),
        DeuModel("blend-compromise-nash", Blend((Compromise(), nash_lin), (0.5, 0.5)), "procedural"),
        DeuModel("blend-compromise-eu", Blend((Compromise(), ExpectedUtility(outcome="mean")), (0.5, 0.5))),
    ]
    return {m.name: m for m in models}


DEU_MODELS: dict[str, DeuModel] = _registry()
DEU_DEFAULT_MODELS = ("compromise", "median", "nash", "expected-utility")


def deu_model(name: str) -> DeuModel:
    try:
        return DEU_MODELS[name]
    except KeyError:
        raise ModelInputError(f"unknown model {name!r}; expected one of {', '.join(DEU_MODELS)}",
                              field="model") from None


def deu_forecasts(issues: Sequence[DeuIssue], model: DeuModel) -> np.ndarray:
    """Forecast every issue with ``model``; an issue whose weights are all zero
    (all saliences blank) is forecast with equal weights."""
    out = np.empty(len(issues))
    for k, issue in enumerate(issues):
        cap = model.capabilities(issue)
        sal = issue.salience
        if not np.any(sal * cap > 0):
            sal, cap = np.ones_like(sal), np.ones_like(cap)
        inp = issue.to_input(cap)
        out[k] = float(np.asarray(model.spec.run(inp.position[None], sal[None], cap[None], inp)[0]).ravel()[0])
    return out


def bootstrap_mae(errors: np.ndarray, groups: Sequence[str], *, n_boot: int = 2000,
                  rng: np.random.Generator, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of the MAE, resampling groups (proposals) with replacement."""
    errors = np.asarray(errors, dtype=float)
    labels, inv = np.unique(np.asarray(groups), return_inverse=True)
    sums = np.bincount(inv, weights=errors, minlength=len(labels))
    counts = np.bincount(inv, minlength=len(labels)).astype(float)
    pick = rng.integers(0, len(labels), size=(n_boot, len(labels)))
    stats = sums[pick].sum(axis=1) / counts[pick].sum(axis=1)
    a = (1 - level) / 2
    lo, hi = np.quantile(stats, [a, 1 - a])
    return float(lo), float(hi)


@dataclass(frozen=True)
class DeuScore:
    model: str
    mae: float
    low: float
    high: float
    n: int
    params: dict = field(default_factory=dict)
    vs_compromise: tuple[float, float, float] | None = None

    def to_dict(self) -> dict:
        out = {"model": self.model, "mae": self.mae, "ci": [self.low, self.high], "n": self.n,
               "params": self.params}
        if self.vs_compromise is not None:
            out["vs_compromise"] = {"diff": self.vs_compromise[0], "ci": list(self.vs_compromise[1:])}
        return out


def _spec_params(m: DeuModel) -> dict:
    return {"capability": m.capability, **_params(m.spec)}


@dataclass(frozen=True)
class DeuBacktestResult:
    """Each model's mean absolute error on the DEU issues that have an outcome.

    ``low``/``high`` bound a 95% percentile interval from a bootstrap over
    proposals (``n_boot`` resamples, ``seed``).
    """

    scores: tuple[DeuScore, ...]
    n_boot: int
    seed: int | None
    method: str = "deu-backtest"

    def summary(self) -> str:
        return "\n".join(f"{s.model}: MAE {s.mae:.2f} (95% CI {s.low:.2f}-{s.high:.2f}, n={s.n})"
                         for s in self.scores)

    def to_dict(self) -> dict:
        return {"method": self.method, "n_boot": self.n_boot, "seed": self.seed, "level": 0.95,
                "models": [s.to_dict() for s in self.scores]}


def deu_backtest(issues: Sequence[DeuIssue], models: Sequence[str] = DEU_DEFAULT_MODELS, *, n_boot: int = 2000,
                 seed: int | np.random.Generator | None = None) -> DeuBacktestResult:
    """Score models on every DEU issue with an outcome.

    Examples
    --------
    >>> import numpy as np
    >>> iss = [DeuIssue("i1", "p1", "x", "COD", "QMV", ("a", "b"), np.array([0., 100.]),
    ...                 np.array([50., 50.]), np.ones(2), 0.0, 40.0, 3)]
    >>> deu_backtest(iss, ["compromise"], n_boot=10, seed=1).scores[0].mae
    10.0
    """
    scored = [i for i in issues if i.outcome is not None]
    if not scored:
        raise ModelInputError("no DEU issue has an outcome; nothing to score", field="out")
    y = np.array([i.outcome for i in scored])
    groups = [i.proposal or i.id for i in scored]
    rng = rng_from(seed)
    out = []
    for name in models:
        m = deu_model(name)
        err = np.abs(deu_forecasts(scored, m) - y)
        lo, hi = bootstrap_mae(err, groups, n_boot=n_boot, rng=rng)
        out.append(DeuScore(name, float(err.mean()), lo, hi, len(scored), _spec_params(m)))
    return DeuBacktestResult(tuple(out), n_boot, _reported_seed(seed))


@dataclass(frozen=True)
class DeuCrossValidationResult:
    """Cross-validated MAE of each fixed model and of choosing the best model on
    the training folds (the honest estimate for a selected model).

    ``selected`` counts how often each model won on the training folds.
    """

    scores: tuple[DeuScore, ...]
    selection: DeuScore
    selected: dict
    folds: int
    repeats: int
    seed: int | None
    method: str = "deu-cross-validation"

    def summary(self) -> str:
        lines = [f"{s.model}: CV MAE {s.mae:.2f} (95% CI {s.low:.2f}-{s.high:.2f}, n={s.n}); minus compromise "
                 f"{s.vs_compromise[0]:+.2f} ({s.vs_compromise[1]:+.2f} to {s.vs_compromise[2]:+.2f})"
                 for s in self.scores]
        v = self.selection.vs_compromise
        lines.append(f"select-best-on-training-folds: CV MAE {self.selection.mae:.2f} "
                     f"(95% CI {self.selection.low:.2f}-{self.selection.high:.2f}); minus compromise {v[0]:+.2f} "
                     f"({v[1]:+.2f} to {v[2]:+.2f}); chosen "
                     + ", ".join(f"{k} x{v}" for k, v in self.selected.items()))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"method": self.method, "folds": self.folds, "repeats": self.repeats, "seed": self.seed,
                "models": [s.to_dict() for s in self.scores], "selection": self.selection.to_dict(),
                "selected": dict(self.selected)}


def deu_cross_validate(issues: Sequence[DeuIssue], models: Sequence[str] = tuple(DEU_MODELS), *, folds: int = 5,
                       repeats: int = 20, n_boot: int = 2000,
                       seed: int | np.random.Generator | None = None,
                       progress: Callable[[int, int], None] | None = None) -> DeuCrossValidationResult:
    """Grouped K-fold cross-validation (whole proposals held out), repeated.

    Fixed models have nothing to fit, so their CV MAE equals their plain MAE;
    the point is the *selection* row: on each training fold the model with the
    lowest training MAE is chosen and scored on the held-out fold. Its MAE,
    averaged over repeats, estimates how a model picked on this data would do
    on new issues.
    """
    scored = [i for i in issues if i.outcome is not None]
    y = np.array([i.outcome for i in scored])
    groups = np.array([i.proposal or i.id for i in scored])
    rng = rng_from(seed)
    err = {name: np.abs(deu_forecasts(scored, deu_model(name)) - y) for name in models}
    names = list(models)
    matrix = np.stack([err[n] for n in names])  # (models, issues)
    labels, inv = np.unique(groups, return_inverse=True)
    sel_err = np.zeros((repeats, len(scored)))
    chosen: dict[str, int] = {}
    for r in range(repeats):
        fold_of_group = rng.permutation(len(labels)) % folds
        fold = fold_of_group[inv]
        for f in range(folds):
            test = fold == f
            best = int(np.argmin(matrix[:, ~test].mean(axis=1)))
            chosen[names[best]] = chosen.get(names[best], 0) + 1
            sel_err[r, test] = matrix[best, test]
        if progress is not None:
            progress(r + 1, repeats)
    per_issue = sel_err.mean(axis=0)
    base = err["compromise"] if "compromise" in err else np.abs(deu_forecasts(scored, deu_model("compromise")) - y)

    def versus(e: np.ndarray) -> tuple[float, float, float]:
        a, b = bootstrap_mae(e - base, groups, n_boot=n_boot, rng=rng)
        return float((e - base).mean()), a, b

    lo, hi = bootstrap_mae(per_issue, groups, n_boot=n_boot, rng=rng)
    selection = DeuScore("select-best", float(per_issue.mean()), lo, hi, len(scored), {}, versus(per_issue))
    scores = []
    for n in names:
        a, b = bootstrap_mae(err[n], groups, n_boot=n_boot, rng=rng)
        scores.append(DeuScore(n, float(err[n].mean()), a, b, len(scored), _spec_params(deu_model(n)),
                               versus(err[n])))
    return DeuCrossValidationResult(tuple(scores), selection, dict(sorted(chosen.items())), folds, repeats,
                                    _reported_seed(seed))
