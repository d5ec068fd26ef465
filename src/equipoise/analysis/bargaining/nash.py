"""The asymmetric Nash bargaining solution on one issue dimension."""

from __future__ import annotations

import numpy as np

from ...errors import ModelInputError

__all__ = ["nash_positions", "UTILITIES", "DISAGREEMENTS"]

UTILITIES = ("linear", "quadratic")
DISAGREEMENTS = ("worst", "reference")


def nash_positions(position: np.ndarray, salience: np.ndarray, capability: np.ndarray, *,
                   scale: tuple[float, float] = (0.0, 100.0), utility: str = "quadratic",
                   disagreement: str = "worst", reference: float | None = None,
                   iterations: int = 60) -> np.ndarray:
    """Maximise the weighted product of utility gains over the disagreement point.

    Parameters
    ----------
    position, salience, capability : numpy.ndarray
        Arrays of shape ``(draws, n)``.
    scale : tuple of float
        The issue scale, used for the ``"worst"`` disagreement point.
    utility : {"quadratic", "linear"}
        ``u_i(x) = -(x - x_i)**2`` (risk-averse, the default) or ``-|x - x_i|``.
    disagreement : {"worst", "reference"}
        ``"worst"``: each actor's disagreement utility is that of the scale end
        farthest from its position (no agreement is the worst outcome).
        ``"reference"``: the reference point (status quo) is the disagreement
        point; only outcomes that no actor likes less than it are feasible, so
        with actors on both sides of it the solution is the reference point.
    reference : float, optional
        Needed for ``disagreement="reference"``.
    iterations : int
        Bisection steps on the derivative (the log objective is concave).

    Returns
    -------
    numpy.ndarray
        Shape ``(draws,)``.

    Notes
    -----
    The asymmetric Nash bargaining solution [1]_ [2]_ maximises
    ``sum_i w_i log(u_i(x) - d_i)`` with bargaining power ``w_i = c_i s_i``.
    The solution lies between the extreme positions; the objective is concave,
    so bisection on the sign of its derivative finds it. Achen (2006) used the
    same construction for EU bargaining [3]_.

    References
    ----------
    .. [1] Nash, J. (1950). The bargaining problem. Econometrica 18(2), 155-162.
    .. [2] Kalai, E. (1977). Nonsymmetric Nash solutions and replications of
       2-person bargaining. Int. J. Game Theory 6(3), 129-133.
    .. [3] Achen, C. (2006). Evaluating political decision-making models. In
       Thomson et al. (eds.), The European Union Decides, 264-298.

    Examples
    --------
    >>> x = np.array([[0., 100.]]); s = np.array([[50., 50.]]); c = np.array([[1., 1.]])
    >>> round(float(nash_positions(x, s, c)[0]), 6)
    50.0
    """
    if utility not in UTILITIES:
        raise ModelInputError(f"utility must be one of {', '.join(UTILITIES)}, got {utility!r}", field="utility")
    if disagreement not in DISAGREEMENTS:
        raise ModelInputError(f"disagreement must be one of {', '.join(DISAGREEMENTS)}, got {disagreement!r}",
                              field="disagreement")
    x = np.atleast_2d(position).astype(float)
    w = np.atleast_2d(salience * capability).astype(float)
    w = w / w.sum(axis=-1, keepdims=True)
    power = 2.0 if utility == "quadratic" else 1.0
    if disagreement == "worst":
        reach = np.maximum(np.abs(x - scale[0]), np.abs(x - scale[1])) ** power
        lo, hi = x.min(axis=-1), x.max(axis=-1)
    else:
        if reference is None:
            raise ModelInputError("disagreement='reference' needs a reference point", field="reference")
        reach = np.abs(reference - x) ** power
        dist = np.abs(reference - x)
        # outcomes every actor weakly prefers to the reference point
        lo = np.maximum((x - dist).max(axis=-1), x.min(axis=-1))
        hi = np.minimum((x + dist).min(axis=-1), x.max(axis=-1))
        stuck = lo >= hi
        lo = np.where(stuck, reference, lo)
        hi = np.where(stuck, reference, hi)
    active = w > 0
    for _ in range(iterations):
        mid = (lo + hi) / 2
        d = mid[:, None] - x
        gain = reach - np.abs(d) ** power
        slope = np.sign(d) * (np.abs(d) ** (power - 1) if power > 1 else 1.0) * power
        with np.errstate(divide="ignore", invalid="ignore"):
            grad = -np.where(active, w * slope / np.where(gain > 0, gain, np.nan), 0.0)
        grad = np.nan_to_num(grad, nan=0.0).sum(axis=-1)
        up = grad > 0
        lo = np.where(up, mid, lo)
        hi = np.where(up, hi, mid)
    return (lo + hi) / 2
