"""Structural analyses of a case: strategic triangles, balance, alignment landscapes, hedging.

Each topic is one module; the public functions take a case (or a graph or arrays)
and return frozen result objects with ``summary()`` and ``to_dict()``.
"""

from __future__ import annotations

from .balance import BalanceResult, FrustrationResult, balanced_triads, case_balance, frustration_index
from .hedging import HedgingPeriod, HedgingResult, hedging_index, hedging_ratio
from .landscape import LandscapeResult, LocalMinimum, alignment_landscape, case_landscape
from .network import read_signed_edges, signed_graph
from .triangle import TriangleClass, TriangleResult, classify_triangle, triangle

__all__ = ["triangle", "classify_triangle", "TriangleResult", "TriangleClass",
           "frustration_index", "case_balance", "balanced_triads", "FrustrationResult", "BalanceResult",
           "alignment_landscape", "case_landscape", "LandscapeResult", "LocalMinimum",
           "hedging_index", "hedging_ratio", "HedgingResult", "HedgingPeriod",
           "signed_graph", "read_signed_edges"]
