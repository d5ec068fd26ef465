"""Who did what to whom: a rule-based event coder in the spirit of TABARI and PETRARCH.

A sentence is cut into clauses (at semicolons, dashes, subordinating commas and
after reporting verbs). Verbs come from a YAML lexicon of our own
(``data/verbs.yaml``, user-extensible) that gives each a CAMEO code and a PLOVER
2.0 category. For each verb:

* a word that can be a noun ("shells", "visit", "talks") is a verb only after its
  subject, a pronoun, a modal or "to"; after a determiner or a noun it is a noun.
  Event nouns count only after a light verb ("made a visit to") or in "a visit
  by X to Y" / "X's visit to Y";
* the source is the clause's subject: the first actor before the verb that is not
  inside a prepositional phrase ("from Beijing", "in Pyongyang" are origins and
  venues, not actors) nor a modifier inside a compound ("North Korean-made"); a
  compound subject ("Kim and Putin") gives one event per member; a pronoun
  subject ("He", "They") is the previous sentence's subject when that was one
  actor;
* the target is the first other actor after the verb, venues and origins left out
  except the destination of a travel verb ("arrived in Pyongyang"); a symmetric
  verb (meet, sign) with a compound subject and no object codes both directions;
* the passive ("was met by Kim") swaps them: the agent after "by" is the source;
* negation anywhere before the verb in its clause ("did not", "never", "No
  Russian leader") and hypotheticals ("could", "may have", "reportedly") are not
  coded; "will", "plans to", "agreed to", "pledged to", "is expected to" make the
  event CAMEO 03 (intent) with the PLOVER category of the intended act (a
  threatened attack is CAMEO 13);
* an accusation or denial codes only itself: the alleged or denied act in the
  rest of the sentence is not coded ("accused X of supplying arms", "denied
  striking the city"); a denial with no actor after it answers the previous
  sentence's subject; "reportedly" cancels an act but not a statement;
* an acknowledgement of one's own act ("X confirmed that it had sent troops
  alongside Y") codes the acknowledgement (CAMEO 015) towards the partner of the
  act, not the act; another actor's acknowledged act stays coded;
* an intelligence service's report ("according to X's spy agency, Y sent ...",
  "..., X's intelligence service said") is X's accusation of Y (CAMEO 112), not
  Y's act; a statement that Y's act is provocative, illegal or hostile is a
  criticism of Y (CAMEO 111);
* clauses: an opening subordinate clause ends at its comma, a closing reporting
  frame (", the ministry said") is its own clause and its speaker is the source
  of "we" inside the quotation, a participle after a comma or "by" ("...,
  praising Y") takes the main subject, a relative clause's antecedent is the
  subject after it and the object of "which X struck"; "the isolated country"
  opening a clause refers back like a pronoun;
* a meeting in the subject's own country has the guest as source; "X told Y at
  a meeting" is a meeting of X with Y; "positions held by Y" make Y the target.

Goldstein weight and quad class come from the one pinned table,
:mod:`equipoise.evidence.cameo`. Actor codes are the case format's (ISO alpha-3
for states); sector roles (GOV, MIL, MED, ...) are reported beside them.

References
----------
.. [1] Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event Observations
   Event and Actor Codebook, version 1.1b3. Pennsylvania State University.
.. [2] Schrodt, P. A. (2001). Automated Coding of International Event Data Using
   Sparse Parsing Techniques. Paper at the International Studies Association,
   Chicago (the TABARI coder).
.. [3] Norris, C., Schrodt, P. A. and Beieler, J. (2017). PETRARCH2: Another
   Event Coding Program. Journal of Open Source Software 2(9), 133.
.. [4] Halterman, A. et al. (2023). PLOVER and POLECAT: A New Political Event
   Ontology and Dataset. Paper at the International Studies Association.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import EvidenceError
from .cameo import lookup, plover_for
from .gazetteer import CaselessPattern, trie_pattern
from .plover import mode_and_context

__all__ = ["EventMention", "VerbEntry", "Lexicon", "load_lexicon", "default_lexicon", "code_events", "VERBS"]


@dataclass(frozen=True)
class EventMention:
    """A coded event: ``source`` did ``code`` (CAMEO) / ``plover`` to ``target``.

    ``target`` is empty for an undirected act (a parade, a missile test).
    ``date_basis`` says where the date came from: ``clause`` (the sentence's own
    date nearest the verb), ``narrative`` (the paragraph's running date) or
    ``inherited`` (the document's date). ``mode`` and ``context`` are PLOVER 2.0
    names (``;``-joined when several, empty when unclear), see
    :mod:`equipoise.evidence.plover`.
    """

    source: str
    target: str
    code: str
    goldstein: float
    quad: int
    date: str | None
    span: tuple[int, int]
    plover: str = ""
    mode: str = ""
    context: str = ""
    source_role: str = ""
    target_role: str = ""
    date_basis: str = ""
    verb: str = ""

    def to_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "code": self.code, "goldstein": self.goldstein,
                "quad": self.quad, "date": self.date, "plover": self.plover, "mode": self.mode,
                "context": self.context, "source_role": self.source_role, "target_role": self.target_role,
                "date_basis": self.date_basis, "verb": self.verb}


@dataclass(frozen=True)
class VerbEntry:
    """One lexicon phrase and what it codes."""

    phrase: str
    code: str
    plover: str
    mode: str = ""
    symmetric: bool = False
    travel: bool = False
    undirected: bool = False
    report: bool = False
    noun: bool = False


# ---------------------------------------------------------------------------------------------------
# Lexicon

# up to four words inside a phrase ("held * talks"), none of them a preposition that starts an adjunct
_GAP = (r"(?:\s+(?!(?:during|on|after|before|for|in|at|with|to|by|from|that|but|while|which|who)\b)"
        r"[\w'’.,“”\"-]+){0,6}?")
_DOUBLE = re.compile(r"^[^aeiou]*[aeiou][bdgmnprt]$")


@lru_cache(maxsize=4096)
def _forms(spec: str) -> dict[str, str]:
    """Inflected forms of a verb spec ("visit" or "meet/met/met") -> form kind."""
    parts = spec.lower().split("/")
    base = parts[0]
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = base + "es"
    elif re.search(r"[^aeiou]y$", base):
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    stem = base + base[-1] if _DOUBLE.match(base) else base
    if base.endswith("ee"):
        ing = base + "ing"
    elif base.endswith("ie"):
        ing = base[:-2] + "ying"
    elif base.endswith("e"):
        ing = base[:-1] + "ing"
    else:
        ing = stem + "ing"
    if len(parts) >= 2:
        past, pp = parts[1], parts[2] if len(parts) > 2 else parts[1]
    elif base.endswith("e"):
        past = pp = base + "d"
    elif re.search(r"[^aeiou]y$", base):
        past = pp = base[:-1] + "ied"
    else:
        past = pp = stem + "ed"
    out = {base: "base" if past != base else "base-past", third: "s", ing: "ing"}  # "hit", "cut", "put"
    out.setdefault(past, "past")
    out.setdefault(pp, "past")
    return out


@dataclass
class Lexicon:
    """The verb lexicon, compiled: one pattern, a named group per phrase."""

    entries: list[VerbEntry]
    forms: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    nouns: list[VerbEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        order = []
        for i, e in enumerate(self.entries):
            words = e.phrase.split()
            lit = sum(1 for w in words if w != "*")
            order.append((-lit, "*" in words, -len(e.phrase), i))
        # first-word form -> phrases that start with it, in priority order (most literal words first,
        # then phrases without a gap, then longer ones); each phrase is compiled when first needed
        self._index: dict[str, list[int]] = {}
        self._heads: CaselessPattern | None = None
        self._compiled: dict[int, re.Pattern] = {}
        # the literal words after the head: a phrase is tried only if the text contains them all
        self._needs = [tuple(w.lower() for w in e.phrase.split()[1:] if w != "*") for e in self.entries]
        seen = set()
        for _, _, _, i in sorted(order):
            e = self.entries[i]
            key = e.phrase.lower()
            if key in seen:
                continue
            seen.add(key)
            for f, kind in _forms(e.phrase.split()[0]).items():
                self.forms.setdefault(f, kind)
                self._index.setdefault(f.split("-")[0], []).append(i)

    def _pattern(self, i: int) -> re.Pattern:
        p = self._compiled.get(i)
        if p is None:
            words = self.entries[i].phrase.split()
            heads = _forms(words[0])
            body = "(?:" + "|".join(re.escape(f).replace(r"\-", r"[\s-]?") for f in
                                    sorted(heads, key=len, reverse=True)) + ")"
            tail = "".join(_GAP if w == "*" else r"\s+[\"“”‘’]?" + re.escape(w) + r"[\"“”‘’]?" for w in words[1:])
            p = self._compiled[i] = re.compile(body + tail + r"(?![\w-])", re.IGNORECASE)
        return p

    def find(self, text: str) -> list[tuple[int, int, int, VerbEntry, str]]:
        """Verb phrases in ``text``: (start, head end, end, entry, form kind of the head).

        One pass over the words: a word that is a form of some phrase's first word
        tries those phrases (anchored there); matches do not overlap.
        """
        out = []
        pos = 0
        low = None
        if self._heads is None:
            # a trie of ~2,000 head forms
            self._heads = CaselessPattern(r"(?<![\w-])(?:" + trie_pattern(sorted(self._index)) + r")(?![\w'’])")
        for h in self._heads.finditer(text):
            if h.start() < pos:
                continue
            w = _WORD_RE.match(text, h.start())
            if w is None:
                continue
            word = w.group().lower()
            cands = self._index.get(word) or ("-" in word and self._index.get(word.split("-")[0]))
            if not cands:
                continue
            for i in cands:
                need = self._needs[i]
                if need:
                    if low is None:
                        low = text.lower()
                    if not all(map(low.__contains__, need)):
                        continue
                m = self._pattern(i).match(text, w.start())
                if m:
                    e = self.entries[i]
                    head = _HEAD.match(m.group())
                    h = head.group().lower()
                    kind = self.forms.get(h) or self.forms.get(h.replace(" ", "-")) or "past"
                    out.append((m.start(), m.start() + len(head.group()), m.end(), e, kind))
                    pos = m.end()
                    break
        return out


_HEAD = re.compile(r"[\w'’-]+")
_WORD_RE = re.compile(r"(?<![\w-])[A-Za-z][a-z'’]*(?:-[a-z]+)?", re.IGNORECASE)


def _entries(data, path: str) -> tuple[list[VerbEntry], list[VerbEntry]]:
    if not isinstance(data, dict):
        raise EvidenceError("expected a mapping with sections verbs and nouns", path=path)
    unknown = set(data) - {"verbs", "nouns"}
    if unknown:
        raise EvidenceError(f"unknown section(s) {sorted(unknown)}; expected verbs, nouns", path=path)
    verbs, nouns = [], []
    for i, item in enumerate(data.get("verbs") or []):
        where = f"verbs[{i}]"
        if not isinstance(item, dict) or "cameo" not in item or not isinstance(item.get("verbs"), list):
            raise EvidenceError("expected a mapping with cameo and a list of verbs", path=path, field=where)
        code = str(item["cameo"]).strip()
        if lookup(code) is None:
            raise EvidenceError(f"unknown CAMEO code {code!r}", path=path, field=f"{where}.cameo")
        plover = str(item.get("plover") or plover_for(code)).upper()
        for v in item["verbs"]:
            if not isinstance(v, str) or not v.strip() or v.strip().startswith("*"):
                raise EvidenceError(f"expected a verb phrase, got {v!r}", path=path, field=f"{where}.verbs")
            verbs.append(VerbEntry(v.strip(), code, plover, str(item.get("mode") or ""),
                                   bool(item.get("symmetric")), bool(item.get("travel")),
                                   bool(item.get("undirected")), bool(item.get("report"))))
    for i, item in enumerate(data.get("nouns") or []):
        where = f"nouns[{i}]"
        if not isinstance(item, dict) or "noun" not in item or "cameo" not in item:
            raise EvidenceError("expected a mapping with noun and cameo", path=path, field=where)
        code = str(item["cameo"]).strip()
        if lookup(code) is None:
            raise EvidenceError(f"unknown CAMEO code {code!r}", path=path, field=f"{where}.cameo")
        nouns.append(VerbEntry(str(item["noun"]).strip(), code, str(item.get("plover") or plover_for(code)).upper(),
                               str(item.get("mode") or ""), bool(item.get("symmetric")), bool(item.get("travel")),
                               noun=True))
    return verbs, nouns


def load_lexicon(*extra: str | Path) -> Lexicon:
    """The shipped verb lexicon plus entries from ``extra`` YAML files (same layout).

    Raises
    ------
    EvidenceError
        If a file cannot be read or an entry is malformed (naming the entry).
    """
    import yaml
    text = resources.files("equipoise.evidence").joinpath("data/verbs.yaml").read_text("utf-8")
    verbs, nouns = _entries(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), "verbs.yaml")
    for p in extra:
        try:
            data = yaml.load(Path(p).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except OSError as exc:
            raise EvidenceError(f"cannot read verb lexicon: {exc.strerror}", path=str(p)) from exc
        except yaml.YAMLError as exc:
            raise EvidenceError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=str(p)) from exc
        v, n = _entries(data, str(p))
        verbs += v
        nouns += n
    return Lexicon(verbs, sources=("verbs.yaml", *map(str, extra)), nouns=nouns)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The verb lexicon shipped with Equipoise."""
    return load_lexicon()


def _verbs_table() -> tuple[tuple[str, str], ...]:
    return tuple((e.phrase, e.code) for e in default_lexicon().entries)


# ---------------------------------------------------------------------------------------------------
# Sentence analysis

_BE = {"is", "are", "was", "were", "be", "been", "being", "am", "get", "got", "gets"}
_HAVE = {"has", "have", "had", "having"}
_MODAL = {"will", "would", "can", "could", "may", "might", "must", "shall", "should", "to", "did", "does", "do",
          "'ll", "didn't", "don't", "doesn't", "won't", "cannot"}
_PRONOUN = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"}
_ADVERB = {"also", "not", "never", "then", "jointly", "still", "already", "reportedly", "now", "again", "officially",
           "formally", "just", "recently", "last", "first", "later", "previously", "once", "subsequently",
           "allegedly", "personally", "publicly", "openly", "repeatedly", "further", "directly", "finally",
           "together", "even", "only", "soon", "quickly", "both", "all", "n't"}
_DET = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your",
        "any", "each", "every", "no", "some", "several", "many", "such", "another", "of", "for", "with", "on", "in",
        "at", "by", "from", "about", "into", "after", "before", "during", "between", "against", "amid", "over",
        "under", "first", "second", "new", "rare", "latest", "recent"}
_PREP = {"from", "in", "at", "near", "inside", "outside", "to", "for", "with", "by", "against", "of", "on", "over",
         "about", "into", "across", "between", "among", "during", "under", "via", "through", "toward", "towards",
         "amid", "including", "like", "behind", "beyond", "within", "around", "than", "onto", "alongside",
         "upon", "despite"}
_VENUE = {"from", "in", "at", "near", "inside", "outside", "within", "across", "via", "through", "during", "around",
          "over", "than", "despite", "among", "between", "like", "including", "alongside"}
_TRAVEL_OK = {"in", "at", "to", "into"}
_TRAVEL_GAP = re.compile(r"\s*(?:(?:in|at|to|into|the|a|an|on|for|his|her|their|its|first|second|official|state|"
                         r"working|brief|two-day|three-day)\s+)*$", re.IGNORECASE)
_NEG = re.compile(r"(?:\b(?:not|never|no|neither|nor|without|cannot|failed\s+to|refused\s+to|declined\s+to|"
                  r"no\s+longer)\b|n't\b)", re.IGNORECASE)
_HYPO = re.compile(r"\b(?:could|might|may|should|must)(?:\s+(?:not|also|well|have|have\s+been|be))*\s*$|"
                   r"\bwould\s+have(?:\s+been)?\s*$", re.IGNORECASE)
_UNREAL = re.compile(r"\b(?:reportedly|allegedly|purportedly|apparently|possibly|probably|perhaps|rumou?red|"
                     r"suspected|if|unless|whether|lest)\b", re.IGNORECASE)
_INTENT = re.compile(
    r"(?:\b(?:will|would|shall)|'ll|\b(?:plans?|planned|planning|agree[sd]?|pledge[sd]?|vow(?:s|ed)?|"
    r"promis(?:e|es|ed)|intends?|intended|aims?|aimed|hopes?|hoped|wants?|wanted|seeks?|sought|offer(?:s|ed)?|"
    r"decided|prepared|preparing|ready|willing|open|going|set|expected|due|is|are|was|were|looks?|"
    r"threaten(?:s|ed)?|"
    r"commit(?:s|ted)?)\s+to)(?:\s+(?:\w+ly|also|soon|further|jointly|then))*\s+(?:be\s+)?$", re.IGNORECASE)
_BOUNDARY = re.compile(
    r";|:\s|\s[-–—]\s"
    r"|,\s+(?:but|while|whereas|although|though|which|who|whom|where|when|after|before|as|because|since|if|unless|"
    r"so|yet|adding|saying|according)\b"
    r"|\s(?:but|while|whereas|although|though|because)\s"
    # reporting verbs, factored by first letter so that the engine tries a few branches per word, not 24:
    # said says say stated stressed told tells thinks think thought noted added announced argued according to
    # emphasised estimated reported claimed believe(s/d) insisted wrote
    r"|\b(?:s(?:a(?:id|ys?)|t(?:ated|ressed))|t(?:old\s+\w+|ells\s+\w+|hinks?|hought)|noted|"
    r"a(?:dded|nnounced|rgued|ccording\s+to)|e(?:mphasi[sz]ed|stimated)|reported|claimed|believe[sd]?|"
    r"insisted|wrote)\b"
    r"(?:\s+(?:on|in|at|last)\s+\w+)?(?:\s+that\b)?"
    r"|\bthat\b", re.IGNORECASE)
_INTENT_AHEAD = re.compile(r"\b(?:will|would|ready|plans?|planned|pledged?|vowed?|agreed?|expected|set|intends?|aims?|"
                           r"promised?|committed|prepared|willing)\s+to\s+\w+|\bwill\s+\w+", re.IGNORECASE)
_WOULD = re.compile(r"\bwould(?:\s+(?:\w+ly|also|then|not))*\s+(?:be\s+)?$", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told\s+\w+|announced|stated|added|pledged|vowed|promised|warned|"
                       r"insisted|claimed|noted|declared|confirmed)\b(?:\s+(?:on|in|at|last)\s+\w+)?(?:\s+that)?"
                       r"\s*$", re.IGNORECASE)
_HARD = re.compile(r";|,?\s+but\s|,\s+while\s|\s[-–—]\s", re.IGNORECASE)
_WORD = re.compile(r"[\w'’.-]+")
_JOIN = re.compile(r"^\s*(?:,\s*)?(?:and|&|as\s+well\s+as|or)?\s*$|^\s*,\s*$", re.IGNORECASE)
_TITLE = re.compile(
    r"^(?:[\s,]|'s\b|’s\b|-|\b(?:the|president|prime|minister|premier|leader|supreme|foreign|defen[cs]e|deputy|vice|"
    r"first|former|ex|state|top|senior|secretary|general|ambassador|envoy|spokes(?:man|woman|person)|chairman|"
    r"chief|head|commander|chairwoman|counselor|counsellor|adviser|advisor|official|of|affairs|security|council|"
    r"national|special|representative|party|central|committee|military|army|marshal|king|queen|crown|prince|"
    r"emperor|chancellor|governor|mayor|sister|daughter|wife|husband|son|brother|mr|mrs|ms|dr|gen|lt|col|"
    r"premier|acting|interim|then)\b\.?)*$", re.IGNORECASE)
_MEMBERS_AFTER = re.compile(r"\s+member\s+(?:states|countries|nations)\b|\s+members\b", re.IGNORECASE)  # not the body
_MODIFIER_AFTER = re.compile(r"-(?!(?:\s|based\b))[a-z]", re.IGNORECASE)
_PRONOUN_START = re.compile(r"^\W*(?:and\s+|but\s+|then\s+)?(he|she|they|it|the\s+two|both|"
                            # a definite description of a state refers back like a pronoun ("The isolated country")
                            r"the\s+(?:[\w-]+\s+){0,3}?(?:country|nation|regime|kingdom))\b", re.IGNORECASE)
_WE_START = re.compile(r"\W*(?:we|i)\b", re.IGNORECASE)
_REL_START = re.compile(r"^\W*(?:who|which)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Group:
    start: int
    end: int
    codes: list[str]
    role: str
    person: bool = False
    modifier: bool = False
    prep: str = ""
    adjective: bool = False  # a demonym before a noun that is not a role ("Russian support")
    demonym: bool = False


def _words_before(text: str, start: int, end: int, n: int = 3) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[start:end])][-n:]


