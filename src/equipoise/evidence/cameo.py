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

__all__ = ["CameoCode", "cameo_table", "lookup", "quad_class", "plover_for", "PLOVER_CATEGORIES", "CAMEO_VERSION"]

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


#: PLOVER 2.0 categories (Halterman et al. 2023) and the usual crosswalk from CAMEO roots.
PLOVER_CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                     "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
_ROOT_PLOVER = {"01": "", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
                "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
                "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
                "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}
_CODE_PLOVER = {"057": "AGREE", "087": "RETREAT", "0871": "RETREAT", "0872": "RETREAT", "0873": "RETREAT",
                "0874": "RETREAT", "019": "SUPPORT", "018": "SUPPORT", "016": "REJECT", "015": "CONCEDE",
                "036": "CONSULT", "0331": "AID", "033": "AID", "031": "COOPERATE", "032": "SUPPORT",
                "035": "CONCEDE", "138": "THREATEN"}


def plover_for(code: str) -> str:
    """The PLOVER 2.0 category of a CAMEO code ("" for bare statements, 010).

    A crosswalk in the spirit of the PLOVER codebook's CAMEO mapping [1]_: the
    root decides, except for signing agreements (057: AGREE), military
    de-escalation (087: RETREAT) and statements of accord or empathy (018/019:
    SUPPORT); intent codes (03x) take the category of the intended act.

    References
    ----------
    .. [1] Halterman, A., Schrodt, P. A., Beger, A., Bagozzi, B. E. and Scarborough,
       G. I. (2023). Creating Custom Event Data Without Dictionaries: A
       Bag-of-Tricks. arXiv:2304.01331 (PLOVER 2.0 ontology and POLECAT).

    Examples
    --------
    >>> plover_for("190"), plover_for("057"), plover_for("036")
    ('ASSAULT', 'AGREE', 'CONSULT')
    """
    code = str(code).strip()
    for k in (code, code[:3]):
        if k in _CODE_PLOVER:
            return _CODE_PLOVER[k]
    return _ROOT_PLOVER.get(code[:2], "")
