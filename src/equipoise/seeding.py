"""One place to turn a user's seed into a numpy Generator."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported when a seed is used, so the CLI starts without it
    import numpy as np

__all__ = ["DEFAULT_SEED", "rng_from", "reported_seed"]

DEFAULT_SEED = 20240619  # fixed default for the CLI; reported in every JSON result


def rng_from(seed: int | np.random.Generator | None = None) -> np.random.Generator:
    """Return a Generator for ``seed``; ``None`` means :data:`DEFAULT_SEED`, never global state.

    >>> float(rng_from(1).random()) == float(rng_from(1).random())
    True
    """
    import numpy as np
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is not None and not (isinstance(seed, (int, np.integer)) and seed >= 0):
        from .errors import ModelInputError
        raise ModelInputError(f"expected a seed that is a whole number of at least 0, got {seed!r}", field="seed")
    return np.random.default_rng(DEFAULT_SEED if seed is None else seed)


def reported_seed(seed: int | np.random.Generator | None = None) -> int | None:
    """The seed to report in a result: :data:`DEFAULT_SEED` for ``None``, the integer for an
    integer seed, ``None`` for anything else (a Generator has no seed to report).

    >>> import numpy as np
    >>> reported_seed(None) == DEFAULT_SEED, reported_seed(np.int64(3)), reported_seed(np.random.default_rng(1))
    (True, 3, None)
    """
    import numpy as np
    if seed is None:
        return DEFAULT_SEED
    return int(seed) if isinstance(seed, (int, np.integer)) else None