def _prev_word(text: str, lo: int, pos: int) -> str:
    """The last word before ``pos`` (skipping adverbs), or ''."""
    for w in reversed(_WORD.findall(text, max(lo, pos - 60), pos)):  # from the last word back
        w = w.lower().strip("'’")
        if not (w in _ADVERB or w.endswith("ly") and len(w) > 4):
            return w
    return ""


def _groups(text: str, actors: list[tuple]) -> list[_Group]:
    """Adjacent actor mentions joined into one actor ("Russian President Putin")."""
    out: list[_Group] = []
    for a in actors:
        start, end, code = a[0], a[1], a[2]
        role = a[3] if len(a) > 3 else ""
        kind = a[4] if len(a) > 4 else ""
        body = a[5] if len(a) > 5 else False
        if out and out[-1].end <= start and start - out[-1].end < 80 and _TITLE.match(text[out[-1].end:start]) and \
                not _AND_OR.search(text, out[-1].end, start) and \
                not (text[out[-1].end:start] in ("-", "–") and code not in out[-1].codes):  # "US-Israel": two
            g = out[-1]
            if kind == "person":
                g.codes, g.person = [code], True
                g.role = role or g.role
            elif body and not g.person:
                g.role = role or g.role  # "Russian Security Council": the state's body
            elif not g.person and g.codes != [code]:
                g.codes = [code]
                g.role = role or g.role
            elif not g.role:
                g.role = role
            g.adjective = g.adjective and kind == "demonym" and not role
            g.end = max(g.end, end)
            continue
        if out and out[-1].start == start:  # one name read as several actors ("both Koreas")
            if code not in out[-1].codes:
                out[-1].codes.append(code)
            continue
        if out and out[-1].end <= start and text[out[-1].end:start].strip() == "(" \
                and text[end:end + 1] == ")":  # "Korean People's Army (KPA)": the same actor
            out[-1].end = end + 1
            continue
        out.append(_Group(start, end, [code], role, kind == "person", adjective=kind == "demonym" and not role,
                          demonym=kind == "demonym"))
    for g in out:
        g.modifier = bool(_MODIFIER_AFTER.match(text, g.end) or _MEMBERS_AFTER.match(text, g.end))
        m = _PREP_BEFORE.search(text, max(0, g.start - 30), g.start) if g.start else None
        g.prep = m.group(1).lower() if m else ""
    return out


