"""Gazetteer: the names the extractor knows, as data (``data/gazetteer.yaml``).

A gazetteer maps names (states, demonyms, capitals, officials, institutions,
policies) to actor codes, dates named events, and lists the idioms and spinner
synonyms that :mod:`equipoise.evidence.spin` uses to repair machine-paraphrased
text. The shipped data is three files: ``gazetteer.yaml`` (the case's actors,
named events, idioms, spinner synonyms), ``world.yaml`` (demonyms, capitals,
cities, short forms, historical states, armed groups, organisations, media,
sector-role words, dissolved states) and ``leaders.yaml`` (office holders with
dated terms); state names and ISO 3166 codes come from pycountry. Users extend it
with their own YAML files in the same layout; entries from extra files are added
to the default ones.

Each name is also entered without diacritics ("Erdogan" for "Erdoğan"), a
person's name also in its other common romanisations (:func:`spellings`:
Sergei/Sergey, Shoigu/Shoygu), and an organisation's acronym also as a word
("Nato", "Ecowas"). A person resolves by date: the term in force, else the last
term ended by then (an elite, ELI, of the person's ``home`` state or of the
successor of the state served, never a dissolved one).

Matching is one pass of one compiled pattern per case mode: names are folded into
a character trie and emitted as a single regular expression, the usual way of
making a large dictionary alternation fast. Spaces and hyphens inside a name match
each other ("Kim Jong Un" = "Kim Jong-un"). A name written only in capitals
("US", "DPRK") matches case-sensitively; the rest case-insensitively.

Building the default data (parsing the YAML, reading ISO 3166 from pycountry) takes
about a tenth of a second, so the result is kept in the user's cache folder
(:func:`equipoise.datadir.default_cache_dir`) under a key over this module's source, the data files,
pycountry's data and the Python version: written atomically, read when current, and
rebuilt when missing, stale or unreadable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import os
import pickle
import re
import stat
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from ..datadir import default_cache_dir
from ..errors import EvidenceError

__all__ = ["GazetteerEntry", "NamedEvent", "Gazetteer", "load_gazetteer", "default_gazetteer",
           "name_key", "trie_pattern", "CaselessPattern", "spellings", "unaccented"]

_SEP = re.compile(r"[\s\-]+")
_SECTIONS = ("actors", "people", "events", "idioms", "synonyms", "months", "short_forms", "demonyms", "capitals",
             "cities", "contextual", "organisations", "media", "generic_bodies", "roles", "dissolved")
_FILES = ("gazetteer.yaml", "world.yaml", "leaders.yaml")


def name_key(text: str, *, fold: bool = True) -> str:
    """Lookup key of a name: spaces and hyphens collapse to one space; case folded."""
    key = _SEP.sub(" ", text.strip()).replace("\u2019", "'")
    return key.lower() if fold else key


def _is_acronym(name: str) -> bool:
    return not any(c.islower() for c in name)


def unaccented(name: str) -> str:
    """``name`` without diacritics ("Erdoğan" -> "Erdogan", "Côte d'Ivoire" -> "Cote d'Ivoire")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


# Romanisations of Russian (and other Cyrillic) names that news outlets mix: Sergei/Sergey,
# Shoigu/Shoygu, Zelensky/Zelenskyy/Zelenskiy, Dmitry/Dmitri. Each rule rewrites one word.
_ROMANISATIONS = ((re.compile(r"ei\b"), "ey"), (re.compile(r"ey\b"), "ei"), (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),
                  (re.compile(r"(?<=o)i(?=[bcdfghklmnprstvz])"), "y"), (re.compile(r"(?<=o)y(?=[bcdfghklmnprstvz])"), "i"),
                  (re.compile(r"sky\b"), "skyy"), (re.compile(r"sky\b"), "skiy"), (re.compile(r"(?<=[^aeiou])y\b"), "i"),
                  (re.compile(r"iy\b"), "y"), (re.compile(r"(?<=[^aeiou])i\b"), "y"), (re.compile(r"ai\b"), "ay"),
                  (re.compile(r"ay\b"), "ai"), (re.compile(r"(?<=[^aeiou])y\b"), "iy"), (re.compile(r"^Yev"), "Ev"),
                  (re.compile(r"^Alex"), "Aleks"), (re.compile(r"^Alexander$"), "Aleksandr"),
                  (re.compile(r"^Mohammed$"), "Mohamed"), (re.compile(r"^Mohammed$"), "Muhammad"),
                  (re.compile(r"^Mohamed$"), "Mohammed"), (re.compile(r"^Mohamed$"), "Muhammad"),
                  (re.compile(r"^Muhammad$"), "Mohammed"))


