"""Split a document into paragraphs and sentences with character offsets.

Paragraph rule (shared by the case format's evidence locators): when the text has
blank lines, a paragraph is a block of lines between blank lines; otherwise every
non-empty line is a paragraph. Paragraphs and sentences are numbered from 1 in
locators (``source:paragraph:sentence``) and from 0 in ``extract`` output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "paragraphs", "sentences", "segment"]

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "rep", "sen", "gov",
    "pres", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "fig", "u.s", "u.n", "u.k", "inc",
    "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "approx", "cf", "al", "op", "vol", "pp", "ed", "eds",
}
_BLANK = re.compile(r"\n[ \t\u00a0]*\n")
_BLANK_RUN = re.compile(r"\n[ \t\u00a0]*\n\s*")  # a blank line and the white space after it: one cut, not one per line
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?:\[\d+\])?\s+(?=[\"'“‘(\[]?[A-Z0-9])"
                       r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"  # "...the pandemic.According to": a lost space
                       r"|(?<=[a-z][.!?][\"”’])(?=[A-Z][a-z])"
                       r"|(?<=[^.!?:;,\s])[ \t]*\n\s*(?=\S)")  # a line without terminal punctuation
# A dateline opening a paragraph: the page store's " date YYYY-MM-DD [address]" line,
# "SEOUL—", "TOKYO, December 5 (TASS) –", "PYONGYANG (dpa-AFX) -".
_DATELINE = re.compile(r"\s*(?:date\s+\d{4}-\d\d-\d\d(?:\s+https?://\S+)?\s+"
                       r"|[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?"
                       r"(?:\s*\([^()\n]{1,30}\))?\s*(?:[-–—]{1,2}|:)\s*(?=[A-Z\"“]))")


@dataclass(frozen=True)
class Span:
    """A piece of a text: ``text == original[start:end]``."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans of ``text`` (see module docstring for the rule)."""
    if _BLANK.search(text):
        pieces, pos = [], 0
        for m in _BLANK_RUN.finditer(text):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(text)))
    else:
        pieces, pos = [], 0
        for line in text.split("\n"):
            pieces.append((pos, pos + len(line)))
            pos += len(line) + 1
    out = []
    for a, b in pieces:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append(Span(a + lead, a + trail, text[a + lead:a + trail]))
    return out


def sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentence spans of one paragraph ``text``; offsets shifted by ``offset``."""
    out, start = [], 0
    for _ in range(2):  # the page store's date line, then the article's own dateline
        d = _DATELINE.match(text, start)
        if not (d and d.group().strip()):
            break
        piece = d.group().strip()
        lead = len(d.group()) - len(d.group().lstrip())
        out.append(Span(offset + start + lead, offset + start + lead + len(piece), piece))
        start = d.end()
    for m in _BOUNDARY.finditer(text, start):
        if m.end() <= start:
            continue
        token = text[max(start, m.start() - 6):m.start()].split()[-1:] if m.start() > start else []
        last = (token[0] if token else "").lower().rstrip(".")
        if m.start() < len(text) and text[m.start()] == "." and (last in _ABBREV or (len(last) == 1 and last.isalpha())):
            continue
        end = m.end()
        piece = text[start:end].rstrip()
        if piece:
            out.append(Span(offset + start, offset + start + len(piece), piece))
        start = end
    piece = text[start:].rstrip()
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append(Span(offset + start + lead, offset + start + len(piece), piece.lstrip()))
    return out


#: A "sentence" longer than this (a text without full stops) is cut at the last space before the limit,
#: so that per-sentence work stays linear in the text's length.
MAX_SENTENCE = 600


def _cap(spans: list[Span], text: str, offset: int) -> list[Span]:
    out = []
    for sp in spans:
        a = sp.start
        while sp.end - a > MAX_SENTENCE:
            cut = text.rfind(" ", a - offset + MAX_SENTENCE // 2, a - offset + MAX_SENTENCE)
            b = (cut + offset) if cut > 0 else a + MAX_SENTENCE
            out.append(Span(a, b, text[a - offset:b - offset]))
            a = b
            while a < sp.end and text[a - offset].isspace():
                a += 1
        if a < sp.end:
            out.append(Span(a, sp.end, text[a - offset:sp.end - offset]))
    return out


def segment(text: str) -> list[tuple[Span, list[Span]]]:
    """Paragraphs of ``text``, each with its sentences (offsets into ``text``).

    A sentence longer than :data:`MAX_SENTENCE` characters is cut at a space.
    """
    return [(p, _cap(sentences(p.text, p.start), p.text, p.start)) for p in paragraphs(text)]
