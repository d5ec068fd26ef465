"""The one pinned CAMEO event-code table, with Goldstein weights and quad classes.

Codes and category names follow the CAMEO codebook, version 1.1b3 (Schrodt 2012),
at the two- and three-digit levels; weights are the Goldstein (1992) conflict-
cooperation scale values assigned to CAMEO codes for the Phoenix/PETRARCH
pipelines. Labels are our own short wording. Quad classes: 1 verbal cooperation
(01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material
conflict (14-20).

References
----------
.. [1] Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event Observations
   Event and Actor Codebook, version 1.1b3. Pennsylvania State University.
.. [2] Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events
   Data. Journal of Conflict Resolution 36(2), 369-385.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CameoCode", "cameo_table", "lookup", "quad_class", "CAMEO_VERSION"]

CAMEO_VERSION = "CAMEO 1.1b3 (Schrodt 2012), Goldstein weights"


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad: int


def quad_class(code: str) -> int:
    """Quad class (1-4) of a CAMEO code from its two-digit root."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """All pinned codes, keyed by code string ("04", "043", ...)."""
    text = resources.files("equipoise.evidence").joinpath("data/cameo.csv").read_text("utf-8")
    return {r["code"]: CameoCode(r["code"], r["label"], float(r["goldstein"]), quad_class(r["code"]))
            for r in csv.DictReader(text.splitlines())}


def lookup(code: str) -> CameoCode | None:
    """The entry for ``code``; a four-digit code falls back to its three-digit parent."""
    table = cameo_table()
    code = str(code).strip()
    while code and code not in table:
        code = code[:-1] if len(code) > 2 else ""
    return table.get(code)
