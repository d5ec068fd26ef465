"""Detect and repair machine-paraphrased ("spun") text.

Article spinners replace words with dictionary synonyms one word at a time, so
"Cold War" becomes "Chilly Battle" and "May 9" becomes "Might 9". We reverse
this with the gazetteer: every multiword name and idiom is expanded into the
forms a spinner could produce by substituting any of its words with a synonym
from the gazetteer's ``synonyms`` table, and a match of such a form is repaired
back to the canonical wording. The same holds for month names (``months``) and
decade number words ("Nineteen Fifties" -> "1950s").

Repairs are never applied to the stored original. :func:`repair` returns a
repaired *view* with a map from its offsets back to the original, and the list of
repairs so that they can be shown to the user.

Names of actors and events are repaired in every document; field idioms and
single words ("safety" -> "security") only in documents whose spin score marks
them as spun, since those substitutes are ordinary words elsewhere.

References
----------
.. [1] Foltynek, T., Meuschke, N. and Gipp, B. (2019).
   Academic Plagiarism Detection: A Systematic Literature Review. ACM Computing
   Surveys 52(6), 112. doi:10.1145/3345317 (synonym-substitution "spinning" as
   a paraphrase obfuscation).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import CaselessPattern, Gazetteer, default_gazetteer, name_key, trie_pattern

__all__ = ["Repair", "RepairedText", "spin_score", "spin_evidence", "repair", "SPUN_THRESHOLD"]

#: Spin score at or above which a document counts as spun.
SPUN_THRESHOLD = 0.4
_PER_1000_FOR_FULL_SCORE = 5.0
_MAX_VARIANTS = 256
_SMALL = {"of", "the", "and", "to", "in", "on", "for", "a", "an"}
_DECADES = {"tens": 1, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}
_CENTURY = {"eighteen": 18, "nineteen": 19, "twenty": 20}
_DECADE_RE = re.compile(r"\b(?:(Eighteen|Nineteen|Twenty|eighteen|nineteen|twenty)[\s-]?)?"
                        r"(Tens|Twenties|Thirties|Forties|Fifties|Sixties|Seventies|Eighties|Nineties)\b")
_NUMERIC_GUARD = re.compile(r"(?:\b(?:the|past|last|next|previous|over|for|within|in|of|a|every|each|"
                            r"first|few|several)|\d)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Repair:
    """One repaired phrase: ``text`` at ``[start, end)`` of the original reads ``replacement``."""

    start: int
    end: int
    text: str
    replacement: str
    kind: str  # name | idiom | month | number | word

    def to_dict(self) -> dict:
        return {"span": [self.start, self.end], "text": self.text, "replacement": self.replacement,
                "kind": self.kind}


@dataclass(frozen=True)
class RepairedText:
    """A repaired view of a text with the map back to the original's offsets."""

    original: str
    text: str
    repairs: tuple[Repair, ...]
    _new_starts: tuple[int, ...] = ()
    _old_starts: tuple[int, ...] = ()
    _replaced: tuple[bool, ...] = ()

    def to_original(self, i: int) -> int:
        """Offset in the original text of offset ``i`` of the repaired view."""
        if not self.repairs:
            return i
        k = bisect_right(self._new_starts, i) - 1
        if k < 0:
            return i
        if self._replaced[k]:
            if i == self._new_starts[k]:
                return self._old_starts[k]
            return self._old_starts[k + 1] if k + 1 < len(self._old_starts) else len(self.original)
        return self._old_starts[k] + (i - self._new_starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the repaired view's ``[start, end)``."""
        return self.to_original(start), self.to_original(end)


def _match_case(spun: str, canonical: str, proper: bool) -> str:
    if proper:
        return canonical
    if spun.isupper() and len(spun) > 1:
        return canonical.upper()
    words = _WORD.findall(spun)
    if len(words) > 1 and all(w[0].isupper() for w in words if w.lower() not in _SMALL):
        return " ".join(w if w in _SMALL else w[:1].upper() + w[1:] for w in canonical.split(" "))
    if spun[:1].isupper():
        return canonical[:1].upper() + canonical[1:]
    return canonical


def _variants(phrase: str, synonyms: dict[str, tuple[str, ...]]) -> list[str]:
    words = phrase.split(" ")
    options = [(w, *synonyms.get(w, ())) for w in words]
    out = [" ".join(p) for p in itertools.islice(itertools.product(*options), _MAX_VARIANTS)][1:]
    for i, j in itertools.combinations(range(len(words) + 1), 2):
        if j - i > 1:
            sub = " ".join(words[i:j])
            for s in synonyms.get(sub, ()):
                out.append(" ".join([*words[:i], s, *words[j:]]))
    return out


class _Repairer:
    def __init__(self, gaz: Gazetteer):
        syn = gaz.synonyms
        name_keys = {name_key(n) for n in gaz.names()}
        known = name_keys | {name_key(i) for i in gaz.idioms}
        self.names: dict[str, str] = {}
        self.idioms: dict[str, str] = {}
        self.words: dict[str, str] = {}
        for name in gaz.names():
            key = name_key(name)
            if " " in key:
                for v in _variants(key, syn):
                    if v not in known:
                        self.names.setdefault(v, name)
        for idiom in gaz.idioms:
            key = name_key(idiom)
            table = self.idioms if " " in key else self.words
            for v in _variants(key, syn) if " " in key else syn.get(key, ()):
                if v not in known:
                    table.setdefault(v, idiom)
        # whole-name substitutes of names ("the united states" -> "america"): word level
        for key, subs in syn.items():
            if " " in key and key in name_keys:
                for s in subs:
                    self.words.setdefault(s, gaz.canonical[key])
        self.proper_words = {s for s, c in self.words.items() if not c.islower()}
        self.names_re = self._compile(self.names)
        self.idioms_re = self._compile(self.idioms)
        self.words_re = self._compile(self.words)
        months = {v: m for m, subs in gaz.months.items() for v in subs}
        self.months = months
        self.months_re = (re.compile(r"\b(" + "|".join(map(re.escape, sorted(months))) +
                                     r")(?=\s+(?:\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|per cent))|of\s+\d{4}|\d{4}))")
                          if months else None)

    @staticmethod
    def _compile(table: dict[str, str]):
        if not table:
            return None
        return CaselessPattern(r"(?<![\w'])" + trie_pattern(sorted(table)) + r"(?!\w)")

    def candidates(self, text: str, spun: bool) -> list[tuple[int, int, str, str]]:
        out = []
        if self.names_re is not None:
            for m in self.names_re.finditer(text):
                out.append((m.start(), m.end(), self.names[name_key(m.group())], "name"))
        if self.months_re is not None:
            for m in self.months_re.finditer(text):
                out.append((m.start(), m.end(), self.months[m.group()], "month"))
        for m in _DECADE_RE.finditer(text):
            century = _CENTURY[m.group(1).lower()] if m.group(1) else 19
            out.append((m.start(), m.end(), f"{century}{_DECADES[m.group(2).lower()]}0s", "number"))
        if spun:
            if self.idioms_re is not None:
                for m in self.idioms_re.finditer(text):
                    canon = self.idioms[name_key(m.group())]
                    out.append((m.start(), m.end(), _match_case(text[m.start():m.end()], canon, False), "idiom"))
            if self.words_re is not None:
                for m in self.words_re.finditer(text):
                    key = name_key(m.group())
                    if key[:1].isdigit() and _NUMERIC_GUARD.search(text, 0, m.start()):
                        continue
                    canon = self.words[key]
                    out.append((m.start(), m.end(), _match_case(text[m.start():m.end()], canon, key in self.proper_words),
                                "word"))
        return out

    def count(self, text: str) -> int:
        n = 0
        for rx in (self.names_re, self.idioms_re, self.months_re):
            if rx is not None:
                n += sum(1 for _ in rx.finditer(text))
        return n


@lru_cache(maxsize=8)
def _repairer(gaz: Gazetteer) -> _Repairer:
    return _Repairer(gaz)


def spin_score(text: str, *, gazetteer: Gazetteer | None = None) -> float:
    """Share of evidence that ``text`` was machine-paraphrased, in [0, 1].

    The score counts spun forms of gazetteer names, field idioms and month names
    per 1,000 words; 5 or more per 1,000 words scores 1. A document scoring at
    least :data:`SPUN_THRESHOLD` is treated as spun.

    Examples
    --------
    >>> spin_score("The Chilly Battle ended; the Six Social gathering Talks failed.") >= SPUN_THRESHOLD
    True
    >>> spin_score("The Cold War ended; the Six Party Talks failed.")
    0.0
    """
    return spin_evidence(text, gazetteer=gazetteer)[0]


def spin_evidence(text: str, *, gazetteer: Gazetteer | None = None) -> tuple[float, int]:
    """:func:`spin_score` of ``text`` and the number of spun forms it found."""
    rep = _repairer(gazetteer or default_gazetteer())
    words = max(1, len(_WORD.findall(text)))
    hits = rep.count(text)
    return min(1.0, hits * 1000.0 / words / _PER_1000_FOR_FULL_SCORE), hits


def repair(text: str, *, spun: bool = False, gazetteer: Gazetteer | None = None,
           offset: int = 0) -> RepairedText:
    """Repaired view of ``text`` (already :func:`~equipoise.evidence.normalize.normalize`-d).

    Parameters
    ----------
    text : str
        The text (a sentence or a whole document).
    spun : bool
        Also repair field idioms and single words (use for documents whose
        :func:`spin_score` reaches :data:`SPUN_THRESHOLD`).
    gazetteer : Gazetteer, optional
        Names, idioms and synonyms (default: the shipped gazetteer).
    offset : int
        Added to repair spans, for a ``text`` that is a slice of a document.

    Examples
    --------
    >>> repair("after the Chilly Battle").text
    'after the Cold War'
    """
    rep = _repairer(gazetteer or default_gazetteer())
    cands = rep.candidates(text, spun)
    if not cands:
        return RepairedText(text, text, ())
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    pieces: list[str] = []
    new_starts, old_starts, replaced, repairs = [], [], [], []
    pos = new = 0
    for a, b, canon, kind in cands:
        if a < pos or text[a:b] == canon:
            continue
        if a > pos:
            new_starts.append(new), old_starts.append(pos), replaced.append(False)
            pieces.append(text[pos:a])
            new += a - pos
        new_starts.append(new), old_starts.append(a), replaced.append(True)
        pieces.append(canon)
        new += len(canon)
        repairs.append(Repair(a + offset, b + offset, text[a:b], canon, kind))
        pos = b
    if not repairs:
        return RepairedText(text, text, ())
    new_starts.append(new), old_starts.append(pos), replaced.append(False)
    pieces.append(text[pos:])
    return RepairedText(text, "".join(pieces), tuple(repairs), tuple(new_starts), tuple(old_starts),
                        tuple(replaced))