def spellings(name: str) -> list[str]:
    """Other romanisations of a person's name, one word changed at a time (see ``_ROMANISATIONS``).

    Examples
    --------
    >>> sorted(spellings("Sergei Shoigu"))
    ['Sergei Shoygu', 'Sergey Shoigu']
    """
    words = name.split(" ")
    out = []
    for i, w in enumerate(words):
        if len(w) < 4 or not w[:1].isupper():
            continue
        for rx, sub in _ROMANISATIONS:
            v = rx.sub(sub, w, count=1)
            if v != w:
                out.append(" ".join(words[:i] + [v] + words[i + 1:]))
    return list(dict.fromkeys(o for o in out if o != name))


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words`` (longest first).

    A space in a word matches any run of spaces or hyphens.

    Examples
    --------
    >>> bool(re.fullmatch(trie_pattern(["cold war", "cold"]), "cold-war"))
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            head = r"[\s\-]+" if ch == " " else re.escape(ch)
            alts.append(head + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


#: The characters beyond ASCII that ``re.IGNORECASE`` matches to an ASCII one (dotted and dotless i,
#: the long s, the Kelvin sign); ``tests/evidence/test_extraction_speed.py`` checks the list.
_FOLD_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_UPPER = re.compile("[A-Z]")


def _folds_like_ascii(pattern: str) -> bool:
    """Whether ``pattern``, compiled case-insensitively, matches ASCII text exactly where its
    case-sensitive form matches the lower-cased text: it holds no upper-case ASCII letter and no
    other character that folds to an ASCII one."""
    return not _UPPER.search(pattern) and not (_FOLD_TO_ASCII & set(pattern))


def _cache_write(path: Path, data: bytes, keep: int = 4) -> None:
    """Write ``data`` to ``path`` atomically (a temp file beside it, then a rename), and keep only the
    ``keep`` newest files of its kind (``<kind>-<key><suffix>``); a read-only folder is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        kind = path.name.rsplit("-", 1)[0]
        ages = []
        for f in path.parent.glob(f"{kind}-*{path.suffix}"):
            if f.name.rsplit("-", 1)[0] == kind:
                try:
                    ages.append((f.stat().st_mtime_ns, f))
                except OSError:
                    pass
        for _, old in sorted(ages, key=lambda x: x[0], reverse=True)[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # no cache: the same result, computed again next time


class CaselessPattern:
    """A case-insensitive regular expression that runs fast on ASCII text.

    Under ``re.IGNORECASE`` Python's engine enters every branch of a large alternation
    (a :func:`trie_pattern` of thousands of names) at every word; case-sensitive, it
    skips a branch on its first letter (two to three times as fast on ordinary
    patterns too). So on ASCII text, and when the pattern allows it (see
    :func:`_folds_like_ascii`), :meth:`search`, :meth:`finditer` and :meth:`findall`
    run the case-sensitive pattern on the lower-cased text, which gives the same
    spans. Each form is compiled when first needed. Spans index ``text``, but
    ``group()`` may be lower-cased: take the original wording from ``text``.
    """

    __slots__ = ("pattern", "_ci", "_lower", "_fast")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._ci: re.Pattern | None = None
        self._lower: re.Pattern | None = None
        self._fast: bool | None = None

    def _pick(self, text: str) -> tuple[re.Pattern, str]:
        if text.isascii():
            if self._fast is None:
                self._fast = _folds_like_ascii(self.pattern)
            if self._fast:
                if self._lower is None:
                    self._lower = re.compile(self.pattern)
                return self._lower, text.lower()
        if self._ci is None:
            self._ci = re.compile(self.pattern, re.IGNORECASE)
        return self._ci, text

    def search(self, text: str, *span: int) -> re.Match | None:
        p, t = self._pick(text)
        return p.search(t, *span)

    def finditer(self, text: str, *span: int):
        p, t = self._pick(text)
        return p.finditer(t, *span)

    def findall(self, text: str, *span: int) -> list:
        p, t = self._pick(text)
        return p.findall(t, *span)


@dataclass(frozen=True)
class GazetteerEntry:
    """One name's reading: the actor code(s) it stands for, and when."""

    name: str
    codes: tuple[str, ...]
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    role: str = ""  # CAMEO sector role (GOV, MIL, MED, ...) the name carries itself
    generic: str = ""  # CAMEO-style generic type of a non-state actor (IGO, NGO, IMG, MED)
    context: tuple[str, ...] = ()  # a contextual name: codes whose mention licenses a reading
    home: str = ""  # a person: the state they belong to after their last term (an IGO head's own state)

    def valid_at(self, when: dt.date | None) -> bool:
        if when is None:
            return True
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class NamedEvent:
    """A named event or period and its dates (ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""

    name: str
    start: str
    end: str | None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.start)]


def _date(value, where: str, path: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise EvidenceError(f"expected a date YYYY-MM-DD, got {text!r}", path=path, field=where) from exc


def _iso(value, where: str, path: str) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise EvidenceError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}", path=path, field=where)
    return text


@dataclass
class _Builder:
    names: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    exact: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    events: dict[str, NamedEvent] = field(default_factory=dict)
    idioms: list[str] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    months: dict[str, list[str]] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    bodies: set[str] = field(default_factory=set)
    dissolved: dict[str, tuple[dt.date, str]] = field(default_factory=dict)

    def add_name(self, name: str, entry: GazetteerEntry) -> None:
        if _is_acronym(name):
            self.exact.setdefault(name_key(name, fold=False), []).append(entry)
        else:
            self.names.setdefault(name_key(name), []).append(entry)
            self.canonical.setdefault(name_key(name), name)
        plain = unaccented(name)
        if plain != name:  # "Erdoğan" is also written "Erdogan"
            self.add_name(plain, entry)

    def add_file(self, data, path: str) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            raise EvidenceError("expected a mapping with sections actors, people, events, idioms, synonyms",
                                path=path)
        unknown = set(data) - set(_SECTIONS)
        if unknown:
            raise EvidenceError(f"unknown section(s) {sorted(unknown)}; expected {', '.join(_SECTIONS)}",
                                path=path)
        self.add_world(data, path)
        for i, item in enumerate(data.get("actors") or []):
            where = f"actors[{i}]"
            if not isinstance(item, dict) or "name" not in item:
                raise EvidenceError("expected a mapping with a name", path=path, field=where)
            codes = item.get("codes") or ([item["code"]] if item.get("code") else [])
            kind = str(item.get("kind", "state"))
            if not codes and kind != "block":
                raise EvidenceError("expected code or codes (or kind: block)", path=path, field=where)
            entry = GazetteerEntry(str(item["name"]), tuple(str(c) for c in codes), kind,
                                   _date(item.get("start"), f"{where}.start", path),
                                   _date(item.get("end"), f"{where}.end", path), str(item.get("role") or ""))
            for name in [item["name"], *(item.get("aliases") or [])]:
                self.add_name(str(name), entry)
        for i, item in enumerate(data.get("people") or []):
            where = f"people[{i}]"
            if not isinstance(item, dict) or "name" not in item or not item.get("terms"):
                raise EvidenceError("expected a mapping with name and terms", path=path, field=where)
            for j, term in enumerate(item["terms"]):
                if not isinstance(term, dict) or "code" not in term:
                    raise EvidenceError("expected a mapping with code, start, end", path=path,
                                        field=f"{where}.terms[{j}]")
                entry = GazetteerEntry(str(item["name"]), (str(term["code"]),), "person",
                                       _date(term.get("start"), f"{where}.terms[{j}].start", path),
                                       _date(term.get("end"), f"{where}.terms[{j}].end", path),
                                       str(term.get("role") or ""), home=str(item.get("home") or ""))
                names = [str(n) for n in [item["name"], *(item.get("aliases") or [])]]
                for name in dict.fromkeys(names + [v for n in names for v in spellings(n)]):
                    self.add_name(name, entry)
        for i, item in enumerate(data.get("events") or []):
            where = f"events[{i}]"
            if not isinstance(item, dict) or "name" not in item or "start" not in item:
                raise EvidenceError("expected a mapping with name and start", path=path, field=where)
            ev = NamedEvent(str(item["name"]), _iso(item["start"], f"{where}.start", path),
                            _iso(item.get("end"), f"{where}.end", path))
            for name in [item["name"], *(item.get("aliases") or [])]:
                self.events[name_key(str(name))] = ev
                self.canonical.setdefault(name_key(str(name)), str(name))
        for phrase in data.get("idioms") or []:
            self.idioms.append(str(phrase))
        for word, subs in (data.get("synonyms") or {}).items():
            if not isinstance(subs, list):
                raise EvidenceError("expected a list of substitutes", path=path, field=f"synonyms.{word}")
            self.synonyms.setdefault(str(word).lower(), []).extend(str(s).lower() for s in subs)
        for month, subs in (data.get("months") or {}).items():
            self.months.setdefault(str(month), []).extend(str(s) for s in subs)

    def add_world(self, data: dict, path: str) -> None:
        """The world tables: demonyms, capitals, short forms, contextual names,
        organisations, media, generic bodies, role words and dissolved states."""
        for section, kind in (("short_forms", "state"), ("demonyms", "demonym"), ("capitals", "capital"),
                              ("cities", "city")):
            table = data.get(section) or {}
            if not isinstance(table, dict):
                raise EvidenceError("expected a mapping of code -> list of names", path=path, field=section)
            for code, names in table.items():
                if not isinstance(names, list):
                    raise EvidenceError("expected a list of names", path=path, field=f"{section}.{code}")
                entry = GazetteerEntry(str(names[0]) if names else str(code), (str(code),), kind)
                for name in names:
                    self.add_name(str(name), entry)
        for section in ("contextual", "organisations", "media"):
            for i, item in enumerate(data.get(section) or []):
                where = f"{section}[{i}]"
                if not isinstance(item, dict) or "name" not in item:
                    raise EvidenceError("expected a mapping with a name", path=path, field=where)
                codes = item.get("codes") or ([item["code"]] if item.get("code") else [])
                if not codes:
                    raise EvidenceError("expected code or codes", path=path, field=where)
                codes = tuple(str(c) for c in codes)
                if section == "contextual":
                    entry = GazetteerEntry(str(item["name"]), codes, "contextual",
                                           context=tuple(str(c) for c in item.get("context") or codes))
                elif section == "media":
                    state = codes != ("MED",)
                    for name in [item["name"], *(item.get("aliases") or [])]:
                        self.add_name(str(name), GazetteerEntry(str(name), codes, "media", role="MED",
                                                                generic="" if state else "MED"))
                    continue
                else:
                    entry = GazetteerEntry(str(item["name"]), codes, "organisation",
                                           _date(item.get("start"), f"{where}.start", path),
                                           _date(item.get("end"), f"{where}.end", path), str(item.get("role") or ""),
                                           generic=str(item.get("type") or "IGO"))
                names = [str(n) for n in [item["name"], *(item.get("aliases") or [])]]
                if section == "organisations":  # "Nato", "Opec", "Ecowas": house styles that write acronyms as words
                    names += [n.capitalize() for n in names if _is_acronym(n) and n.isalpha() and len(n) >= 4]
                for name in names:
                    self.add_name(name, entry)
        for name in data.get("generic_bodies") or []:
            self.bodies.add(name_key(str(name)))
        for role, words in (data.get("roles") or {}).items():
            for w in words or []:
                self.roles.setdefault(name_key(str(w)), str(role))
        for code, item in (data.get("dissolved") or {}).items():
            if not isinstance(item, dict) or "end" not in item or "successor" not in item:
                raise EvidenceError("expected a mapping with end and successor", path=path,
                                    field=f"dissolved.{code}")
            self.dissolved[str(code)] = (_date(item["end"], f"dissolved.{code}.end", path), str(item["successor"]))

    def add_iso(self) -> None:
        """State names from ISO 3166 (pycountry), under names not already taken."""
        import pycountry
        for c in pycountry.countries:
            names = [getattr(c, "common_name", None), getattr(c, "official_name", None), c.name]
            for name in names:
                if not name:
                    continue
                if ", " in name:  # "Korea, Republic of" -> "Republic of Korea"
                    head, _, tail = name.partition(", ")
                    name = f"{tail} {head}" if tail.endswith(" of") else head
                if "(" in name:
                    name = name.split("(")[0].strip()
                if name and name_key(name) not in self.names:
                    self.add_name(name, GazetteerEntry(name, (c.alpha_3,), "state"))


class Gazetteer:
    """Names, named events, idioms and spinner synonyms, compiled for matching.

    Build one with :func:`load_gazetteer`; it is immutable after construction and
    safe to share.
    """

    def __init__(self, builder: _Builder, sources: tuple[str, ...]):
        self.sources = sources
        self._names = builder.names
        self._exact = builder.exact
        self.events = builder.events
        self.idioms = tuple(dict.fromkeys(builder.idioms))
        self.synonyms = {k: tuple(dict.fromkeys(v)) for k, v in builder.synonyms.items()}
        self.months = {k: tuple(v) for k, v in builder.months.items()}
        self.canonical = builder.canonical
        self.bodies = frozenset(builder.bodies)
        self.contextual = frozenset(k for k, v in self._names.items() if any(e.kind == "contextual" for e in v))
        self.roles = dict(builder.roles)
        self.dissolved = dict(builder.dissolved)
        role_words = sorted(self.roles, key=len, reverse=True)
        # qualifiers are skipped lazily, so that a listed role phrase wins ("defence minister" is MIL,
        # "minister" GOV)
        self._role_re = re.compile(r"(?:[\s-]+|['’]s\s+)(?:(?:state|chief|top|senior|new|former|acting|deputy|first|"
                                   r"foreign|defen[cs]e|vice|special|regional|oil|gas|energy|shipping|mining|arms|"
                                   r"tech|steel|local|provincial|military)\s+)*?(" + trie_pattern(role_words)
                                   + r")(?!\w)", re.IGNORECASE) if role_words else None
        folded = sorted(set(self._names) | set(self.events))
        self._ci = CaselessPattern(r"(?<![\w.])" + trie_pattern(folded) + r"(?!\w)")
        self._cs = re.compile(r"(?<![\w.])" + trie_pattern(sorted(self._exact)) + r"(?![\w])")

    def names(self) -> list[str]:
        """Every case-insensitive name (actors and named events), as written in the data."""
        return sorted(self.canonical.values())

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping name matches in ``text`` as ``(start, end, key)``, longest first."""
        hits = [(m.start(), m.end(), name_key(m.group())) for m in self._ci.finditer(text)]
        hits += [(m.start(), m.end(), "=" + name_key(m.group(), fold=False)) for m in self._cs.finditer(text)]
        if not hits:
            return []
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out, last = [], -1
        for h in hits:
            if h[0] >= last:
                out.append(h)
                last = h[1]
        return out

    def role_after(self, text: str, pos: int) -> tuple[str, int]:
        """The sector role named right after ``pos`` ("Iraqi troops" -> MIL) and where it ends."""
        if self._role_re is None:
            return "", pos
        m = self._role_re.match(text, pos)
        if not m:
            return "", pos
        return self.roles.get(name_key(m.group(1)), ""), m.end()

    def successor(self, code: str, when: dt.date | None) -> str:
        """``code``, or the state that succeeded it if it had ceased to exist by ``when``."""
        seen = set()
        while code in self.dissolved and when is not None and when > self.dissolved[code][0] and code not in seen:
            seen.add(code)
            code = self.dissolved[code][1]
        return code

    def event(self, key: str) -> NamedEvent | None:
        return self.events.get(key)

    def resolve(self, key: str, when: dt.date | None = None) -> GazetteerEntry | None:
        """The entry a matched name stands for at date ``when``.

        Among entries valid at ``when`` the first wins; with none valid then, the
        latest one that had ended by ``when`` (a person between or after terms);
        with no date, the entry still in force (no end) wins, else the latest.
        """
        cands = self._exact.get(key[1:]) if key.startswith("=") else self._names.get(key)
        if not cands:
            return None
        if when is not None:
            for c in cands:
                if c.valid_at(when):
                    return c
            ended = [c for c in cands if c.end is not None and c.end < when]
            if ended:
                return max(ended, key=lambda c: c.end)
        open_ = [c for c in cands if c.end is None]
        if open_:
            return open_[-1]
        return max(cands, key=lambda c: c.end)


def _read(path: Path):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise EvidenceError(f"cannot read gazetteer: {exc.strerror}", path=str(path)) from exc
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise EvidenceError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=str(path),
                            line=None if line is None else line + 1) from exc
    except UnicodeDecodeError as exc:
        raise EvidenceError("not UTF-8 text", path=str(path)) from exc


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with Equipoise."""
    return load_gazetteer()


_CACHE_FORMAT = "1"


def _pycountry_stamp() -> bytes:
    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.origin:
        return b"no pycountry"
    here = Path(spec.origin).parent
    stamps = []
    for f in (here / "__init__.py", here / "databases" / "iso3166-1.json"):
        try:
            st = f.stat()
            stamps.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append(f"{f.name}:absent")
    return " ".join(stamps).encode()


def _default_builder() -> _Builder:
    """The shipped data plus ISO 3166 names, from the cache when it is current (see the module docstring)."""
    data = [resources.files("equipoise.evidence").joinpath("data/" + name).read_bytes() for name in _FILES]
    key = hashlib.sha256()
    for part in (_CACHE_FORMAT.encode(), sys.version.encode(), Path(__file__).read_bytes(), *data,
                 _pycountry_stamp()):
        key.update(hashlib.sha256(part).digest())
    try:
        folder = default_cache_dir()
    except RuntimeError:  # no home folder: no cache
        folder = None
    path = folder / f"gazetteer-{key.hexdigest()[:24]}.pickle" if folder is not None else None
    if path is not None:
        try:
            st = path.stat()  # only a regular file of this user's that nobody else can write
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
                raise OSError("not ours")
            with path.open("rb") as fh:
                cached = pickle.load(fh)
            if isinstance(cached, _Builder):
                return cached
        except Exception:  # absent, truncated, or written by other code: rebuilt below
            pass
    b = _Builder()
    for name, raw in zip(_FILES, data):
        b.add_file(yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), name)
    b.add_iso()
    if path is not None:
        _cache_write(path, pickle.dumps(b, protocol=pickle.HIGHEST_PROTOCOL))
    return b


def load_gazetteer(*extra: str | Path) -> Gazetteer:
    """Load the default gazetteer plus entries from ``extra`` YAML files.

    Parameters
    ----------
    *extra : path-like
        User gazetteers in the layout of ``data/gazetteer.yaml``; their entries are
        added to the defaults (a name listed in both gets both readings, the
        default first).

    Raises
    ------
    EvidenceError
        If a file cannot be read or an entry lacks a required field.
    """
    b = _default_builder()
    for p in extra:
        b.add_file(_read(Path(p)), str(p))
    return Gazetteer(b, (*_FILES, "pycountry ISO 3166", *map(str, extra)))
