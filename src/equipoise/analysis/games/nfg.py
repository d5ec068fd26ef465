"""Read games in Gambit's strategic-form ``.nfg`` format (via pygambit).

References
----------
.. [1] The Gambit Project. Strategic form (.nfg) file format.
   https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ...errors import ModelInputError
from .solve import NormalForm

__all__ = ["read_nfg", "normal_form_from_gambit"]


def normal_form_from_gambit(game) -> NormalForm:
    """Convert a ``pygambit`` strategic game into a :class:`NormalForm`."""
    players = tuple(str(p) for p in game.players)
    strategies = tuple(tuple(str(s) for s in game.get_strategies(p)) for p in players)
    arrays = game.to_arrays(dtype=float) if _takes_dtype(game) else game.to_arrays()
    payoffs = np.array([np.asarray(a, dtype=float) for a in arrays])
    return NormalForm(title=str(game.title or "Untitled game"), players=players, strategies=strategies,
                      payoffs=payoffs)


def _takes_dtype(game) -> bool:
    import inspect
    try:
        return "dtype" in inspect.signature(game.to_arrays).parameters
    except (TypeError, ValueError):
        return False


def read_nfg(path: str | os.PathLike) -> NormalForm:
    """Read a Gambit ``.nfg`` file into a :class:`NormalForm`.

    Raises
    ------
    ModelInputError
        The file is missing, unreadable, not an ``.nfg`` game, or an extensive game.

    Examples
    --------
    >>> from importlib.resources import files  # doctest: +SKIP
    >>> nf = read_nfg("tests/analysis/games/data/battle_of_the_sexes.nfg")  # doctest: +SKIP
    """
    import pygambit as gbt

    p = Path(path)
    if not p.is_file():
        raise ModelInputError("no such file", path=str(p))
    try:
        head = p.read_bytes()[:64]
    except OSError as exc:
        raise ModelInputError(f"cannot read: {exc.strerror}", path=str(p)) from exc
    if not head.lstrip().startswith(b"NFG"):
        raise ModelInputError("not a Gambit strategic-form file: expected it to start with 'NFG 1 R' or 'NFG 1 D'",
                              path=str(p), line=1)
    try:
        game = gbt.read_nfg(str(p))
    except (ValueError, RuntimeError, OSError, IndexError) as exc:
        raise ModelInputError(f"cannot parse the .nfg file: {exc}", path=str(p)) from exc
    return normal_form_from_gambit(game)
