"""Dates in a sentence: absolute, ranges, decades, and relative to the document date.

Each mention has a ``start`` and an ``end`` (ISO ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``; ``end`` is ``None`` for a single date or an open range) and a
precision: ``day``, ``month``, ``year`` or ``decade`` (a decade is written as its
first and last year, "the 1950s" -> 1950/1959). Relative expressions ("last
year", "on Thursday", "in its twelfth year", "currently") are resolved against the
reference date and skipped when there is none. One compiled pattern, one pass.

The conventions follow TIMEX3 in spirit (Pustejovsky et al. 2005): a vague
present ("currently", "recently") is the reference year; a weekday is the most
recent such day on or before the reference date; a month without a year is in
the reference year.

References
----------
.. [1] Pustejovsky, J., Ingria, R., Sauri, R., et al. (2005). The Specification
   Language TimeML. In The Language of Time: A Reader, Oxford University Press,
   545-557.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .gazetteer import trie_pattern

__all__ = ["DateMention", "find_dates", "detect_date", "latest_date", "date_key", "to_date", "ORDINALS", "NUMBER_WORDS"]

_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
           "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
           "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
           "nov": 11, "dec": 12}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
             "sunday": 6}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90, "a": 1, "an": 1}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
            "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
            "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
            "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_MOD = r"(?:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
_ORD = trie_pattern(ORDINALS)  # one alternation, longest word first
_NUMW = trie_pattern(NUMBER_WORDS)
_NOT_YEAR_AFTER = (r"(?!\d|,\d{3}|\.\d|\s*(?:%|percent|per\s+cent)|[\s-]*(?:km|kilomet|miles?\b|tons?\b|tonnes|"
                   r"people|persons|workers|troops|soldiers|members|million|billion|bn\b|bln\b|[a-z]+ers\b))")

# Fail fast: a date starts at a word start ("(?=\w)" rejects a space or a comma in one step) with a digit,
# a month or one of the cue words (folded into one trie-shaped alternation)
_TRIGGER_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "from", "between",
                  "the", "early", "late", "mid", "since", "until", "during", "last", "this", "next", "past",
                  "previous", "coming", "over", "yesterday", "today", "tomorrow", "monday", "tuesday", "wednesday",
                  "thursday", "friday", "saturday", "sunday", "currently", "nowadays", "recently", "these", "now",
                  "starting", "beginning", "following", "preceding")
_TRIGGER = (r"(?<!\w)(?=\w)(?=\d|(?i:" + trie_pattern(_TRIGGER_WORDS) + r"|(?:in|on|by|at)\b|"
            r"[a-z]+\s+(?:years?|months?|decades?|weeks?|days?)\s+ago))")
_PATTERN_TEXT = (
    _TRIGGER + "(?:"
    rf"(?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3]\d)\b)"
    rf"|(?P<mdy>\b(?P<a_m>{_MON})\s+(?P<a_d>{_DAY}),?\s+(?P<a_y>{_YEAR})\b)"
    rf"|(?P<dmy>\b(?P<b_d>{_DAY})\s+(?:of\s+)?(?P<b_m>{_MON}),?\s+(?P<b_y>{_YEAR})\b)"
    rf"|(?P<dr>\b(?:from\s+|between\s+)?(?P<q_m>{_MON})\s+(?P<q_d>{_DAY})\s*(?:-|to|and|through|until|till)\s*"
    rf"(?:(?P<q_m2>{_MON})\s+)?(?P<q_d2>{_DAY})\b(?:,?\s+(?P<q_y>{_YEAR})\b)?(?!\s*(?:%|,?\s*\d)))"
    rf"|(?P<dr2>\b(?:from\s+|between\s+)?(?P<r_d>{_DAY})\s*(?:-|to|and|through|until|till)\s*(?P<r_d2>{_DAY})\s+"
    rf"(?:of\s+)?(?P<r_m>{_MON})\b(?:,?\s+(?P<r_y>{_YEAR})\b)?)"
    rf"|(?P<my>\b(?P<c_m>{_MON}),?\s+(?:of\s+)?(?P<c_y>{_YEAR})\b)"
    rf"|(?P<md>\b(?P<d_m>{_MON})\s+(?P<d_d>{_DAY})\b(?!\s*(?:%|,?\s*\d)))"
    rf"|(?P<dm>\b(?P<e_d>{_DAY})\s+(?:of\s+)?(?P<e_m>{_MON})\b(?!,?\s*\d))"
    rf"|(?P<fromto>\b(?i:from|between)\s+{_MOD}(?P<f_a>{_YEAR})\s+(?:to|and|until|till|through)\s+{_MOD}(?P<f_b>{_YEAR})\b)"
    rf"|(?P<decrange>\b(?:the\s+)?{_MOD}(?P<g_a>1[6-9]\d|20\d)0s\s*(?:-|to)\s*(?:the\s+)?(?P<g_b>1[6-9]\d|20\d)0s\b)"
    rf"|(?P<decade>\b(?i:the\s+)?{_MOD}(?P<h_a>1[6-9]\d|20\d)0s\b)"
    rf"|(?P<range>\b{_MOD}(?P<i_a>{_YEAR})\s*(?:-|/|to|through|until)\s*{_MOD}(?P<i_b>{_YEAR}|\d\d)\b(?![\d-]))"
    rf"|(?P<open>\b(?i:from|since|starting\s+in|beginning\s+in)\s+{_MOD}(?P<j_a>{_YEAR})\b{_NOT_YEAR_AFTER})"
    rf"|(?P<bmonth>\b(?i:in|on|by|since|until|from|during|early|late|mid|last|next|this)[\s-]+(?:early\s+|late\s+)?(?P<k_m>{_MON})(?!\.?,?\s+(?:\d|of\s+\d|(?i:of\s+(?:last|this|next|the)\b)))\b)"
    rf"|(?P<mrel>\b(?P<t_m>{_MON})\s+(?i:of\s+(?P<t_w>last|this|next|the\s+previous|the\s+following)\s+year)\b)"
    rf"|(?P<follow>\b(?i:the\s+)?(?P<s_w>(?i:following|preceding|previous|next))\s+(?P<s_u>year|month)\b)"
    rf"|(?P<rel>\b(?P<l_w>(?i:last|this|next|past|previous|coming))\s+(?P<l_u>year|month)\b)"
    rf"|(?P<ago>\b(?P<m_n>\d+|(?i:{_NUMW}))\s+(?P<m_u>years?|months?|decades?|weeks?|days?)\s+ago\b)"
    rf"|(?P<nth>\b(?i:now\s+)?(?i:in)\s+(?:its|their|his|her|the)\s+(?:{_ORD}|\d+(?:st|nd|rd|th))\s+year\b)"
    rf"|(?P<pastn>\b(?i:over\s+|in\s+|during\s+)?(?i:the)\s+(?:past|previous|last)\s+(?P<n_n>\d+|{_NUMW})\s+years\b)"
    rf"|(?P<day>\b(?i:yesterday|today|tomorrow)\b)"
    rf"|(?P<wday>\b(?i:on\s+|last\s+)?(?P<o_w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    rf"|(?P<now>\b(?i:currently|at\s+present|nowadays|at\s+the\s+moment|in\s+the\s+near\s+future|"
    rf"recently|in\s+recent\s+years|these\s+days|now)\b)"
    rf"|(?P<year>(?<![\w$.,£€¥-]){_MOD}(?P<p_y>{_YEAR})\b{_NOT_YEAR_AFTER}))"
)
_PATTERN = re.compile(_PATTERN_TEXT)
_PATTERN_CI: re.Pattern | None = None  # for text in capitals ("ON SEPTEMBER 13, 2023"), compiled when needed
_LOWER_MONTH_WORDS = {"may", "march", "mar", "jan", "sep", "dec", "oct", "aug", "jun", "jul", "nov", "feb", "apr"}


@dataclass(frozen=True)
class DateMention:
    """A date or period named in a text; ``span`` is ``[start, end)`` in that text."""

    start: str
    end: str | None
    precision: str
    text: str
    span: tuple[int, int]

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text,
                "span": list(self.span)}

    @property
    def relative(self) -> bool:
        return False


def _ymd(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _num(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _month_shift(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _month(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _interpret(m: re.Match, ref: dt.date | None, anchor: dt.date | None = None) -> tuple[str, str | None, str] | None:
    g = m.group
    kind = m.lastgroup  # every alternative is a named top-level group, so never None
    letter = _LETTER.get(kind)
    if letter:
        w = g(letter + "_m")
        if w and w.islower() and w.rstrip(".") in _LOWER_MONTH_WORDS:
            return None  # "may", "march" written in lower case are a verb, not a month
    if kind in ("dr", "dr2"):
        p = "q" if kind == "dr" else "r"
        mo = _month(g(f"{p}_m"))
        mo2 = _month(g("q_m2")) if kind == "dr" and g("q_m2") else mo
        d1, d2 = (int(re.match(r"\d+", g(f"{p}_d{k}")).group()) for k in ("", "2"))
        y = int(g(f"{p}_y")) if g(f"{p}_y") else (ref.year if ref else None)
        if y is None or not (_valid(y, mo, d1) and _valid(y, mo2, d2)) or (mo2, d2) <= (mo, d1):
            return None
        return _ymd(y, mo, d1), _ymd(y, mo2, d2), "day"
    if kind == "follow":
        base = anchor or ref
        if base is None:
            return None
        w = g("s_w").lower()
        k = 1 if w in ("following", "next") else -1
        if w == "next" and anchor is None:
            k = 1
        if g("s_u").lower() == "year":
            return _ymd(base.year + k), None, "year"
        return _ymd(*_month_shift(base.year, base.month, k)), None, "month"
    if kind == "iso":
        y, mo, d = int(g("iy")), int(g("im")), int(g("id"))
        return (_ymd(y, mo, d), None, "day") if _valid(y, mo, d) else None
    if kind in ("mdy", "dmy"):
        p = "a" if kind == "mdy" else "b"
        y, mo, d = int(g(f"{p}_y")), _month(g(f"{p}_m")), int(re.match(r"\d+", g(f"{p}_d")).group())
        return (_ymd(y, mo, d), None, "day") if _valid(y, mo, d) else None
    if kind == "my":
        return _ymd(int(g("c_y")), _month(g("c_m"))), None, "month"
    if kind in ("md", "dm"):
        if ref is None:
            return None
        p = "d" if kind == "md" else "e"
        mo, d = _month(g(f"{p}_m")), int(re.match(r"\d+", g(f"{p}_d")).group())
        return (_ymd(ref.year, mo, d), None, "day") if _valid(ref.year, mo, d) else None
    if kind == "fromto":
        return g("f_a"), g("f_b"), "year"
    if kind == "decrange":
        return g("g_a") + "0", g("g_b") + "9", "decade"
    if kind == "decade":
        return g("h_a") + "0", g("h_a") + "9", "decade"
    if kind == "range":
        a, b = g("i_a"), g("i_b")
        if len(b) == 2:
            b = a[:2] + b
        return (a, b, "year") if b > a else None
    if kind == "open":
        return g("j_a"), None, "year"
    if kind == "year":
        return g("p_y"), None, "year"
    if ref is None:
        return None
    if kind == "mrel":
        k = {"last": -1, "this": 0, "next": 1, "the previous": -1, "the following": 1}[
            re.sub(r"\s+", " ", g("t_w").lower())]
        base = anchor if k and g("t_w").lower().startswith("the") and anchor else ref
        return _ymd(base.year + k, _month(g("t_m"))), None, "month"
    if kind == "bmonth":
        return _ymd(ref.year, _month(g("k_m"))), None, "month"
    if kind == "rel":
        k = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[g("l_w").lower()]
        if g("l_u").lower() == "year":
            return _ymd(ref.year + k), None, "year"
        return _ymd(*_month_shift(ref.year, ref.month, k)), None, "month"
    if kind == "ago":
        n = _num(g("m_n"))
        unit = g("m_u").lower()
        if unit.startswith("decade"):
            return _ymd(ref.year - 10 * n), None, "year"
        if unit.startswith(("week", "day")):
            return (ref - dt.timedelta(days=n * (7 if unit.startswith("week") else 1))).isoformat(), None, "day"
        if unit.startswith("year"):
            return _ymd(ref.year - n), None, "year"
        return _ymd(*_month_shift(ref.year, ref.month, -n)), None, "month"
    if kind == "nth" or kind == "now":
        return _ymd(ref.year), None, "year"
    if kind == "pastn":
        return _ymd(ref.year - _num(g("n_n"))), _ymd(ref.year), "year"
    if kind == "day":
        k = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group().lower()]
        return (ref + dt.timedelta(days=k)).isoformat(), None, "day"
    if kind == "wday":
        back = (ref.weekday() - _WEEKDAYS[g("o_w").lower()]) % 7
        return (ref - dt.timedelta(days=back)).isoformat(), None, "day"
    return None


_LETTER = {"mrel": "t", "mdy": "a", "dmy": "b", "my": "c", "md": "d", "dm": "e", "bmonth": "k", "dr": "q", "dr2": "r"}


def find_dates(text: str, *, ref: dt.date | None = None, offset: int = 0,
               anchor: dt.date | None = None) -> list[DateMention]:
    """Date mentions in ``text`` (spans shifted by ``offset``).

    Parameters
    ----------
    text : str
        Normalised text (straight quotes, ``-`` for dashes).
    ref : datetime.date, optional
        Reference (publication) date for relative expressions; without it they
        are skipped.
    anchor : datetime.date, optional
        The narrative date in force (the paragraph's running date): "the
        following year" counts from it (else from ``ref``).

    Examples
    --------
    >>> [(d.start, d.end, d.precision) for d in find_dates("Talks ran from 2003 to 2009 and resumed in May 2011.")]
    [('2003', '2009', 'year'), ('2011-05', None, 'month')]
    >>> find_dates("He left last year.", ref=datetime.date(2020, 3, 1))[0].start
    '2019'
    """
    out = []
    global _PATTERN_CI
    pattern = _PATTERN
    if text.isupper():  # text in capitals: month names and cue words in any case
        if _PATTERN_CI is None:
            _PATTERN_CI = re.compile(_PATTERN_TEXT, re.IGNORECASE)
        pattern = _PATTERN_CI
    for m in pattern.finditer(text):
        got = _interpret(m, ref, anchor)
        if got is None:
            continue
        a, b = m.span()
        out.append(DateMention(got[0], got[1], got[2], m.group(), (a + offset, b + offset)))
    return out


_PUBLISHED = re.compile(
    rf"(?:published|posted|updated|date|dated)\s*(?:on|:)?\s*(?P<d>(?:{_MON}\s+{_DAY},?\s+{_YEAR})|"
    rf"(?:{_DAY}\s+{_MON},?\s+{_YEAR})|(?:{_YEAR}-\d\d-\d\d))", re.IGNORECASE)
_DATE_LINE = re.compile(rf"^\s*(?:\w+day,?\s+)?(?P<d>(?:{_MON}\s+{_DAY},?\s+{_YEAR})|(?:{_DAY}\s+{_MON},?\s+{_YEAR})|"
                        rf"(?:{_YEAR}-\d\d-\d\d))\s*$", re.MULTILINE)
_DATELINE = re.compile(rf"^\s*[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){{0,3}},\s*(?P<m>{_MON})\s+(?P<d>{_DAY})"
                       rf"(?:,?\s+(?P<y>{_YEAR}))?\s*(?:\([^()\n]{{1,30}}\))?\s*[-–—]", re.MULTILINE)
_FUTURE_CUE = re.compile(r"(?:\bby|\buntil|\bbefore|\bthrough|\bthe\s+year)\s*$", re.IGNORECASE)


def to_date(s: str) -> dt.date:
    """An ISO ``YYYY[-MM[-DD]]`` string as a date (missing month or day: the first)."""
    parts = [int(p) for p in s.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def detect_date(text: str) -> dt.date | None:
    """The publication date stated in a document, if any.

    Looks for a "Published/Posted/Updated/Date:" line anywhere (the page store's
    leading `` date YYYY-MM-DD`` line included), or a line that holds nothing but
    a full date within the first 2,000 characters, or a news dateline ("TOKYO,
    December 5 (TASS) -"; without a year, the year of the latest date the text
    mentions).

    Examples
    --------
    >>> detect_date("Title\\nPublished: 3 March 2021\\nText.")
    datetime.date(2021, 3, 3)
    """
    from .normalize import normalize
    text = normalize(text)
    m = _PUBLISHED.search(text) or _DATE_LINE.search(text[:2000])
    if not m:
        d = _DATELINE.search(text[:2000])  # "TOKYO, December 5 (TASS) -": the year from the text
        if d is None:
            return None
        mo, day = _month(d.group("m")), int(re.match(r"\d+", d.group("d")).group())
        year = int(d.group("y")) if d.group("y") else None
        if year is None:
            latest = latest_date(text)
            if latest is None:
                return None
            year = latest.year if (mo, day) >= (latest.month, latest.day) or latest.month == 12 and mo == 1 \
                else latest.year
        return dt.date(year, mo, day) if _valid(year, mo, day) else None
    found = find_dates(m.group("d"))
    if found and found[0].precision == "day":
        return to_date(found[0].start)
    return None


def latest_date(text: str) -> dt.date | None:
    """The latest date a document mentions, a lower bound of when it was written.

    Day and month dates count; bare years count unless they follow a future cue
    ("by 2020", "until 2030"), which names plans rather than the past.
    """
    best = None
    for d in find_dates(text):
        if d.precision == "decade":
            continue
        if d.precision == "year" and d.end is None and _FUTURE_CUE.search(text, max(0, d.span[0] - 20), d.span[0]):
            continue
        value = to_date(d.end or d.start)
        if best is None or value > best:
            best = value
    return best


def date_key(iso: str, precision: str) -> str:
    """``iso`` cut to ``precision`` (``year`` -> ``YYYY``, ``month`` -> ``YYYY-MM``)."""
    return iso[: {"year": 4, "month": 7, "day": 10}.get(precision, 4)]
