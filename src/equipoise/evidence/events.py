"""Who did what to whom: a dictionary-and-pattern event coder in the spirit of TABARI.

A verb phrase from the dictionary below gives a CAMEO code; the source is the
nearest actor before the verb and the target the first other actor after it.
Goldstein weight and quad class come from the one pinned table,
:mod:`equipoise.evidence.cameo` (CAMEO 1.1b3 with Goldstein weights). A verb
preceded closely by a negation ("did not", "never") or a modal or conditional
("would", "could", "may", "if") is not coded: TABARI likewise skips negated and
hypothetical statements.

References
----------
.. [1] Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event Observations
   Event and Actor Codebook, version 1.1b3. Pennsylvania State University.
.. [2] Schrodt, P. A. (2001). Automated Coding of International Event Data Using
   Sparse Parsing Techniques. Paper at the International Studies Association,
   Chicago (the TABARI coder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cameo import lookup

__all__ = ["EventMention", "VERBS", "code_events"]

#: (verb pattern, CAMEO code). Patterns are matched case-insensitively on words.
VERBS: tuple[tuple[str, str], ...] = (
    (r"impose[sd]?\s+(?:\w+\s+){0,2}(?:sanctions|an\s+embargo)|sanctioned|sanctioning", "163"),
    (r"(?:attack|bomb|shell|strike|struck|invade|occupie|annex)\w*", "190"),
    (r"(?:fought|fight|fights|fighting)", "190"),
    (r"threaten\w*|warn(?:s|ed)?", "130"),
    (r"accuse[sd]?|accusing|blame[sd]?|blaming", "112"),
    (r"critici[sz]\w*|condemn\w*|denounc\w*", "111"),
    (r"vetoe?[sd]?|vetoing", "129"),
    (r"reject\w*|refuse[sd]?|refusing|den(?:y|ies|ied)", "120"),
    (r"demand\w*|insist\w*", "100"),
    (r"expel\w*", "166"),
    (r"(?:ask|urge|request|appeal)(?:s|ed|ing)?|call(?:s|ed)?\s+(?:on|for|upon)", "020"),
    (r"sign(?:s|ed|ing)?", "057"),
    (r"negotiat\w+", "046"),
    (r"mediat\w+", "045"),
    (r"host(?:s|ed|ing)?", "043"),
    (r"visit(?:s|ed|ing)?", "042"),
    (r"(?:telephoned|phoned|spoke|speaks|talked|talks)\s+(?:\w+\s+)?(?:with|to)", "041"),
    (r"meet(?:s|ing)?|met|consult\w*|discuss\w*", "040"),
    (r"invite[sd]?|inviting|propose[sd]?|proposing|offer(?:s|ed)?", "036"),
    (r"agree[sd]?\s+(?:to|with|on)", "030"),
    (r"praise[sd]?|congratulat\w+|endorse[sd]?|welcome[sd]?|support(?:s|ed)?|back(?:s|ed)", "051"),
    (r"recogni[sz]e[sd]?", "054"),
    (r"cooperat\w+|partner(?:s|ed)?\s+with", "050"),
    (r"trade[sd]?\s+with|invest(?:s|ed)?\s+in|export(?:s|ed)?", "061"),
    (r"provide[sd]?|providing|suppl(?:y|ies|ied)|deliver(?:s|ed)?|sen[dt]s?|aid(?:s|ed)?|assist(?:s|ed)?", "070"),
    (r"accept(?:s|ed)?|acquiesce[sd]?|yield(?:s|ed)?", "080"),
)

_VERB_RE = re.compile(r"\b(?:" + "|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(VERBS)) + r")\b",
                      re.IGNORECASE)
_BLOCK = re.compile(r"\b(?:not|never|no\s+longer|n't|cannot|would|could|might|may|should|if|unless|whether|"
                    r"without|failed\s+to)\b[\w\s,']{0,25}$", re.IGNORECASE)


@dataclass(frozen=True)
class EventMention:
    """A coded event: ``source`` did ``code`` to ``target`` (CAMEO)."""

    source: str
    target: str
    code: str
    goldstein: float
    quad: int
    date: str | None
    span: tuple[int, int]

    def to_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "code": self.code, "goldstein": self.goldstein,
                "quad": self.quad, "date": self.date}


def code_events(text: str, actors: list[tuple[int, int, str]], *, date: str | None = None,
                offset: int = 0) -> list[EventMention]:
    """Events in one sentence.

    Parameters
    ----------
    text : str
        The (normalised) sentence.
    actors : list of (start, end, code)
        Actor mentions with spans into ``text``, in order.
    date : str, optional
        The sentence's date (ISO), copied onto each event.

    Examples
    --------
    >>> e = code_events("Russia criticized Japan.", [(0, 6, "RUS"), (18, 23, "JPN")])
    >>> (e[0].source, e[0].target, e[0].code, e[0].goldstein, e[0].quad)
    ('RUS', 'JPN', '111', -2.0, 3)
    """
    if len(actors) < 2:
        return []
    out, seen = [], set()
    for m in _VERB_RE.finditer(text):
        before = [a for a in actors if a[1] <= m.start()]
        after = [a for a in actors if a[0] >= m.end()]
        if not before or not after:
            continue
        src = before[-1]
        if _BLOCK.search(text, src[1], m.start()):
            continue
        tgt = next((a for a in after if a[2] != src[2]), None)
        if tgt is None:
            continue
        code = VERBS[int(m.lastgroup[1:])][1]
        entry = lookup(code)
        key = (src[2], tgt[2], code)
        if entry is None or key in seen:
            continue
        seen.add(key)
        out.append(EventMention(src[2], tgt[2], entry.code, entry.goldstein, entry.quad, date,
                                (m.start() + offset, m.end() + offset)))
    return out
