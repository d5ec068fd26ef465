"""Find evidence locators (``source:paragraph:sentence``) in the seed texts.

Usage::

    python tools/locate.py "cue text" [more cues ...]     # cue -> locators
    python tools/locate.py --show belo2018:5:3 [...]      # locator -> sentence

Sources and their files come from the default case's ``00_case.yaml``; the texts
are read from ``$EQUIPOISE_SEEDS`` (default ``../shared/seeds`` beside the repository, or ``$EQUIPOISE_SHARED/seeds``). Matching is
case-insensitive and ignores curly quotes. Development aid only; the package
never needs the seed texts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

from equipoise.evidence.segment import segment

__all__ = ["seed_texts", "find", "show"]

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "src" / "equipoise" / "case" / "default" / "00_case.yaml"
_SHARED = Path(os.environ.get("EQUIPOISE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
SEEDS = Path(os.environ.get("EQUIPOISE_SEEDS") or _SHARED / "seeds")


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower().split())


def seed_texts() -> dict[str, str]:
    """Source id -> text, for sources whose file is present."""
    out = {}
    for src in yaml.safe_load(CASE.read_text(encoding="utf-8"))["sources"]:
        f = src.get("file")
        if f and (SEEDS / f).exists():
            out[src["id"]] = (SEEDS / f).read_text(encoding="utf-8")
    return out


def find(cue: str, texts: dict[str, str]) -> list[tuple[str, str]]:
    """Locators (and sentences) of every sentence containing ``cue``."""
    hits = []
    for sid, text in texts.items():
        for pi, (_, sents) in enumerate(segment(text), 1):
            for si, s in enumerate(sents, 1):
                if _norm(cue) in _norm(s.text):
                    hits.append((f"{sid}:{pi}:{si}", s.text))
    return hits


def show(locator: str, texts: dict[str, str]) -> str | None:
    """The sentence at ``locator``, or None if it does not exist."""
    sid, p, s = locator.split(":")
    segs = segment(texts[sid])
    p, s = int(p), int(s)
    if not (1 <= p <= len(segs) and 1 <= s <= len(segs[p - 1][1])):
        return None
    return segs[p - 1][1][s - 1].text


def main(argv: list[str]) -> int:
    texts = seed_texts()
    if argv and argv[0] == "--show":
        for loc in argv[1:]:
            print(f"{loc}\t{show(loc, texts)}")
        return 0
    for cue in argv:
        hits = find(cue, texts)
        print(f"# {cue!r}: {len(hits)} hit(s)")
        for loc, sent in hits:
            print(f"{loc}\t{sent[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
