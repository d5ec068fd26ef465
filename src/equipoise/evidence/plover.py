"""PLOVER 2.0 mode and context of a coded event, from keyword tables.

PLOVER splits what CAMEO packs into three-digit codes into an event category, a
*mode* (how: ASSAULT by ``drone``, CONSULT by ``phone``, SANCTION ``discontinue``)
and a *context* (the setting: ``military``, ``economic``, ``diplomatic``,
``cbrn``, ...) [1]_. The names are the manual's; the keyword cues are ours
(``data/plover.yaml``). A context comes from the sentence (every keyword found;
an actor with the MIL sector role adds ``military``); a mode only from the words
near the event's verb, and only a mode the event's category has. The lexicon's
own mode word is kept when it is a PLOVER mode of the category, else read through
the table's ``lexicon_modes`` (our older words: "criticize" is ``disapprove``,
AID "military" is the ``military`` context). Several values are joined with
``;``. One compiled pattern per table; a sentence's contexts are cached.

References
----------
.. [1] Halterman, A., Schrodt, P. A., Beger, A., Bagozzi, B. E. and Scarborough,
   G. I. PLOVER: Political Language Ontology for Verifiable Event Records.
   Event data manual, draft version 2.0, Open Event Data Alliance,
   https://github.com/openeventdata/PLOVER (tables "General contexts" and
   "<CATEGORY> modes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .gazetteer import trie_pattern

__all__ = ["PloverTables", "plover_tables", "mode_and_context", "sentence_contexts", "CONTEXTS", "MODES"]

_WINDOW_BEFORE, _WINDOW_AFTER = 40, 80  # characters around the verb read for a mode


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())  # "Front-line" -> "front line"


def _trie(words: list[str]) -> str:
    """One trie-shaped pattern for ``words``; a final ``*`` takes any ending ("sanction*")."""
    return trie_pattern(words).replace(re.escape("*"), r"[\w'-]*")


def _compile(table: dict[str, list[str]]) -> tuple[re.Pattern | None, dict[str, str], list[tuple[str, str]]]:
    """One pattern for all keywords of ``table``; exact words and ``*`` prefixes map back to the value."""
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    words = []
    for name, items in table.items():
        for w in items:
            w = _norm(w)
            words.append(w)
            if w.endswith("*"):
                prefixes.append((w[:-1], name))
            else:
                exact.setdefault(w, name)
    if not words:
        return None, exact, prefixes
    prefixes.sort(key=lambda p: len(p[0]), reverse=True)
    # matched against lower-cased text: faster than re.IGNORECASE
    return re.compile(r"(?<![\w-])" + _trie(sorted(set(words))) + r"(?![\w-])"), exact, prefixes


@dataclass(frozen=True)
class PloverTables:
    """The compiled keyword tables and the lexicon-mode mapping."""

    contexts: tuple
    modes: dict[str, tuple]
    mode_names: dict[str, tuple[str, ...]]
    lexicon_modes: dict[str, dict[str, str]]
    mode_contexts: dict[str, str]
    context_names: tuple[str, ...]


@lru_cache(maxsize=1)
def plover_tables() -> PloverTables:
    """The shipped tables (``data/plover.yaml``), compiled once."""
    import yaml
    text = resources.files("equipoise.evidence").joinpath("data/plover.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    modes = {cat.upper(): _compile(table) for cat, table in (data.get("modes") or {}).items()}
    return PloverTables(_compile(data["contexts"]), modes,
                        {cat.upper(): tuple(t) for cat, t in (data.get("modes") or {}).items()},
                        {k: dict(v or {}) for k, v in (data.get("lexicon_modes") or {}).items()},
                        dict(data.get("mode_contexts") or {}), tuple(data["contexts"]))


def __getattr__(name: str):
    if name == "CONTEXTS":  # the PLOVER 2.0 context names, in the manual's order
        return plover_tables().context_names
    if name == "MODES":  # category -> its PLOVER 2.0 mode names
        return dict(plover_tables().mode_names)
    raise AttributeError(name)


def _found(table: tuple[re.Pattern | None, dict[str, str], list[tuple[str, str]]], text: str) -> list[str]:
    pattern, exact, prefixes = table
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text.lower()):
        w = _norm(m.group())
        name = exact.get(w) or next((n for p, n in prefixes if w.startswith(p)), None)
        if name is not None and name not in out:
            out.append(name)
    return out


@lru_cache(maxsize=1024)  # the same verb's window is read once per event pair
def _modes_in(cat: str, window: str) -> tuple[str, ...]:
    return tuple(_found(plover_tables().modes[cat], window))


@lru_cache(maxsize=512)
def sentence_contexts(text: str) -> tuple[str, ...]:
    """The PLOVER contexts whose keywords ``text`` holds, in order of first mention.

    Examples
    --------
    >>> sentence_contexts("The two sides discussed trade and a nuclear test.")
    ('economic', 'cbrn')
    """
    return tuple(_found(plover_tables().contexts, text))


def mode_and_context(plover: str, lexicon_mode: str, text: str, span: tuple[int, int],
                     roles: tuple[str, ...] = ()) -> tuple[str, str]:
    """PLOVER ``mode`` and ``context`` (``;``-joined, empty when unclear) of one event.

    Parameters
    ----------
    plover : str
        The event's PLOVER category.
    lexicon_mode : str
        The mode word of the lexicon entry that coded it (may be empty).
    text : str
        The sentence.
    span : (int, int)
        The verb's span in ``text``.
    roles : tuple of str
        Sector roles of the source and target (``MIL`` adds the military context).

    Examples
    --------
    >>> mode_and_context("ASSAULT", "", "Quito struck Lima with drones.", (6, 12))
    ('drone', '')
    >>> mode_and_context("AID", "military", "Quito armed Lima.", (6, 11))
    ('', 'military')
    """
    t = plover_tables()
    cat = plover.upper()
    valid = t.mode_names.get(cat, ())
    modes: list[str] = []
    extra: list[str] = []
    if lexicon_mode:
        if lexicon_mode in valid:
            modes.append(lexicon_mode)
        elif lexicon_mode in t.lexicon_modes:
            mapped = t.lexicon_modes[lexicon_mode]
            if mapped.get("mode") in valid:
                modes.append(mapped["mode"])
            if mapped.get("context"):
                extra.append(mapped["context"])
        else:
            modes.append(lexicon_mode)  # a user's own word: kept as written
    if not modes and cat in t.modes:
        a, b = span
        modes = list(_modes_in(cat, text[max(0, a - _WINDOW_BEFORE):b + _WINDOW_AFTER]))
    contexts = list(sentence_contexts(text))
    if "MIL" in roles:
        extra.append("military")
    extra += [t.mode_contexts[m] for m in modes if m in t.mode_contexts]
    contexts = list(dict.fromkeys(extra + contexts))
    return ";".join(modes), ";".join(contexts)
