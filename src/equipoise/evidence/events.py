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
  striking the city").

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

__all__ = ["EventMention", "VerbEntry", "Lexicon", "load_lexicon", "default_lexicon", "code_events", "VERBS"]


@dataclass(frozen=True)
class EventMention:
    """A coded event: ``source`` did ``code`` (CAMEO) / ``plover`` to ``target``.

    ``target`` is empty for an undirected act (a parade, a missile test).
    ``date_basis`` says where the date came from: ``clause`` (the sentence's own
    date nearest the verb), ``narrative`` (the paragraph's running date) or
    ``inherited`` (the document's date).
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

_DOUBLE = re.compile(r"^[^aeiou]*[aeiou][bdgmnprt]$")


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
    out = {base: "base", third: "s", ing: "ing"}
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
        alts, seen = [], set()
        order = []
        for i, e in enumerate(self.entries):
            words = e.phrase.split()
            lit = sum(1 for w in words if w != "*")
            order.append((-lit, "*" in words, -len(e.phrase), i))
        self._groups: dict[str, int] = {}
        for _, _, _, i in sorted(order):
            e = self.entries[i]
            words = e.phrase.split()
            key = e.phrase.lower()
            if key in seen:
                continue
            seen.add(key)
            heads = _forms(words[0])
            for f, kind in heads.items():
                self.forms.setdefault(f, kind)
            body = "(?:" + "|".join(re.escape(f).replace(r"\-", r"[\s-]?") for f in
                                    sorted(heads, key=len, reverse=True)) + ")"
            tail = ""
            for w in words[1:]:
                tail += r"(?:\s+[\w'’.-]+){0,3}?" if w == "*" else r"\s+" + re.escape(w)
            name = f"e{i}"
            self._groups[name] = i
            alts.append(f"(?P<{name}>{body}{tail})")
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)

    def find(self, text: str) -> list[tuple[int, int, int, VerbEntry, str]]:
        """Verb phrases in ``text``: (start, head end, end, entry, form kind of the head)."""
        out = []
        for m in self.pattern.finditer(text):
            e = self.entries[self._groups[m.lastgroup]]
            head = re.match(r"[\w'’-]+(?:\s+fire)?", m.group())
            h = head.group().lower() if head else m.group().lower()
            kind = self.forms.get(h) or self.forms.get(h.replace(" ", "-")) or "past"
            out.append((m.start(), m.start() + len(h), m.end(), e, kind))
        return out


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
    verbs, nouns = _entries(yaml.safe_load(text), "verbs.yaml")
    for p in extra:
        try:
            data = yaml.safe_load(Path(p).read_text(encoding="utf-8"))
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
         "upon", "despite", "since", "after", "before"}
_VENUE = {"from", "in", "at", "near", "inside", "outside", "within", "across", "via", "through", "during", "around",
          "over", "since", "after", "before", "than", "despite", "among", "between", "like", "including"}
_TRAVEL_OK = {"in", "at", "to", "into"}
_NEG = re.compile(r"(?:\b(?:not|never|no|neither|nor|without|cannot|failed\s+to|refused\s+to|declined\s+to|"
                  r"no\s+longer)\b|n't\b)", re.IGNORECASE)
_HYPO = re.compile(r"\b(?:could|might|may|should|must)(?:\s+(?:not|also|well|have|have\s+been|be))*\s*$|"
                   r"\bwould\s+have(?:\s+been)?\s*$", re.IGNORECASE)
_UNREAL = re.compile(r"\b(?:reportedly|allegedly|purportedly|apparently|possibly|probably|perhaps|rumou?red|"
                     r"suspected|if|unless|whether|lest)\b", re.IGNORECASE)
_INTENT = re.compile(
    r"(?:\b(?:will|would|shall)|'ll|\b(?:plans?|planned|planning|agree[sd]?|pledge[sd]?|vow(?:s|ed)?|"
    r"promis(?:e|es|ed)|intends?|intended|aims?|aimed|hopes?|hoped|wants?|wanted|seeks?|sought|offer(?:s|ed)?|"
    r"decided|prepared|preparing|ready|going|set|expected|due|is|are|was|were|looks?|threaten(?:s|ed)?|"
    r"commit(?:s|ted)?)\s+to)(?:\s+(?:\w+ly|also|soon|further|jointly|then))*\s+(?:be\s+)?$", re.IGNORECASE)
_BOUNDARY = re.compile(
    r";|:\s|\s[-–—]\s|\(|\)"
    r"|,\s+(?:but|while|whereas|although|though|which|who|whom|where|when|after|before|as|because|since|if|unless|"
    r"so|yet|adding|saying|according)\b"
    r"|\s(?:but|while|whereas|although|though|because)\s"
    r"|\b(?:said|says|say|told\s+\w+|tells\s+\w+|noted|added|stated|stressed|emphasi[sz]ed|announced|"
    r"reported|claimed|believes?|believed|estimated|thinks?|thought|argued|insisted|wrote|according\s+to)\b"
    r"(?:\s+(?:on|in|at|last)\s+\w+)?(?:\s+that\b)?"
    r"|\bthat\b", re.IGNORECASE)
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
_MODIFIER_AFTER = re.compile(r"-(?!(?:\s|based\b))[a-z]", re.IGNORECASE)
_PRONOUN_START = re.compile(r"^\W*(?:and\s+|but\s+|then\s+)?(he|she|they|it|the\s+two|both)\b", re.IGNORECASE)
_REL_START = re.compile(r"^\W*(?:who|which)\b", re.IGNORECASE)


@dataclass
class _Group:
    start: int
    end: int
    codes: list[str]
    role: str
    person: bool = False
    modifier: bool = False
    prep: str = ""


def _words_before(text: str, start: int, end: int, n: int = 3) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[start:end])][-n:]


def _prev_word(text: str, lo: int, pos: int) -> str:
    """The last word before ``pos`` (skipping adverbs), or ''."""
    words = [w.lower().strip("'’") for w in _WORD.findall(text[lo:pos])]
    while words and (words[-1] in _ADVERB or words[-1].endswith("ly") and len(words[-1]) > 4):
        words.pop()
    return words[-1] if words else ""


def _groups(text: str, actors: list[tuple]) -> list[_Group]:
    """Adjacent actor mentions joined into one actor ("Russian President Putin")."""
    out: list[_Group] = []
    for a in actors:
        start, end, code = a[0], a[1], a[2]
        role = a[3] if len(a) > 3 else ""
        kind = a[4] if len(a) > 4 else ""
        body = a[5] if len(a) > 5 else False
        if out and out[-1].end <= start and _TITLE.match(text[out[-1].end:start]) and \
                not re.search(r"\b(?:and|or)\b|,", text[out[-1].end:start]):
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
            g.end = max(g.end, end)
            continue
        if out and out[-1].start == start:  # one name read as several actors ("both Koreas")
            if code not in out[-1].codes:
                out[-1].codes.append(code)
            continue
        out.append(_Group(start, end, [code], role, kind == "person"))
    for g in out:
        g.modifier = bool(_MODIFIER_AFTER.match(text, g.end))
        w = _prev_word(text, max(0, g.start - 40), g.start) if g.start else ""
        ws = _words_before(text, max(0, g.start - 30), g.start, 2)
        g.prep = ws[-1] if ws and ws[-1] in _PREP else (ws[-2] if len(ws) == 2 and ws[-2] in _PREP and
                                                           ws[-1] in ("the", "a", "an") else "")
        del w
    return out


def _compound(groups: list[_Group], i: int, text: str, stop: int) -> list[int]:
    """Index ``i`` and the groups joined to it by "and"/"," (before ``stop``)."""
    members = [i]
    j = i + 1
    while j < len(groups) and groups[j].start < stop and _JOIN.match(text[groups[j - 1].end:groups[j].start]):
        members.append(j)
        j += 1
    return members


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0]
    for m in _BOUNDARY.finditer(text):
        cuts.append(m.end() if m.group().strip() not in ("(", ")") else m.start())
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
    if not found:
        return []
    groups = _groups(text, actors)
    clauses = _clauses(text)
    hard = [m.start() for m in _HARD.finditer(text)]

    def clause_of(pos: int) -> tuple[int, int]:
        for a, b in clauses:
            if a <= pos < b:
                return a, b
        return clauses[-1]

    out: list[EventMention] = []
    seen: set[tuple] = set()
    subjects: dict[tuple[int, int], list[int]] = {}
    report_from: int | None = None
    for vs, he, ve, entry, form in found:
        if report_from is not None and vs > report_from and not any(report_from < h < vs for h in hard):
            continue  # the content of an accusation or denial
        cs, ce = clause_of(vs)
        w1 = _prev_word(text, cs, vs)
        passive = w1 in _BE and form == "past"
        # noun or verb?
        adjacent_actor = any(0 <= vs - g.end <= 2 for g in groups)
        if form in ("base", "s"):
            if not (w1 in _MODAL or w1 in _PRONOUN or adjacent_actor or w1 in ("and", "or") and form == "s"
                    or (w1 == "" and cs > 0)):
                continue
        elif form == "ing":
            if w1 not in _BE:
                continue
        elif w1 in _DET or re.fullmatch(r"\d[\d,.]*", w1 or "x"):
            continue
        before = text[cs:vs]
        if _NEG.search(before):
            continue
        if _UNREAL.search(before) or _HYPO.search(before):
            continue
        intent = bool(_INTENT.search(before))
        if intent and form not in ("base",) and not passive:
            intent = form == "base"
        code, plover = entry.code, entry.plover
        if entry.code.startswith("03") and re.match(r"\s+to\s+\w", text[ve:]):
            # "pledged to send": the intended act carries the event
            nxt = [f for f in found if f[0] > ve and f[0] - ve < 30]
            if nxt:
                continue
        if intent:
            got = _intent_code(code)
            if got is None:
                continue
            code, plover = got[0], got[1] or plover
        # source and target
        in_clause = [k for k, g in enumerate(groups) if cs <= g.start and g.end <= ce]
        pre = [k for k in in_clause if groups[k].end <= vs]
        post = [k for k in in_clause if groups[k].start >= ve]
        src_idx: list[int] = []
        src_codes: list[tuple[str, str]] = []
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
        if subj:
            src_idx = _compound(groups, subj[0], text, vs)
            src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
        else:
            lead = text[cs:vs]
            if _PRONOUN_START.match(lead) and not pre:
                if len(set(previous_subject)) == 1:
                    src_codes = [(previous_subject[0], "")]
                elif re.match(r"^\W*(?:the\s+two|both)\b", lead, re.IGNORECASE) and len(set(previous_subject)) > 1:
                    src_codes = [(c, "") for c in dict.fromkeys(previous_subject)]
            elif _REL_START.match(lead) and not pre:
                prior = [g for g in groups if g.end <= cs]
                if prior:
                    src_codes = [(c, prior[-1].role) for c in prior[-1].codes]
            elif not pre:
                # no subject in this clause: the subject of the clause before, in the same sentence
                prev = [key for key in subjects if key[1] <= cs]
                if prev:
                    src_idx = subjects[prev[-1]]
                    src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
            if not src_codes:
                of = [k for k in pre if groups[k].prep == "of" and not groups[k].modifier]
                if of:
                    src_idx = _compound(groups, of[0], text, vs)
                    src_codes = [(c, groups[k].role) for k in src_idx for c in groups[k].codes]
        if not src_codes:
            continue
        if src_idx:
            subjects[(cs, ce)] = src_idx
        src_set = {c for c, _ in src_codes}
        tgt_codes: list[tuple[str, str]] = []
        for k in post:
            g = groups[k]
            if g.modifier:
                continue
            if g.prep in _VENUE and not (entry.travel and g.prep in _TRAVEL_OK):
                continue
            if g.prep == "by":
                continue
            members = _compound(groups, k, text, ce)
            cand = [(c, groups[j].role) for j in members for c in groups[j].codes]
            cand = [(c, r) for c, r in cand if c not in src_set or (r and r not in {rr for _, rr in src_codes})]
            if cand:
                tgt_codes = cand
                break
        if entry.report:
            report_from = ve
        if not tgt_codes:
            if entry.symmetric and len(src_set) > 1:
                _emit_pairs(out, seen, src_codes, entry, code, plover, text, vs, ve, offset, date, dates, cs, ce,
                            groups)
                continue
            if entry.undirected or entry.code.startswith("12"):
                tgt_codes = [("", "")]
            else:
                continue
        _emit(out, seen, src_codes, tgt_codes, entry, code, plover, text, vs, ve, offset, date, dates, cs, ce, groups)
    return out


def _event_date(vs: int, ve: int, date: str | None, dates, cs: int, ce: int) -> tuple[str | None, str]:
    if dates:
        own = [d for d in dates if cs <= d[0] < ce]
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
    when, basis = _event_date(vs, ve, date, dates, cs, ce)
    for s, sr in src_codes:
        for t, tr in tgt_codes:
            if s == t and (not sr or not tr or sr == tr):
                continue
            key = (s, t, cameo.code)
            if key in seen:
                continue
            seen.add(key)
            out.append(EventMention(s, t, cameo.code, cameo.goldstein, cameo.quad, when, (vs + offset, ve + offset),
                                    plover, entry.mode, "", sr, tr, basis, text[vs:ve]))


def _emit_pairs(out, seen, src_codes, entry, code, plover, text, vs, ve, offset, date, dates, cs, ce, groups) -> None:
    for s, sr in src_codes:
        _emit(out, seen, [(s, sr)], [(t, tr) for t, tr in src_codes if t != s], entry, code, plover, text, vs, ve,
              offset, date, dates, cs, ce, groups)


def __getattr__(name: str):
    if name == "VERBS":  # (phrase, CAMEO code) pairs of the shipped lexicon, for callers of the old table
        return _verbs_table()
    raise AttributeError(name)
