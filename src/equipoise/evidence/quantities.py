"""Quantities in a sentence, normalised to a value and a unit.

Units: money as ISO 4217 currency codes (``USD``, ``EUR``, ...; a rate adds
``/year`` or ``/month``: "$110 million a year" -> 110000000 ``USD/year``),
``percent``, ``fold`` (ratios: "tenfold", "3 times"), ``km``, ``mile``, ``m``,
``t`` (metric or short tons, as written), durations (``year``, ``month``, ``week``,
``day``; an "Nth anniversary" is N ``year``), counts of people (``workers``,
``troops``, ``people``, ``killed``, ``wounded``, or the noun: ``engineers``; "a
6,000-strong force" is 6,000 ``troops``) and counts of things with their noun as
the unit ("6 million artillery shells" -> ``shells``). A range ("10,000-12,000",
"between 8,000 and 9,500") gives ``low`` and ``high``; a qualifier ("over",
"at least", "18,000-plus" -> ``low``; "up to", "nearly" -> ``high``; "about",
"some" -> neither) is kept in ``qualifier``. Multipliers (thousand, million/mn/mln/m, billion/bn/bln/b,
trillion/tn) are applied. Number words (one to ninety-nine, hundred, thousand) are
read. One compiled pattern, one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import _ORD, NUMBER_WORDS, ORDINALS
from .gazetteer import trie_pattern

__all__ = ["QuantityMention", "find_quantities", "parse_number"]

_WORDNUM = {k: v for k, v in NUMBER_WORDS.items() if k not in ("a", "an")}
_UNITS_WORDS = trie_pattern(_WORDNUM)  # one alternation, longest word first
_NUMW = rf"(?:(?:{_UNITS_WORDS})(?:[\s-](?:{_UNITS_WORDS}))?(?:\s+(?:hundred|thousand))?|a\s+(?:hundred|thousand|dozen)|dozens?)"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.·]\d+)?)"  # "5·5": a middle-dot decimal
_MULT = r"(?:thousand|million|billion|trillion|bln|bn|mln|mn|tn|trn|k|m|b)"
_MULTS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
          "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12}
_CUR_SYM = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
            "¥": "JPY", "jpy": "JPY", "rub": "RUB", "cny": "CNY", "krw": "KRW", "₽": "RUB", "₩": "KRW"}
_CUR_WORD = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
             "pounds": "GBP", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
             "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "won": "KRW"}
_PEOPLE = {"workers": "workers", "labourers": "workers", "laborers": "workers", "gastarbeiters": "workers",
           "employees": "workers", "labour migrants": "workers", "troops": "troops", "soldiers": "troops",
           "servicemen": "troops", "personnel": "troops", "fighters": "troops", "people": "people",
           "persons": "people", "civilians": "people", "refugees": "people", "migrants": "people",
           "residents": "people", "citizens": "people", "students": "people", "tourists": "people",
           "casualties": "people", "deaths": "people", "defectors": "people", "prisoners": "people"}
#: Things counted in news about conflict and trade: the noun is the unit ("6 million artillery shells").
_COUNT_NOUNS = ("shells", "artillery shells", "rounds", "missiles", "ballistic missiles", "rockets", "drones",
                "containers", "tanks", "vehicles", "aircraft", "jets", "helicopters", "ships", "warships", "vessels",
                "submarines", "launchers", "howitzers", "guns", "rifles", "munitions", "warheads", "satellites",
                "trains", "flights", "barrels", "hectares", "mines", "weapons", "systems", "units", "batteries",
                "wagons", "trucks", "devices", "explosive devices", "bombs", "grenades", "coffins", "bodies",
                "battalions", "brigades", "divisions", "regiments", "sorties", "cargoes", "shipments")
_PEOPLE_WORDS = ("workers", "labourers", "laborers", "gastarbeiters", "employees", "labour migrants", "troops",
                 "soldiers", "servicemen", "personnel", "fighters", "people", "persons", "civilians", "refugees",
                 "migrants", "residents", "citizens", "students", "tourists", "casualties", "deaths", "defectors",
                 "prisoners", "officials", "officers", "generals", "deminers", "sappers", "builders", "engineers",
                 "medics", "doctors", "instructors", "advisers", "advisors", "diplomats", "killed", "dead", "wounded",
                 "injured")
#: Casualty words as units ("the 2,000 killed"); ``_PEOPLE`` maps the other people words.
_CASUALTY = {"killed": "killed", "dead": "killed", "wounded": "wounded", "injured": "wounded"}


def _unit_trie() -> str:
    from .gazetteer import trie_pattern
    return trie_pattern(sorted(set(_PEOPLE_WORDS) | set(_COUNT_NOUNS))).replace(r"[\s\-]+", r"\s+")


_DIST = {"km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
         "mile": "mile", "miles": "mile", "mi": "mile", "metre": "m", "metres": "m", "meter": "m",
         "meters": "m", "nautical miles": "nmi"}
_FOLD = {"twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7,
         "eightfold": 8, "ninefold": 9, "tenfold": 10, "hundredfold": 100, "thousandfold": 1000}


_ANY = re.compile(rf"[\d$€£¥₽₩]|\b(?i:{_UNITS_WORDS}|hundred|thousand|dozens?|[a-z]+fold|{_ORD})\b")


_UNIT_TRIE = _unit_trie()


def _q(name: str) -> str:
    return f"(?P<{name}>{_NUM}|{_NUMW})"



# Fail fast: a quantity starts with a digit, a currency sign or a number word (the one-character
# lookaheads reject most positions in one step).
_TRIGGER = (rf"(?=[\d$€£¥₽₩]|(?=[cegjkru]){trie_pattern(['us$', 'usd', 'eur', 'gbp', 'jpy', 'rub', 'cny', 'krw'])}|"
            rf"(?<!\w)(?=[a-z])(?i:{trie_pattern([*_WORDNUM, *ORDINALS, 'dozen'])}|a\s|[a-z]+fold))")
_PATTERN = re.compile(
    _TRIGGER + "(?:"
    rf"(?P<money1>(?P<a_cur>US\$|\$|€|£|¥|₽|₩|\b(?:USD|EUR|GBP|JPY|RUB|CNY|KRW)\s?)\s?(?P<a_n>{_NUM})\s?(?:(?P<a_x>{_MULT})\b)?"
    rf"(?:\s*(?:a|per|each|every)\s+(?P<a_r>year|annum|month)\b|\s+(?P<a_r2>annually|yearly|monthly)\b)?)"
    rf"|(?P<money2>\b{_q('b_n')}[\s-]?(?:(?P<b_x>{_MULT})[\s-]+)?(?:US[\s-]+|U\.S\.\s+)?(?P<b_c>dollars?|euros?|pounds|roubles?|rubles?|yuan|renminbi|yen|won)\b"
    rf"(?:\s*(?:a|per|each|every)\s+(?P<b_r>year|annum|month)\b|\s+(?P<b_r2>annually|yearly|monthly)\b)?)"
    rf"|(?P<pct>\b{_q('c_n')}\s?(?:%|percent\b|per\s+cent\b))"
    rf"|(?P<fold>\b(?:(?P<d_w>twofold|threefold|fourfold|fivefold|sixfold|sevenfold|eightfold|ninefold|tenfold|hundredfold|thousandfold)"
    rf"|{_q('d_n')}[\s-]?fold|{_q('d_t')}\s+times(?=\s+(?:more|less|larger|bigger|higher|greater|as\b|over\b))))"
    rf"|(?P<dist>\b{_q('e_n')}[\s-]?(?P<e_u>nautical\s+miles|kilomet(?:re|er)s?|km|miles?|metres?|meters?)\b)"
    rf"|(?P<ton>\b{_q('f_n')}\s?(?:(?P<f_x>{_MULT})\s+)?(?P<f_u>tons?|tonnes?|Mt|kt)\b)"
    rf"|(?P<anniv>\b(?:(?P<g_n>\d+)(?:st|nd|rd|th)|(?P<g_w>{_ORD}))\s+anniversary\b)"
    rf"|(?P<dur>\b{_q('h_n')}[\s-](?P<h_u>years?|months?|weeks?|days?)\b(?![\s-]+(?:old|ago)\b))"
    rf"|(?P<strong>\b{_q('j_n')}[\s-]?(?:(?P<j_x>thousand|million)[\s-]?)?-strong\b)"
    # up to three modifiers ("North Korean", "military construction"), the fewest that reach a unit noun;
    # a word in -ed only just before the noun ("trained troops", not "2,000 killed included officers")
    rf"|(?P<ppl>\b{_q('i_n')}(?P<i_p>\+|-plus\b)?[\s-]?(?:(?P<i_x>thousand|million|billion|k)(?P<i_p2>\+|-plus\b)?[\s-]+)?"
    rf"(?:(?:(?-i:[A-Z][\w'-]*)|[a-z]+(?<!ed)(?:-[a-z]+)?)\s+){{0,3}}?(?:[a-z]+ed\s+)?"
    rf"(?P<i_u>{_UNIT_TRIE})\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuantityMention:
    """A quantity named in a text; ``span`` is ``[start, end)`` in that text."""

    value: float
    unit: str
    text: str
    span: tuple[int, int]
    low: float | None = None  # bounds from a range ("10,000-12,000") or a qualifier ("over", "up to")
    high: float | None = None
    qualifier: str = ""  # over, at least, up to, about, ...

    def to_dict(self) -> dict:
        def num(v):
            return None if v is None else (int(v) if float(v).is_integer() and abs(v) < 2**53 else v)
        return {"value": num(self.value), "unit": self.unit, "text": self.text, "span": list(self.span),
                "low": num(self.low), "high": num(self.high), "qualifier": self.qualifier}


def parse_number(text: str) -> float | None:
    """A numeral or number words as a float ("1,200" -> 1200, "twenty-five" -> 25).

    Examples
    --------
    >>> parse_number("twenty-five"), parse_number("1,200.5"), parse_number("three hundred")
    (25.0, 1200.5, 300.0)
    """
    t = text.strip().lower()
    if not t:
        return None
    if t[0].isdigit():
        return float(t.replace(",", "").replace("·", "."))
    words = re.split(r"[\s-]+", t)
    if words[0] in ("a", "an") and len(words) == 2:
        return {"hundred": 100.0, "thousand": 1000.0, "dozen": 12.0}.get(words[1])
    if words[0] in ("dozen", "dozens"):
        return 12.0
    total = 0.0
    for w in words:
        if w == "hundred":
            total = (total or 1) * 100
        elif w == "thousand":
            total = (total or 1) * 1000
        elif w in _WORDNUM:
            total += _WORDNUM[w]
        else:
            return None
    return total


def _rate(r: str | None) -> str:
    if not r:
        return ""
    r = r.lower()
    return "/month" if r.startswith("month") else "/year"


def find_quantities(text: str, *, offset: int = 0) -> list[QuantityMention]:
    """Quantity mentions in ``text`` (spans shifted by ``offset``).

    Examples
    --------
    >>> [(q.value, q.unit) for q in find_quantities("It cost $76.8 million, a tenfold rise, over 54 km.")]
    [(76800000.0, 'USD'), (10.0, 'fold'), (54.0, 'km')]
    """
    out = []
    if not _ANY.search(text):
        return out
    for m in _PATTERN.finditer(text):
        g = m.group
        kind = m.lastgroup
        value, unit = None, None
        if kind == "money1":
            n = parse_number(g("a_n"))
            x = _MULTS.get((g("a_x") or "").lower(), 1)
            if g("a_x") == "m" and text[m.end():m.end() + 1].isalpha():
                continue
            value, unit = n * x, _CUR_SYM[g("a_cur").strip().lower()] + _rate(g("a_r") or g("a_r2"))
        elif kind == "money2":
            n = parse_number(g("b_n"))
            x = _MULTS.get((g("b_x") or "").lower(), 1)
            value, unit = n * x, _CUR_WORD[g("b_c").lower()] + _rate(g("b_r") or g("b_r2"))
        elif kind == "pct":
            value, unit = parse_number(g("c_n")), "percent"
        elif kind == "fold":
            if g("d_w"):
                value = float(_FOLD[g("d_w").lower()])
            else:
                value = parse_number(g("d_n") or g("d_t"))
            unit = "fold"
        elif kind == "dist":
            value, unit = parse_number(g("e_n")), _DIST[re.sub(r"\s+", " ", g("e_u").lower())]
        elif kind == "ton":
            n = parse_number(g("f_n"))
            u = g("f_u")
            x = _MULTS.get((g("f_x") or "").lower(), 1) * {"Mt": 1e6, "kt": 1e3}.get(u, 1)
            value, unit = n * x, "t"
        elif kind == "anniv":
            value = float(g("g_n")) if g("g_n") else float(ORDINALS[g("g_w").lower()])
            unit = "year"
        elif kind == "dur":
            value, unit = parse_number(g("h_n")), g("h_u").lower().rstrip("s")
        elif kind == "ppl":
            n = parse_number(g("i_n"))
            x = _MULTS.get((g("i_x") or "").lower(), 1)
            if n is None or (re.fullmatch(r"1[6-9]\d\d|20\d\d", g("i_n")) and not x > 1):
                continue  # "in 2000 many people": a year, not a count
            noun = re.sub(r"\s+", " ", g("i_u").lower())
            # people words to their class (soldiers -> troops); things to their head ("artillery shells" -> shells)
            value, unit = n * x, _PEOPLE.get(noun) or _CASUALTY.get(noun) or noun.rsplit(" ", 1)[-1]
        elif kind == "strong":  # "a 6,000-strong contingent"
            n = parse_number(g("j_n"))
            if n is None:
                continue
            value, unit = n * _MULTS.get((g("j_x") or "").lower(), 1), "troops"
        if value is None:
            continue
        a, b = m.span()
        low = high = None
        qual = ""
        r = _RANGE_BEFORE.search(text, max(0, a - 40), a)
        lead = _LEAD_NUM.match(m.group())
        mult = value / (parse_number(lead.group()) or 1.0) if lead else 1.0
        if r is not None and parse_number(r.group("n")) is not None:
            lo = parse_number(r.group("n"))
            lo = lo * (_MULTS.get((r.group("x") or "").lower(), 1) if r.group("x") else mult)
            if lo < value:
                low, high, a = lo, value, r.start()
                value = lo
        elif kind == "ppl" and (g("i_p") or g("i_p2")):  # "18,000-plus troops", "5,000+ workers"
            low, qual = value, "over"
        else:
            q = _QUAL_BEFORE.search(text, max(0, a - 30), a)
            if q is not None:
                qual = re.sub(r"\s+", " ", q.group("q").lower())
                if qual in _LOWER_BOUND:
                    low = value
                elif qual in _UPPER_BOUND:
                    high = value
                a = q.start()
        out.append(QuantityMention(float(value), unit, text[a:b], (a + offset, b + offset),
                                   None if low is None else float(low), None if high is None else float(high), qual))
    return out


_LEAD_NUM = re.compile(_NUM)
_RANGE_BEFORE = re.compile(rf"(?:\bbetween\s+|\bfrom\s+)?\$?(?P<n>{_NUM})\s?(?:(?P<x>{_MULT})\b)?\s*(?:-|–|to|and)\s*$",
                           re.IGNORECASE)
_LOWER_BOUND = {"over", "more than", "at least", "upwards of", "in excess of", "above", "no fewer than", "no less than"}
_UPPER_BOUND = {"up to", "at most", "less than", "fewer than", "under", "below", "no more than", "nearly", "almost"}
_QUAL_BEFORE = re.compile(r"\b(?P<q>over|more\s+than|at\s+least|upwards\s+of|in\s+excess\s+of|above|no\s+fewer\s+than|"
                          r"no\s+less\s+than|up\s+to|at\s+most|less\s+than|fewer\s+than|under|below|no\s+more\s+than|"
                          r"nearly|almost|about|around|roughly|approximately|some|an\s+estimated|estimated|"
                          r"an\s+additional|some)\s+$", re.IGNORECASE)
