"""Games: safe payoff expressions, pygambit solving, Gambit files and the case's games."""

from .expr import ExpressionError, Expression, parse_expression
from .nfg import read_nfg
from .solve import Equilibrium, NormalForm, SolveResult, pure_equilibria, solve_normal_form

__all__ = ["ExpressionError", "Expression", "parse_expression", "read_nfg", "Equilibrium", "NormalForm",
           "SolveResult", "pure_equilibria", "solve_normal_form"]
