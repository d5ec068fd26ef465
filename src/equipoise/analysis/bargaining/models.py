"""One interface for every bargaining model: a model spec, ``forecast(input, model)`` and its result.

A model spec is a small frozen dataclass holding the model's parameters; its
``run(position, salience, capability, input)`` takes ``(draws, n)`` arrays and
returns the forecasts ``(draws,)`` and, for round-based models, the history.
:func:`forecast` runs a spec on the point values and, with ``draws > 0``, on a
seeded Monte Carlo sample of the input ranges.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Protocol

import numpy as np

from ...errors import ModelInputError
from ...seeding import DEFAULT_SEED, rng_from
from .compromise import compromise_positions
from .expected_utility import EUHistory, simulate_expected_utility
from .inputs import BargainingInput, sample_inputs
from .median import weighted_median_positions
from .nash import nash_positions

__all__ = ["BargainingModel", "Compromise", "WeightedMedian", "NashBargaining", "ExpectedUtility", "Blend",
           "MODEL_NAMES", "model_from_name", "ForecastResult", "forecast", "INTERVAL"]

INTERVAL = 0.8  # central interval reported for Monte Carlo forecasts


class BargainingModel(Protocol):
    name: str

    def run(self, position: np.ndarray, salience: np.ndarray, capability: np.ndarray,
            inp: BargainingInput) -> tuple[np.ndarray, EUHistory | None]: ...


@dataclass(frozen=True)
class Compromise:
    """Capability x salience weighted mean (see :func:`compromise_positions`)."""

    name: str = "compromise"

    def run(self, position, salience, capability, inp):
        return compromise_positions(position, salience, capability), None


@dataclass(frozen=True)
class WeightedMedian:
    """Weighted median, weights capability x salience (see :func:`weighted_median_positions`)."""

    name: str = "median"

    def run(self, position, salience, capability, inp):
        return weighted_median_positions(position, salience * capability), None


@dataclass(frozen=True)
class NashBargaining:
    """Asymmetric Nash bargaining solution (see :func:`nash_positions`)."""

    utility: str = "quadratic"
    disagreement: str = "worst"
    name: str = "nash"

    def run(self, position, salience, capability, inp):
        ref = inp.reference
        if self.disagreement == "reference" and ref is None:
            raise ModelInputError(f"{inp.name}: the Nash model with disagreement='reference' needs a reference "
                                  "point", field="reference")
        return nash_positions(position, salience, capability, scale=inp.scale, utility=self.utility,
                              disagreement=self.disagreement, reference=ref), None


@dataclass(frozen=True)
class ExpectedUtility:
    """Bueno de Mesquita's challenge model (see :func:`simulate_expected_utility`).

    ``outcome`` picks the forecast: the weighted median after the last round
    (Bueno de Mesquita's forecast) or the weighted mean. ``stopping`` states the
    stopping rule, reported with every forecast: ``"fixed-rounds"`` — exactly
    ``rounds`` rounds, no convergence test (a fixed point stays put; a cycle is cut
    at the last round).
    """

    rounds: int = 8
    q: float = 1.0
    t: float = 1.0
    probability: str = "all-pairs"
    offers: str = "authors-code"
    outcome: str = "median"
    stopping: str = "fixed-rounds"
    name: str = "expected-utility"

    def run(self, position, salience, capability, inp):
        if self.outcome not in ("median", "mean"):
            raise ModelInputError(f"outcome must be median or mean, got {self.outcome!r}", field="outcome")
        if self.stopping != "fixed-rounds":
            raise ModelInputError(f"stopping must be fixed-rounds, got {self.stopping!r}", field="stopping")
        n = position.shape[-1]
        chunk = max(1, int(4e6 // max(n ** 3, 1)))
        parts = []
        for a in range(0, position.shape[0], chunk):
            parts.append(simulate_expected_utility(position[a:a + chunk], salience[a:a + chunk],
                                                   capability[a:a + chunk], rounds=self.rounds, q=self.q,
                                                   t=self.t, probability=self.probability, offers=self.offers))
        hist = parts[0] if len(parts) == 1 else EUHistory(*(np.concatenate([getattr(h, f) for h in parts])
                                                            for f in ("positions", "median", "mean", "risk")))
        out = hist.median[:, -1] if self.outcome == "median" else hist.mean[:, -1]
        return out, hist


@dataclass(frozen=True)
class Blend:
    """A weighted average of other models' forecasts (a model combination).

    Notes
    -----
    Averaging forecasts of different models cancels part of their errors when
    the errors are not perfectly correlated (Bates & Granger 1969) [1]_.

    References
    ----------
    .. [1] Bates, J. M. & Granger, C. W. J. (1969). The combination of
       forecasts. Operational Research Quarterly 20(4), 451-468.
    """

    members: tuple[Any, ...] = (Compromise(), WeightedMedian())
    weights: tuple[float, ...] = (0.5, 0.5)
    name: str = "blend"

    def run(self, position, salience, capability, inp):
        total = sum(self.weights)
        out = sum(w * m.run(position, salience, capability, inp)[0] for m, w in zip(self.members, self.weights))
        return out / total, None


MODEL_NAMES = ("compromise", "median", "nash", "expected-utility")


def model_from_name(name: str, *, rounds: int | None = None) -> BargainingModel:
    """The default spec of a model named on the command line."""
    if name == "compromise":
        return Compromise()
    if name == "median":
        return WeightedMedian()
    if name == "nash":
        return NashBargaining()
    if name == "expected-utility":
        return ExpectedUtility() if rounds is None else ExpectedUtility(rounds=rounds)
    raise ModelInputError(f"unknown model {name!r}; expected one of {', '.join(MODEL_NAMES)}", field="model")


def _params(model) -> dict:
    """A model spec's parameters for a result (a blend by its members' names and weights)."""
    if isinstance(model, Blend):
        return {"members": [m.name for m in model.members], "weights": list(model.weights)}
    return {k: v for k, v in asdict(model).items() if k != "name"}


def _reported_seed(seed) -> Any:
    """The seed a bargaining result reports: ``None`` for a Generator, :data:`DEFAULT_SEED` for ``None``,
    else the seed as given (unlike :func:`equipoise.seeding.reported_seed`, which reports only integers)."""
    return None if isinstance(seed, np.random.Generator) else (DEFAULT_SEED if seed is None else seed)


@dataclass(frozen=True)
class ForecastResult:
    """One model's forecast on one issue.

    Attributes
    ----------
    issue, model : str
    params : dict
        The model's parameters.
    forecast : float
        The forecast from the point values.
    history : EUHistory or None
        Rounds of the point run (round-based models only).
    draws : int
        Monte Carlo draws (0: point values only).
    seed : int or None
    samples : numpy.ndarray or None
        The forecast of each draw.
    actors : tuple of str
    """

    issue: str
    model: str
    params: dict
    forecast: float
    history: EUHistory | None = None
    draws: int = 0
    seed: int | None = None
    samples: np.ndarray | None = field(default=None, repr=False)
    actors: tuple[str, ...] = ()

    # cached: read several times per result (summary, to_dict, tables); the dataclass compares fields only
    @cached_property
    def interval(self) -> tuple[float, float] | None:
        """Central 80% interval of the Monte Carlo forecasts (None without draws), widened where needed so
        that it holds the point forecast (a discontinuous model such as expected utility can forecast a
        point that few draws reach)."""
        if self.samples is None:
            return None
        a = (1 - INTERVAL) / 2
        lo, hi = np.quantile(self.samples, [a, 1 - a])
        return float(min(lo, self.forecast)), float(max(hi, self.forecast))

    @cached_property
    def draw_median(self) -> float | None:
        return None if self.samples is None else float(np.median(self.samples))

    def summary(self) -> str:
        text = f"{self.issue}: {self.model} forecasts {self.forecast:.3g}"
        if self.interval:
            text += f" (draws median {self.draw_median:.3g}, 80% {self.interval[0]:.3g}-{self.interval[1]:.3g})"
        return text

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"issue": self.issue, "model": self.model, "method": self.model,
                               "params": self.params, "forecast": float(self.forecast), "draws": self.draws,
                               "seed": self.seed}
        if self.samples is not None:
            out["distribution"] = {"median": self.draw_median, "low": self.interval[0], "high": self.interval[1],
                                   "level": INTERVAL}
        if self.history is not None:
            out["history"] = {
                "actors": list(self.actors),
                "positions": [[float(v) for v in row] for row in self.history.positions[0]],
                "median": [float(v) for v in self.history.median[0]],
                "mean": [float(v) for v in self.history.mean[0]],
                "risk": [[float(v) for v in row] for row in self.history.risk[0]],
            }
        return out


def forecast(inp: BargainingInput, model: BargainingModel | str = "compromise", *, draws: int = 0,
             seed: int | np.random.Generator | None = None, rounds: int | None = None) -> ForecastResult:
    """Forecast one issue with one model, optionally with Monte Carlo draws.

    Parameters
    ----------
    inp : BargainingInput
    model : model spec or name
        ``"compromise"``, ``"median"``, ``"nash"``, ``"expected-utility"`` or a spec.
    draws : int
        Monte Carlo draws from the input ranges (triangular, mode = value).
    seed : int, Generator or None
        Seed of the draws (``None``: :data:`equipoise.seeding.DEFAULT_SEED`).
    rounds : int, optional
        Rounds for a round-based model named by string.

    Examples
    --------
    >>> from equipoise.analysis.bargaining.inputs import make_input
    >>> inp = make_input(["A", "B"], [0, 100], [50, 50], [1, 3])
    >>> forecast(inp, "compromise").forecast
    75.0
    """
    if draws < 0:
        raise ModelInputError(f"draws must be >= 0, got {draws}", field="draws")
    spec = model_from_name(model, rounds=rounds) if isinstance(model, str) else model
    x, s, c = inp.position[None, :], inp.salience[None, :], inp.capability[None, :]  # the point values, one row
    point, hist = spec.run(x, s, c, inp)
    samples = None
    if draws:
        rng = rng_from(seed)
        xs, ss, cs = sample_inputs(inp, draws, rng)
        zero = (ss * cs).sum(axis=1) <= 0
        if zero.any():  # a draw with all weights zero falls back to the point weights
            ss = np.where(zero[:, None], s, ss)
            cs = np.where(zero[:, None], c, cs)
        samples = np.asarray(spec.run(xs, ss, cs, inp)[0], dtype=float)
    return ForecastResult(inp.name, spec.name, _params(spec), float(np.asarray(point).ravel()[0]), hist, draws,
                          _reported_seed(seed), samples, inp.actors)