_DET_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|new|fresh|further|these|those|of)\s+$", re.IGNORECASE)
_AND_OR = re.compile(r"\b(?:and|or)\b|,")
_PREP_BEFORE = re.compile(r"(?<![\w'])(" + trie_pattern(_PREP) +
                          r")\s+(?:(?:the|a|an)\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+|"
                          r"central\s+)?$", re.IGNORECASE)  # "in southern Lebanon" is a venue too



# the per-verb and per-sentence patterns most often run (negation, modality, intent, clause breaks)
_NEG, _HYPO, _UNREAL, _INTENT, _BOUNDARY, _INTENT_AHEAD, _WOULD, _REPORTED, _PREP_BEFORE = (
    CaselessPattern(p.pattern)
    for p in (_NEG, _HYPO, _UNREAL, _INTENT, _BOUNDARY, _INTENT_AHEAD, _WOULD, _REPORTED, _PREP_BEFORE))

_PLURAL_HEADS = {"troops", "soldiers", "forces", "workers", "personnel", "units", "deminers", "sappers", "missiles",
                 "weapons", "labourers", "laborers", "servicemen", "fighters", "shells", "munitions", "drones",
                 "officers", "officials", "generals", "builders", "contingent"}
_FINITE_AFTER = re.compile(r"\b(?:has|have|had|was|were|is|are|will|would)\b", re.IGNORECASE)


