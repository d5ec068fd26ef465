"""Games: safe payoff expressions, pygambit solving, Gambit files and the case's games.

The names below are imported on first use (PEP 562), so checking a case's payoff
expressions (:mod:`.expr`) does not load numpy and the solvers.
"""

from importlib import import_module

from .expr import ExpressionError, Expression, parse_expression

__all__ = ["ExpressionError", "Expression", "parse_expression", "read_nfg", "Equilibrium", "NormalForm",
           "SolveResult", "pure_equilibria", "solve_normal_form"]

_LAZY = {"read_nfg": ".nfg", "Equilibrium": ".solve", "NormalForm": ".solve", "SolveResult": ".solve",
         "pure_equilibria": ".solve", "solve_normal_form": ".solve"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
