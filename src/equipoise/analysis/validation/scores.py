"""Proper scores for forecasts, from :mod:`scoringrules`, and skill against a reference.

Continuous outcomes get the absolute error and the continuous ranked probability
score (CRPS; Gneiting & Raftery 2007) — of an ensemble when a forecast carries
Monte Carlo draws, of a normal distribution when it carries a spread, and the
absolute error itself for a point forecast (the CRPS of a point mass). Binary
outcomes get the Brier score and the logarithmic score. Lower is better for all.
Skill against a reference is ``1 - score / score_reference`` (Murphy 1988): above
0 the forecast beats the reference, below 0 it does worse.

References
----------
Gneiting, T. & Raftery, A. E. (2007). Strictly proper scoring rules, prediction,
and estimation. *Journal of the American Statistical Association* 102(477), 359-378.
Murphy, A. H. (1988). Skill scores based on the mean square error and their
relationships to the correlation coefficient. *Monthly Weather Review* 116, 2417-2424.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import scoringrules as sr

__all__ = ["PROB_CLIP", "crps", "brier", "log_score", "skill"]

PROB_CLIP = 0.01  # probabilities are clipped to [0.01, 0.99] before the log score: one miss is not infinite


def crps(observed: float, point: float, *, sigma: float | None = None, samples: Sequence[float] | None = None) -> float:
    """CRPS of a forecast of ``observed``: ensemble (``samples``), normal (``sigma``) or point (= absolute error)."""
    if samples is not None and len(samples) > 1:
        return float(sr.crps_ensemble(float(observed), np.asarray(samples, dtype=float)))
    if sigma is not None and sigma > 0:
        return float(sr.crps_normal(float(observed), float(point), float(sigma)))
    return abs(float(observed) - float(point))


def brier(observed: bool, p: float) -> float:
    """Brier score of probability ``p`` for an event that did (``observed``) or did not happen."""
    return float(sr.brier_score(np.array([float(observed)]), np.array([float(p)]))[0])


def log_score(observed: bool, p: float) -> float:
    """Negative log-likelihood of the outcome, ``p`` clipped to [PROB_CLIP, 1 - PROB_CLIP]."""
    q = min(1 - PROB_CLIP, max(PROB_CLIP, float(p)))
    return float(sr.log_score(np.array([float(observed)]), np.array([q]))[0])


def skill(score: float, reference: float) -> float | None:
    """``1 - score / reference``; ``None`` when the reference scores a perfect 0 (skill undefined)."""
    if reference is None or score is None or not math.isfinite(reference) or reference <= 1e-12:
        return None
    return 1.0 - score / reference