def _reduced_relative(text: str, vs: int, ve: int, ce: int, w1: str, found, groups) -> bool:
    """A past participle modifying a noun ("troops deployed to Russia have been killed")."""
    if w1 in _PLURAL_HEADS:
        noun = text.lower().rfind(w1, 0, vs)
        if not any(0 <= noun - g.end <= 12 or g.start <= noun < g.end for g in groups):  # or a name's own noun
            return True  # "his troops deployed to ...": no actor names the noun, so it is not a subject
        rest = text[ve:ce]
        if _FINITE_AFTER.search(rest) or any(ve <= f[0] < ce for f in found):
            return True
        # the participle after a noun when the clause already has a verb before it
        return any(f[2] <= vs and f[4] in ("past", "s") for f in found if f[0] < vs)
    return False


_SPEECH_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
_ADVERB_GAP = re.compile(r"\s+(?:\w+ly\s+)?")
_THAT_AFTER = re.compile(r"\s+that\b", re.IGNORECASE)  # ", warning that ...": a report, not an act
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|or\b)", re.IGNORECASE)


def _speech_act(entry: VerbEntry) -> bool:
    """A verbal act (statement, appeal, demand, criticism, rejection, threat) or a report verb."""
    return entry.report or entry.code[:2] in _SPEECH_ROOTS


def _adjunct_participle(text: str, cs: int, vs: int, ve: int, w1: str) -> bool:
    """A participle clause that takes the main clause's subject: "X wrote to Y, praising Z",
    "X marked the day by hailing Z". Not a noun in a list ("the shelling, bombing and ...")."""
    if w1 == "by":
        return True
    lead = text[cs:vs].rstrip()
    if not lead.endswith(",") or not _WORD.search(lead[:-1]):
        return False
    last = _WORD.findall(lead[:-1])[-1].lower()
    return not last.endswith("ing") and not _LIST_AFTER.match(text, ve) and not _THAT_AFTER.match(text, ve)


_SELF_START = re.compile(r"\s*(?:(?:[\w'’-]+\s+){0,5}?that\s+)?"
                         r"(?:(?:it|they|he|she|its|their|his|her|the|a|an)\b|[a-z]+ing\b)",
                         re.IGNORECASE)
_THAT_SUBJECT = re.compile(r"\s*(?:[\w'’-]+\s+){0,4}?that\s+(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)
# "positions held by X", "areas controlled by X": the owner named after the object is the target
_HELD_BY = re.compile(r"\s(?:held|controlled|occupied|run|operated|owned|used|manned)\s+by\s+(?:the\s+)?$",
                      re.IGNORECASE)
_MADE_BY = re.compile(r"\s(?:\w+ed|made|drawn\s+up|put\s+forward|written|taken|given|set\s+out|laid\s+out)\s+by"
                      r"\s+(?:the\s+)?$", re.IGNORECASE)
_BY_AGENT = re.compile(r"\s+by\s+(?:the\s+)?", re.IGNORECASE)
_AFFECTED = frozenset({"on", "against", "to", "at", "into", "with", "for", "over"})
_PARTNER = frozenset({"alongside", "with", "for"})


def _own_act(text: str, groups: list[_Group], ve: int, end: int, src_set: set[str]) -> list[int] | None:
    """The actor groups of an acknowledged act of the speaker's own ("confirmed that it had sent",
    "confirmed deploying", "confirmed the deployment of its troops"), or None when the act is
    someone else's ("confirmed that Israeli jets struck ...")."""
    inside = [k for k, g in enumerate(groups) if ve <= g.start and g.end <= end]
    first = next((k for k in inside if not groups[k].prep), None)
    if first is not None and not set(groups[first].codes) <= src_set and \
            (not _SELF_START.match(text, ve, groups[first].start) or
             _THAT_SUBJECT.fullmatch(text, ve, groups[first].start)):
        return None  # the clause after the verb has another actor as its subject ("the fact that Y did")
    if first is None and not _SELF_START.match(text, ve):
        return None
    return inside


def _acknowledged_party(groups: list[_Group], inside: list[int], text: str, source: str) -> int | None:
    """Whom an acknowledgement concerns: the actor the act was done with or for
    ("alongside Russian units"), else its first other actor that is not a place
    (a member of a compound takes the preposition of the compound's first member)."""
    others = [k for k in inside if source not in groups[k].codes and not groups[k].modifier]
    prep = {k: groups[_compound_back(groups, k, text)[-1]].prep for k in others}
    partner = next((k for k in others if prep[k] in _PARTNER), None)
    if partner is not None:
        return partner
    return next((k for k in others if prep[k] not in _VENUE and prep[k] != "by"), None)


def _compound_back(groups: list[_Group], i: int, text: str) -> list[int]:
    """Index ``i`` and the groups joined to it from before ("Kim and Putin")."""
    members = [i]
    j = i - 1
    while j >= 0 and _JOIN.match(text[groups[j].end:groups[j + 1].start]):
        members.append(j)
        j -= 1
    return members


def _compound(groups: list[_Group], i: int, text: str, stop: int) -> list[int]:
    """Index ``i`` and the groups joined to it by "and"/"," (before ``stop``)."""
    members = [i]
    j = i + 1
    while j < len(groups) and groups[j].start < stop and _JOIN.match(text[groups[j - 1].end:groups[j].start]):
        members.append(j)
        j += 1
    return members


_FRAME_AFTER = re.compile(  # "..., the foreign ministry said on Monday.": the speaker is not in the reported clause
    r",[”\"’]?\s+(?=[^,;:]{1,80}?\s(?:said|says|reported|reports|told\s+\w+|added|stated|announced|noted|wrote|"
    r"confirmed)\b"
    r"(?:\s+(?:on|in|at|last)\s+\w+)?\s*(?:\([^)]{0,40}\)\s*)?[,.”\"]*\s*$)", re.IGNORECASE)


_LEAD_SUB = re.compile(  # "After Iran struck Israel, ...": an opening subordinate clause ends at its comma
    r"\W*(?:after|before|when|whenever|while|although|though|as|since|because|if|unless|once|whereas|until)\s"
    r"[^,;:]{3,200}?,", re.IGNORECASE)


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0]
    lead = _LEAD_SUB.match(text)
    if lead:
        cuts.append(lead.end())
    frame = _FRAME_AFTER.search(text)
    if frame:
        cuts.append(frame.start() + 1)
    for m in _BOUNDARY.finditer(text):
        rel = _REL_COMMA.match(m.group())
        cuts.append(m.start() + 1 if rel else m.end() if m.group().strip() not in ("(", ")") else m.start())
        if rel:
            comma = text.find(",", m.end())  # a relative clause between commas ends at the next comma
            if comma > 0:
                cuts.append(comma + 1)
    cuts.sort()
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            out.append((a, b))
    return out or [(0, len(text))]


def _intent_code(code: str) -> tuple[str, str] | None:
    """CAMEO code for the intent to do ``code`` (and whether it is a threat)."""
    root = int(code[:2])
    if root in (4,):
        return "036", plover_for(code)
    if root == 5:
        return "032", plover_for(code)
    if root == 6:
        return "031", plover_for(code)
    if root == 7:
        return "033", plover_for(code)
    if root == 8:
        return "035", plover_for(code)
    if root in (3,):
        return "030", plover_for(code)
    if root >= 14:
        return "138", "THREATEN"
    if root == 13:
        return "130", "THREATEN"
    return None


