"""Unicode normalisation that keeps every character where it was.

Curly quotes become straight quotes, the dash family becomes ``-``, and the
various Unicode spaces become a plain space. Every replacement is one character
for one character, so an offset into the normalised text is an offset into the
original: extraction can run on the normalised text and report spans of the
original without a map.
"""

from __future__ import annotations

__all__ = ["normalize", "NORMALIZE_TABLE"]

_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`"
_DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"

NORMALIZE_TABLE = str.maketrans({
    **{c: "'" for c in _SINGLE},
    **{c: '"' for c in _DOUBLE},
    **{c: "-" for c in _DASHES},
    **{c: " " for c in _SPACES},
    "\u2026": ".",
})


def normalize(text: str) -> str:
    """Straighten quotes, unify dashes and spaces; the result has ``len(text)``.

    Examples
    --------
    >>> normalize("Korea\u2019s 2014\u20132017\u00a0stage")
    "Korea's 2014-2017 stage"
    """
    return text.translate(NORMALIZE_TABLE)