def code_events(text: str, actors: list[tuple], *, date: str | None = None, offset: int = 0,
                dates: list[tuple[int, int, str]] | None = None, previous_subject: tuple[str, ...] = (),
                lexicon: Lexicon | None = None) -> list[EventMention]:
    """Events in one sentence.

    Parameters
    ----------
    text : str
        The (normalised) sentence.
    actors : list of tuples
        Actor mentions ``(start, end, code[, role[, kind[, body]]])`` with spans
        into ``text``, in order; ``kind`` ``person`` makes the mention govern a
        title before it ("Soviet president Gorbachev"), ``body`` marks a generic
        body that takes the state before it ("Russian Security Council").
    date : str, optional
        The date (ISO) of events that have no date of their own in ``dates``.
    offset : int
        Added to event spans.
    dates : list of (start, end, iso), optional
        The sentence's own dates; an event takes the one nearest its verb in its
        clause, else the nearest before the verb in the sentence.
    previous_subject : tuple of str
        The previous sentence's subject codes, for a pronoun subject.
    lexicon : Lexicon, optional
        Verb lexicon (default: the shipped one).

    Examples
    --------
    >>> e = code_events("Russia criticized Japan.", [(0, 6, "RUS"), (18, 23, "JPN")])
    >>> (e[0].source, e[0].target, e[0].code, e[0].plover, e[0].goldstein, e[0].quad)
    ('RUS', 'JPN', '111', 'ACCUSE', -2.0, 3)
    """
    lex = lexicon or default_lexicon()
    if not actors and not previous_subject:
        return []
    found = lex.find(text)
    nouns = list(_noun_pattern(lex).finditer(text)) if lex.nouns else []
    verdict = _PEJORATIVE.search(text) is not None
    if not found and not nouns and not verdict:
        return []
    groups = _groups(text, actors)
    clauses = _clauses(text)
    hard: list[int] | None = None  # hard clause breaks, found when an accusation or denial needs them

    def clause_of(pos: int) -> tuple[int, int]:
        for a, b in clauses:
            if a <= pos < b:
                return a, b
        return clauses[-1]

    out: list[EventMention] = []
    seen: set[tuple] = set()
    subjects: dict[tuple[int, int], list[int]] = {}
    report_from: int | None = None
    closing = None  # the closing reporting frame (", the minister said."), found when needed
    for vs, he, ve, entry, form in found:
        if report_from is not None and vs > report_from:
            if hard is None:
                hard = [m.start() for m in _HARD.finditer(text)]
            if not any(report_from < h < vs for h in hard):
                continue  # the content of an accusation or denial
        cs, ce = clause_of(vs)
        if text[vs].isupper() and vs > 0 and not text[vs:he].isupper() and \
                text[max(0, vs - 8):vs].rstrip()[-1:] not in ("", ".", "!", "?", ":", ";", '"', "“", "‘", "(", "-", "–", "—"):
            continue  # a capitalised word inside a sentence is part of a name ("Armed Forces")
        w1 = _prev_word(text, cs, vs)
        if form == "base-past":  # "Moscow cut ties" is past; "will cut", "to cut" are the base form
            form = "base" if w1 in _MODAL else "past"
        passive = w1 in _BE and form == "past"
        # noun or verb?
        near = [g for g in groups if 0 <= vs - g.end <= 2]
        adjacent_actor = bool(near) and not near[-1].adjective and not near[-1].demonym
        if form == "base":
            plural = bool(near) and (len(_compound_back(groups, groups.index(near[-1]), text)) > 1
                                     or near[-1].role in ("MIL", "REB", "OPP", "CVL", "LAB"))
            if w1 == "to" and not _INTENT.search(text[max(cs, vs - 70):vs]):
                continue  # a purpose or complement infinitive ("established to monitor")
            coordinated = w1 in ("and", "or") and _INTENT_AHEAD.search(text, max(cs, vs - 120), vs)
            if not (w1 in _MODAL or w1 in ("they", "we", "i", "you", "who", "which", "that") or coordinated
                    or (adjacent_actor and plural) or (w1 == "" and cs > 0)):
                continue
        elif form == "s":
            if adjacent_actor and _DET_BEFORE.search(text, max(0, near[-1].start - 12), near[-1].start):
                continue  # "the UN sanctions": the actor modifies a noun
            if not (w1 in _PRONOUN or adjacent_actor or w1 in ("and", "or") or (w1 == "" and cs > 0)):
                continue
        elif form == "ing":
            if w1 not in _BE and not _adjunct_participle(text, cs, vs, ve, w1):
                continue
        elif w1 in _DET or w1[:1].isdigit():
            continue
        elif w1 not in _BE and w1 not in _HAVE and _reduced_relative(text, vs, ve, ce, w1, found, groups):
            continue
        before = text[max(cs, vs - 200):vs]  # the clause before the verb (its last 200 characters)
        tail = before[-70:]  # the patterns anchored at the verb need only the words just before it
        if _NEG.search(before):
            continue
        if _HYPO.search(tail) or any(u.lower() != "reportedly" or not _speech_act(entry)
                                     for u in _UNREAL.findall(before)):
            continue  # "reportedly struck" is not a fact; "reportedly denied" reports a statement
        if _WOULD.search(tail) and not _REPORTED.search(text[max(0, cs - 70):cs]):
            continue  # "would" outside reported speech is a conditional, not a plan
        intent = bool(_INTENT.search(tail)) or (form == "base" and w1 in ("and", "or")
                                                and bool(_INTENT_AHEAD.search(text, max(cs, vs - 120), vs)))
        if intent and form not in ("base",) and not passive:
            intent = form == "base"
        code, plover = entry.code, entry.plover
        if entry.code.startswith("03") and _TO_VERB.match(text, ve):
            # "pledged to send": the intended act carries the event
            nxt = [f for f in found if f[0] > ve and f[0] - ve < 30]
            if nxt:
                continue
        if entry.code.startswith("03") and entry.phrase.endswith(" to") and \
                any(f[0] > ve and f[4] == "base" and _ADVERB_GAP.fullmatch(text, ve, f[0])
                    and any(f[2] <= g.start and g.end <= ce for g in groups) for f in found):
            continue  # "agreed to hold talks with X": the intended act (with its own target) carries the event
        if intent:
            got = _intent_code(code)
            if got is None:
                continue
            code, plover = got[0], got[1] if got[1] == "THREATEN" else plover
        # source and target
        in_clause = [k for k, g in enumerate(groups) if cs <= g.start and g.end <= ce]
        pre = [k for k in in_clause if groups[k].end <= vs]
        post = [k for k in in_clause if groups[k].start >= ve]
        src_idx: list[int] = []
        src_codes: list[tuple[str, str]] = []
        if form == "past" and not passive and w1 not in _HAVE:
            by = _BY_AGENT.match(text, ve)
            agent = next((k for k in post if by and groups[k].start == by.end()), None)
            if agent is not None:
                # a reduced passive relative: "the sanctions imposed by the EU on Russia"
                src_idx = _compound(groups, agent, text, ce)
                if near and not near[-1].prep:
                    tgt_idx = _compound_back(groups, groups.index(near[-1]), text)
                else:
                    tgt_idx = [k for k in post if k > src_idx[-1] and groups[k].prep in _AFFECTED][:1]
                    tgt_idx = _compound(groups, tgt_idx[0], text, ce) if tgt_idx else []
                if tgt_idx:
                    _emit(out, seen, [(c, groups[k].role) for k in src_idx for c in groups[k].codes],
                          [(c, groups[k].role) for k in tgt_idx for c in groups[k].codes], entry, code, plover,
                          text, vs, ve, offset, date, dates, cs, ce, groups)
                continue
        if passive:
            agent = next((k for k in post if groups[k].prep == "by"), None)
            if agent is None:
                continue
            src_idx = _compound(groups, agent, text, ce)
            subj = [k for k in pre if not groups[k].prep and not groups[k].modifier]
            if subj:
                tgt_idx = _compound(groups, subj[0], text, vs)
            else:
                m = _PRONOUN_START.match(text[cs:vs])
                if m and len(set(previous_subject)) == 1 and not pre:
                    tgt_idx = []
                    src_codes = [(groups[k].codes[0], groups[k].role) for k in src_idx]
                    tgt_codes = [(previous_subject[0], "")]
                    _emit(out, seen, src_codes, tgt_codes, entry, code, plover, text, vs, ve, offset, date, dates,
                          cs, ce, groups)
                    continue
                if not subj:
                    continue
            src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
            tgt_codes = [(c, groups[k].role) for k in tgt_idx for c in groups[k].codes]
            _emit(out, seen, src_codes, tgt_codes, entry, code, plover, text, vs, ve, offset, date, dates, cs, ce,
                  groups)
            continue
        subj = [k for k in pre if not groups[k].prep and not groups[k].modifier]
        lead = text[cs:vs]
        pm = _PRONOUN_START.match(lead)
        if pm and (not pre or groups[pre[0]].start >= cs + pm.end()):
            subj, pre = [], []  # "it had driven Ukrainian forces out": the pronoun is the subject
        if subj:
            src_idx = _compound(groups, subj[0], text, vs)
            src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
        else:
            earlier = [k for k, g in enumerate(groups) if g.end <= cs and not g.prep and not g.modifier]
            if _PRONOUN_START.match(lead) and not pre and earlier and \
                    _PERSONAL_START.match(lead):
                src_idx = _compound(groups, earlier[0], text, cs)
                src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
            elif _PRONOUN_START.match(lead) and not pre:
                if len(set(previous_subject)) == 1:
                    src_codes = [(previous_subject[0], "")]
                elif _BOTH_START.match(lead) and len(set(previous_subject)) > 1:
                    src_codes = [(c, "") for c in dict.fromkeys(previous_subject)]
            elif _REL_START.match(lead) and not pre:
                prior = [k for k, g in enumerate(groups) if g.end <= cs]
                if prior:
                    src_idx = [prior[-1]]
                    src_codes = [(c, groups[prior[-1]].role) for c in groups[prior[-1]].codes]
            elif not pre:
                # no subject in this clause: the subject of the clause before, in the same sentence
                prev = [key for key in subjects if key[1] <= cs]
                if prev and _REL_START.match(text[prev[-1][0]:prev[-1][1]]):
                    # after a relative clause the subject is its antecedent, not the relative clause's own
                    # subject ("Hezbollah, which Israel struck, threatened ...")
                    ante = [k for k, g in enumerate(groups) if g.end <= prev[-1][0] and not g.prep
                            and not g.modifier]
                    src_idx = _compound_back(groups, ante[-1], text)[::-1] if ante else []
                    src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
                elif prev:
                    src_idx = subjects[prev[-1]]
                    src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
            if not src_codes:
                of = [k for k in pre if groups[k].prep == "of" and not groups[k].modifier]
                if of:
                    src_idx = _compound(groups, of[0], text, vs)
                    src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
            if not src_codes and _WE_START.match(lead):
                # '"We urge X to ...," the minister of Y said': the speaker of the closing frame
                if closing is None:
                    closing = _FRAME_AFTER.search(text) or False  # once per sentence
                spk = [k for k, g in enumerate(groups) if closing and closing.start() > ve
                       and g.start > closing.start() and not g.prep and not g.modifier]
                if spk:
                    src_codes = [(c, groups[spk[0]].role) for c in groups[spk[0]].codes]
                    src_idx = []
        if not src_codes:
            continue
        if src_idx:
            subjects[(cs, ce)] = src_idx
        src_set = {c for c, _ in src_codes}
        src_roles = {r for _, r in src_codes}
        tgt_codes: list[tuple[str, str]] = []
        if code == "015" and not passive:
            # "X confirmed (that) it had sent troops alongside Y": the acknowledgement is the event
            if hard is None:
                hard = [m.start() for m in _HARD.finditer(text)]
            end = next((h for h in hard if h > ve), len(text))
            own = _own_act(text, groups, ve, end, src_set)
            if own is not None:
                report_from = ve
                for s_code, s_role in src_codes:
                    t = _acknowledged_party(groups, own, text, s_code)
                    if t is not None:
                        _emit(out, seen, [(s_code, s_role)], [(c, groups[t].role) for c in groups[t].codes
                                                             if c != s_code],
                              entry, code, plover, text, vs, ve, offset, date, dates, cs, ce, groups)
                continue
        limit = ce
        if entry.report:  # "accused X of ...": the target comes before "of"/"for"
            m = re.search(r"\s(?:of|for|over)\s", text[he:ce])
            if m:
                limit = he + m.start()
        skip_to = -1
        members: list[int] = []
        for k in (k for k in in_clause if groups[k].start >= he and groups[k].end <= limit):
            g = groups[k]
            if k <= skip_to:
                continue
            # the compound from k is the rest of the one from k - 1 when k is in it (no quadratic re-walk)
            members = members[1:] if members[1:2] == [k] else _compound(groups, k, text, ce)
            own_prep = g.prep and g.prep in entry.phrase.lower().split()[1:]  # "fire * at X", "sanctions on X"
            held = g.prep == "by" and not entry.travel and (
                _HELD_BY.search(text, max(ve, g.start - 40), g.start)  # "positions held by X"
                or _speech_act(entry) and _MADE_BY.search(text, max(ve, g.start - 40), g.start))  # "the plan put
            # forward by X" is X's: a criticism or rejection of it targets X
            if g.modifier or (g.prep == "by" and not held) or (g.prep in _VENUE and not own_prep
                                                and not (entry.travel and g.prep in _TRAVEL_OK)) \
                    or (entry.travel and g.prep not in ("", "in", "at", "to", "into")) \
                    or (entry.travel and not _TRAVEL_GAP.match(text[ve:g.start])):
                skip_to = members[-1]
                continue
            cand = [(c, groups[j].role) for j in members for c in groups[j].codes]
            cand = [(c, r) for c, r in cand
                    if c not in src_set or (r and "" not in src_roles and r not in src_roles)]
            if cand:
                tgt_codes = cand
                break
        if entry.report:
            report_from = ve
        if not tgt_codes and src_idx and _REL_START.match(text[cs:vs]) and groups[src_idx[0]].start > cs:
            # "Iran, which Israel struck last week, ...": the object of the relative clause is its antecedent
            ante = [k for k, g in enumerate(groups) if g.end <= cs and not g.prep and not g.modifier]
            if ante:
                tgt_codes = [(c, groups[k].role) for k in _compound_back(groups, ante[-1], text)[::-1]
                             for c in groups[k].codes if c not in src_set]
        if not tgt_codes and entry.report and code.startswith("12") and len(set(previous_subject)) == 1 \
                and previous_subject[0] not in src_set:
            tgt_codes = [(previous_subject[0], "")]  # "X denied that ...", "X denied the claim": the claimant
        if not tgt_codes:
            if entry.symmetric and len(src_set) > 1:
                _emit_pairs(out, seen, src_codes, entry, code, plover, text, vs, ve, offset, date, dates, cs, ce,
                            groups)
                continue
            if entry.undirected or entry.code.startswith("12"):
                tgt_codes = [("", "")]
            else:
                continue
        if entry.symmetric and len(src_set) == 1 and tgt_codes[0][0] and \
                any(groups[k].prep in ("in", "at") and set(groups[k].codes) == src_set and groups[k].start >= ve
                    for k in in_clause):
            src_codes, tgt_codes = tgt_codes, src_codes  # "X met Y in X's capital": Y is the visitor
        _emit(out, seen, src_codes, tgt_codes, entry, code, plover, text, vs, ve, offset, date, dates, cs, ce, groups)
    if nouns:
        _noun_events(out, seen, text, groups, lex, found, clauses, subjects, report_from, offset, date, dates,
                     nouns)
    if out and (any(g.role == "SPY" for g in groups) or _INTEL_WORD.search(text)):
        out = _agency_allegation(out, text, groups, offset, date, dates)
    if verdict:
        _verdicts(out, seen, text, groups, previous_subject, offset, date, dates)
    return out


_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_SAYS_AFTER = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,4}?(?:\s*\([^)]{0,40}\))?\s*(?:has\s+|have\s+|had\s+)?"
                         r"(?:said|says|say|told|tells|estimated|"
                         r"estimates|believes|believed|assessed|assesses|reported|reports|stated|claimed|claims)\b",
                         re.IGNORECASE)
_INTEL_WORD = re.compile(r"\b(?:intelligence|spy)\b", re.IGNORECASE)
_INTEL = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,2}?\s+(?:intelligence|spy)\b", re.IGNORECASE)
_ALLEGE = VerbEntry("allege", "112", "ACCUSE")


def _agency_allegation(out: list[EventMention], text: str, groups: list[_Group], offset: int, date, dates
                       ) -> list[EventMention]:
    """An intelligence service's report ("according to X's spy agency, Y sent troops", "Y sent
    troops, the intelligence service said") is the service's allegation against Y (CAMEO 112), not
    Y's act: the events it reports are dropped and their sources become the targets."""
    speaker = None
    for k, g in enumerate(groups):
        spy = g.role == "SPY"
        if not spy and not _INTEL.match(text, g.end):
            continue  # "Ukraine's military intelligence" may be read as a military actor
        m = _ACCORDING.search(text, max(0, g.start - 30), g.start)
        if m:
            speaker, vs, ve, fe = k, m.start(), m.start() + len("according to"), g.end
            break
        m = _SAYS_AFTER.match(text, g.end)
        if m and (spy or _INTEL.match(m.group())):
            speaker, vs, ve, fe = k, g.end + len(m.group()) - len(m.group().split()[-1]), m.end(), m.end()
            break
    if speaker is None:
        return out
    own = set(groups[speaker].codes)
    kept = [e for e in out if e.source in own]
    targets = list(dict.fromkeys((e.source, e.source_role) for e in out if e.source not in own))
    if not targets:
        return kept
    fs = min(vs, groups[speaker].start)
    in_frame = [d for d in (dates or ()) if fs <= d[0] <= fe + 30]  # "said on Sunday"; else the sentence's date
    seen = {(e.source, e.target, e.code) for e in kept}
    _emit(kept, seen, [(c, groups[speaker].role) for c in own], targets, _ALLEGE, "112", "ACCUSE", text, vs, ve,
          offset, date, in_frame, fs, fe + 30, groups)
    return kept


_PEJORATIVE = re.compile(r"\b(?:provocati|aggressi|hostile|reckless|illegal|unlawful|illegitimate|violation|"
                         r"criminal|irresponsible|destabili[sz]|blackmail|hypocri|groundless|baseless|"
                         r"war\s+rehearsal)", re.IGNORECASE)
_PEJORATIVE = CaselessPattern(_PEJORATIVE.pattern)
_VERDICT = re.compile(
    r"\b(?:said|says|stated|states|declared|insisted|argued|called|calls|described|describes|branded|brands|"
    r"labell?ed|termed)\s+(?:that\s+)?(?P<np>[^.;:!?]{2,120}?)\s+(?:(?:is|are|was|were|represents?|represented|"
    r"constitutes?|constituted|amounts?\s+to|amounted\s+to|as)\s+(?:a\s+|an\s+|the\s+)?|an?\s+)"
    r"[\"“‘']?(?:[\w-]+\s+){0,3}?"
    r"(?:provocati|aggressi|hostile|reckless|illegal|unlawful|illegitimate|violation|criminal|irresponsible|"
    r"destabili[sz]|blackmail|hypocri|war\s+rehearsal)", re.IGNORECASE)
_CRITICISE = VerbEntry("criticise", "111", "ACCUSE")


def _verdicts(out, seen, text: str, groups: list[_Group], previous_subject, offset, date, dates) -> None:
    """A statement that an actor's act is provocative, illegal or hostile ("X said Y's drills were a
    provocation", "X called Y's move reckless") is X's criticism of Y (CAMEO 111)."""
    for m in _VERDICT.finditer(text):
        vs, ns, ne = m.start(), m.start("np"), m.end("np")
        if _NEG.search(text, ns, m.end()):
            continue
        first = next((k for k, g in enumerate(groups) if ns <= g.start and g.end <= ne and g.prep in ("", "of")),
                     None)
        if first is None:
            continue
        named = _compound(groups, first, text, ne)  # "Y's drills", "drills of Y and Z"; not "Y's blockade of Z"
        while named[-1] + 1 < len(groups) and groups[named[-1] + 1].end <= ne and \
                text[groups[named[-1]].end:groups[named[-1] + 1].start] in ("-", "–"):
            named.append(named[-1] + 1)  # "US-South Korea drills"
        subj = [k for k, g in enumerate(groups) if g.end <= vs and not g.prep and not g.modifier]
        if subj:
            src = [(c, groups[k].role) for k in _compound(groups, subj[0], text, vs) for c in groups[k].codes]
        elif _PRONOUN_START.match(text[:vs]) and len(set(previous_subject)) == 1:
            src = [(previous_subject[0], "")]
        else:
            continue
        own = {c for c, _ in src}
        tgt = [(c, groups[k].role) for k in named for c in groups[k].codes if c not in own]
        if tgt:
            end = vs + len(m.group().split()[0])
            _emit(out, seen, src, list(dict.fromkeys(tgt)), _CRITICISE, "111", "ACCUSE", text, vs, end, offset, date,
                  dates, 0, len(text), groups)


def _noun_pattern(lex: Lexicon) -> CaselessPattern:
    pattern = getattr(lex, "_noun_re", None)
    if pattern is None:
        words = sorted({n.phrase.lower() for n in lex.nouns}, key=len, reverse=True)
        pattern = CaselessPattern(r"\b(" + "|".join(re.escape(w) + "s?" for w in words) + r")\b")
        lex._noun_re = pattern
        lex._noun_map = {n.phrase.lower(): n for n in lex.nouns}
    return pattern


_GAP_STOP = re.compile(r"[^\w\s'’-]")  # a character neither gap pattern allows
_POSS_GAP = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}")  # "Iran's missile attack"
_MOD_GAP = re.compile(r"\s+(?:[\w-]+\s+)?")  # "the UN sanctions", "EU oil sanctions"
_FUTURE_NOUN = re.compile(r"\b(?:planned|proposed|possible|expected|upcoming|forthcoming|future|prospective|"
                          r"potential|next|organi[sz]e|arrange|prepare|plan|seek|hold|promised?)\s+"
                          r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


_AT_MEETING = re.compile(r"\b(?:at|during|on\s+the\s+sidelines\s+of)\s+(?:(?:a|an|the|their)\s+)?(?:[\w-]+\s+)?$",
                         re.IGNORECASE)
_WITH_AFTER = re.compile(r"\s+(?:with|between|of|by|on)\b", re.IGNORECASE)
_ADDRESS = re.compile(r"\b(?:told|tells|assured|assures|thanked|thanks|urged|urges|asked|asks|informed|informs|"
                      r"briefed|briefs|congratulated|congratulates|greeted|greets)\s+(?=\S+[^.;]{0,120}$)",
                      re.IGNORECASE)


def _noun_events(out, seen, text, groups, lex: Lexicon, found, clauses, subjects, report_from, offset, date,
                 dates, nouns) -> None:
    """Event nouns: "a visit by X to Y", "X's visit to Y", "talks between X and Y",
    "during a visit to Y" (the clause's subject is the source)."""
    for m in nouns:
        word = m.group(1).lower()
        entry = lex._noun_map.get(word) or lex._noun_map.get(word[:-1])
        if entry is None or any(f[0] < m.start() < f[2] for f in found):
            continue  # part of a verb phrase ("made a visit to")
        if report_from is not None and m.start() > report_from:
            continue
        cs, ce = next(((a, b) for a, b in clauses if a <= m.start() < b), clauses[-1])
        before = text[cs:m.start()]
        if _INTENT.search(text[max(0, m.start() - 200):m.start()].split(",")[0]) or \
                _MODAL_WORD.search(text[max(0, m.start() - 120):m.start()]):
            continue  # a visit inside a plan or a conditional is not a fact
        if _NEG.search(before[-25:]) or _UNREAL.search(before) or _HYPO.search(before[-70:]):
            continue
        after = [k for k, g in enumerate(groups) if g.start >= m.end() and g.end <= ce]
        src_idx: list[int] = []
        tgt_idx: list[int] = []
        rest = text[m.end():]
        by = _BY_RE.match(rest)
        if by and after and groups[after[0]].start == m.end() + by.end():
            src_idx = _compound(groups, after[0], text, ce)
            later = [k for k in after if k > src_idx[-1] and groups[k].prep in ("to", "in", "with", "against", "on",
                                                                                  "at", "into")]
            tgt_idx = _compound(groups, later[0], text, ce) if later else []
        elif entry.symmetric and _AT_MEETING.search(text, max(0, m.start() - 40), m.start()) and \
                not _WITH_AFTER.match(text, m.end()):
            # "X told Y at a meeting in Z": the speaker met the person addressed
            addressed = _ADDRESS.search(text, max(0, m.start() - 200), m.start())
            subj = [k for k, g in enumerate(groups) if addressed and g.end <= addressed.start() and not g.prep
                    and not g.modifier]
            obj = [k for k, g in enumerate(groups) if addressed and g.start == addressed.end()]
            if not subj or not obj:
                continue
            src_idx, tgt_idx = _compound(groups, subj[0], text, addressed.start()), _compound(groups, obj[0], text,
                                                                                              m.start())
        elif _BETWEEN_RE.match(rest) and after and entry.symmetric:
            members = _compound(groups, after[0], text, ce)
            if len(members) > 1:
                codes = [(c, groups[k].role) for k in members for c in groups[k].codes]
                code, plover = entry.code, entry.plover
                fut = _FUTURE_NOUN.search(before[-60:])
                if fut:
                    code, plover = _intent_code(code)
                _emit_pairs(out, seen, codes, entry, code, plover, text, m.start(), m.end(), offset, date, dates,
                            cs, ce, groups)
            continue
        else:
            poss = []  # the nearest actor before the noun that owns it ("X's visit", "the UN sanctions")
            for k in range(len(groups) - 1, -1, -1):
                g = groups[k]
                if g.end > m.start():
                    continue
                if _POSS_GAP.fullmatch(text, g.end, m.start()) or _MOD_GAP.fullmatch(text, g.end, m.start()):
                    poss = [k]
                    break
                if _GAP_STOP.search(text, g.end, m.start()):
                    break  # punctuation between: no earlier actor's gap can match either
            nxt = [k for k in after if groups[k].start - m.end() <= 14 and groups[k].prep in
                   (("to", "in", "at", "into") if entry.travel else ("to", "with", "against", "on", "in", "at"))]
            if poss and nxt:
                src_idx, tgt_idx = [poss[-1]], _compound(groups, nxt[0], text, ce)
            elif nxt and entry.travel and re.search(r"\b(?:during|on|after|before|for|in)\s+(?:a|an|the|his|her|"
                                                    r"their|its)\s+(?:[\w-]+\s+){0,2}$", before, re.IGNORECASE):
                subj = [k for k in (subjects.get((cs, ce)) or [])] or \
                    [k for k, g in enumerate(groups) if cs <= g.start and g.end <= m.start() and not g.prep]
                if not subj and re.match(r"\W*(?:during|on|after|before|in)\b", before, re.IGNORECASE):
                    # "During a visit to Pyongyang, Shoigu said ...": the subject follows the opening phrase
                    subj = [k for k, g in enumerate(groups) if g.start > m.end() and not g.prep and not g.modifier
                            and "," in text[m.end():g.start]][:1]
                if subj:
                    src_idx, tgt_idx = subj[:1], _compound(groups, nxt[0], text, ce)
        if not src_idx or not tgt_idx:
            continue
        code, plover = entry.code, entry.plover
        if _FUTURE_NOUN.search(before[-60:]) or re.search(r"\bpreparations?\b[\w\s]{0,30}$", before[-60:],
                                                          re.IGNORECASE):
            code, plover = _intent_code(code)
        src = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
        tgt = [(c, groups[k].role) for k in tgt_idx for c in groups[k].codes]
        _emit(out, seen, src, tgt, entry, code, plover, text, m.start(), m.end(), offset, date, dates, cs, ce, groups)


_REL_COMMA = re.compile(r",\s+(?:who|which)\b", re.IGNORECASE)
_TO_VERB = re.compile(r"\s+to\s+\w")
_PERSONAL_START = re.compile(r"^\W*(?:he|she|it|they)\b", re.IGNORECASE)
_BOTH_START = re.compile(r"^\W*(?:the\s+two|both)\b", re.IGNORECASE)
_MODAL_WORD = re.compile(r"\b(?:will|would|could|might|may)\b", re.IGNORECASE)
_BY_RE = re.compile(r"\s+by\s+")
_BETWEEN_RE = re.compile(r"\s+between\s+")
_EMBEDDED = re.compile(r"\b(?:that|which|who)\b", re.IGNORECASE)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _embedded_before(text: str, ve: int, d0: int, first: re.Match | None) -> bool:
    """``_EMBEDDED.search(text, ve, d0)`` given ``first``, the pattern's first match from ``ve``."""
    if first is not None and first.end() <= d0:
        return True
    if 0 < d0 < len(text) and _is_word_char(text[d0 - 1]) and _is_word_char(text[d0]):  # a word cut at d0: as before
        return _EMBEDDED.search(text, ve, d0) is not None
    return False


def _event_date(vs: int, ve: int, date: str | None, dates, cs: int, ce: int,
                text: str = "") -> tuple[str | None, str]:
    if dates:
        # a date after "that/which/who" belongs to that embedded clause ("said drills that began on Monday")
        own = [d for d in dates if cs <= d[0] < ce]
        last = max((d[0] for d in own if d[0] >= ve), default=None)
        if last is not None:  # the first "that/which/who" after the verb, looked up once
            e = _EMBEDDED.search(text, ve, last + 1)
            own = [d for d in own if not (d[0] >= ve and _embedded_before(text, ve, d[0], e))]
        if own:
            best = min(own, key=lambda d: min(abs(d[0] - ve), abs(d[1] - vs)))
            return best[2], "clause"
        earlier = [d for d in dates if d[1] <= vs]
        if earlier:
            return earlier[-1][2], "clause"
    return date, ""


def _emit(out, seen, src_codes, tgt_codes, entry: VerbEntry, code, plover, text, vs, ve, offset, date, dates, cs,
          ce, groups) -> None:
    cameo = lookup(code)
    if cameo is None:
        return
    when, basis = _event_date(vs, ve, date, dates, cs, ce, text)
    mode, context = mode_and_context(plover, entry.mode, text, (vs, ve),
                                     tuple(r for _, r in src_codes) + tuple(r for _, r in tgt_codes))
    for s, sr in src_codes:
        for t, tr in tgt_codes:
            if s == t and (not sr or not tr or sr == tr):  # within one state: only between sectors
                continue
            key = (s, t, cameo.code)
            if key in seen:
                continue
            seen.add(key)
            out.append(EventMention(s, t, cameo.code, cameo.goldstein, cameo.quad, when, (vs + offset, ve + offset),
                                    plover, mode, context, sr, tr, basis, text[vs:ve]))


def _emit_pairs(out, seen, src_codes, entry, code, plover, text, vs, ve, offset, date, dates, cs, ce, groups) -> None:
    for s, sr in src_codes:
        _emit(out, seen, [(s, sr)], [(t, tr) for t, tr in src_codes if t != s], entry, code, plover, text, vs, ve,
              offset, date, dates, cs, ce, groups)


def __getattr__(name: str):
    if name == "VERBS":  # (phrase, CAMEO code) pairs of the shipped lexicon, for callers of the old table
        return _verbs_table()
    raise AttributeError(name)


# patterns run over a whole sentence or a long stretch of it, folded like those above
_FRAME_AFTER, _HARD, _INTEL_WORD, _FUTURE_NOUN, _MODAL_WORD = (
    CaselessPattern(p.pattern) for p in (_FRAME_AFTER, _HARD, _INTEL_WORD, _FUTURE_NOUN, _MODAL_WORD))
