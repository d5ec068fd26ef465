"""Dates in a sentence: absolute, ranges, decades, and relative to the document date.

Each mention has a ``start`` and an ``end`` (ISO ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``; ``end`` is ``None`` for a single date or an open range) and a
precision: ``day``, ``month``, ``year`` or ``decade`` (a decade is written as its
first and last year, "the 1950s" -> 1950/1959). Relative expressions ("last
year", "on Thursday", "in its twelfth year", "currently") are resolved against the
reference date and skipped when there is none. One compiled pattern, one pass.

The conventions follow TIMEX3 in spirit (Pustejovsky et al. 2005): a vague
present ("currently", "recently") is the reference year; a weekday, a day or a
month named without a year is the most recent one on or before the reference
date ("In April, ..." in a February article is the April before), or the next
one when the clause speaks of the future ("will meet on Friday"); "last week" is
the Monday-Sunday before; "the following year", "two years later" count from
the date named before them (in the sentence, else the paragraph's narrative
date) and are left unresolved without one.

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
from functools import lru_cache

from .gazetteer import trie_pattern

__all__ = ["DateMention", "find_dates", "detect_date", "detect_reference", "latest_date", "date_key", "to_date", "ORDINALS", "NUMBER_WORDS"]

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

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
# full names capitalised or in lower case ("in april"), abbreviations capitalised; one trie-shaped alternation
_MON = "(?:" + trie_pattern(_MONTH_NAMES + tuple(m.lower() for m in _MONTH_NAMES) + (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")) + r")\.?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_MOD = r"(?:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
_ORD = trie_pattern(ORDINALS)  # one alternation, longest word first
_NUMW = trie_pattern(NUMBER_WORDS)
_NOT_YEAR_AFTER = (r"(?!\d|,\d{3}|\.\d|\s*(?:%|percent|per\s+cent)|[\s-]*(?:km|kilomet|miles?\b|tons?\b|tonnes|"
                   r"people|persons|workers|troops|soldiers|members|million|billion|bn\b|bln\b|[a-z]+ers\b))")

_VAGUE_TEXT = (r"currently|at\s+present|nowadays|at\s+the\s+moment|in\s+the\s+near\s+future|recently|"
               r"in\s+recent\s+years|these\s+days|now")
#: A vague present ("recently", "currently"): the reference year, but no event's date.
VAGUE_PRESENT = re.compile(rf"(?i:{_VAGUE_TEXT})")

# Fail fast: a date starts at a word start ("(?=\w)" rejects a space or a comma in one step) with a digit,
# a month or one of the cue words (folded into one trie-shaped alternation)
_TRIGGER_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "from", "between",
                  "the", "early", "late", "mid", "since", "until", "during", "last", "this", "next", "past",
                  "previous", "coming", "over", "yesterday", "today", "tomorrow", "monday", "tuesday", "wednesday",
                  "thursday", "friday", "saturday", "sunday", "currently", "nowadays", "recently", "these", "now",
                  "starting", "beginning", "following", "preceding", "earlier", "later")
_TRIGGER = (r"(?<!\w)(?=\w)(?=\d|(?i:" + trie_pattern(_TRIGGER_WORDS) + r"|(?:in|on|by|at)\b|"
            r"[a-z]+\s+(?:years?|months?|decades?|weeks?|days?)\s+(?:ago|later|earlier|afterwards|before|after)))")
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
    rf"|(?P<bmonth>\b(?P<k_w>(?i:in|on|by|since|until|from|during|early|late|mid|last|next|this))[\s-]+(?:(?i:early|late)\s+)?(?P<k_m>{_MON})(?!\.?,?\s+(?:\d|of\s+\d|(?i:of\s+the\b|(?:of\s+)?(?:last|this|next)\s+year\b)))\b)"
    rf"|(?P<mrel>\b(?P<t_m>{_MON})\s+(?i:(?:of\s+)?(?P<t_w>last|this|next|the\s+previous|the\s+following)\s+year)\b)"
    rf"|(?P<follow>\b(?P<s_the>(?i:the\s+))?(?P<s_w>(?i:following|preceding|previous|next))\s+(?P<s_u>(?i:year|month|week|day))\b)"
    rf"|(?P<inthe>\b(?P<v_w>(?i:earlier|later))\s+(?i:in|that|this)\s+(?:(?i:the)\s+)?(?P<v_u>(?i:year|month))\b)"
    rf"|(?P<rel>\b(?P<l_w>(?i:last|this|next|past|previous|coming))\s+(?P<l_u>(?i:year|month|week))\b)"
    rf"|(?P<wkend>\b(?P<w_w>(?i:over|at|during|on|last|this|next))\s+(?:(?i:the)\s+)?(?i:weekend)\b)"
    rf"|(?P<ago>\b(?P<m_n>\d+|(?i:{_NUMW}))\s+(?P<m_u>(?i:years?|months?|decades?|weeks?|days?))\s+(?i:ago)\b)"
    rf"|(?P<later>\b(?P<u_n>\d+|(?i:{_NUMW}))\s+(?P<u_u>(?i:years?|months?|decades?|weeks?|days?))\s+"
    rf"(?P<u_w>(?i:later|afterwards|after\s+that|earlier|before\s+that|before))\b)"
    rf"|(?P<dom>\b(?i:on\s+the)\s+(?P<x_d>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)\b(?![ \t]*[\w-]))"
    rf"|(?P<nth>\b(?i:now\s+)?(?i:in)\s+(?:its|their|his|her|the)\s+(?:{_ORD}|\d+(?:st|nd|rd|th))\s+year\b)"
    rf"|(?P<pastn>\b(?i:over\s+|in\s+|during\s+)?(?i:the)\s+(?:past|previous|last)\s+(?P<n_n>\d+|{_NUMW})\s+years\b)"
    rf"|(?P<day>\b(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow)\b)"
    rf"|(?P<wday>\b(?:(?P<o_c>(?i:on|last|next|this))\s+)?(?P<o_w>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b)"
    rf"|(?P<now>\b(?i:{_VAGUE_TEXT})\b)"
    rf"|(?P<year>(?<![\w$.,£€¥-]){_MOD}(?P<p_y>{_YEAR})\b{_NOT_YEAR_AFTER}))"
)
_PATTERN = re.compile(_PATTERN_TEXT)
_PATTERN_CI: re.Pattern | None = None  # for text in capitals ("ON SEPTEMBER 13, 2023"), compiled when needed


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


def _year_of(ref: dt.date, mo: int, day: int | None, how: str) -> int:
    """The year of a month (and day) named without one, seen from ``ref``.

    ``recent``: the most recent such month (day) not after ``ref``; ``future``: the
    first not before it; ``last``: the most recent before ``ref``'s month; ``this``:
    ``ref``'s year.
    """
    here, there = (ref.month, ref.day if day else 1), (mo, day or 1)
    if how == "this":
        return ref.year
    if how == "future":
        return ref.year if there >= here else ref.year + 1
    if how == "last":
        return ref.year if mo < ref.month else ref.year - 1
    return ref.year if there <= here else ref.year - 1


def _near(ref: dt.date, mo: int, day: int, how: str) -> str:
    """``future`` for a day at most two weeks after ``ref`` (a news report's coming date), else ``how``."""
    y = _year_of(ref, mo, day, "future")
    if how == "recent" and _valid(y, mo, day) and 0 < (dt.date(y, mo, day) - ref).days <= 14:
        return "future"
    return how


def _shift(base: dt.date, unit: str, k: int) -> tuple[str, str | None, str]:
    """``base`` moved by ``k`` units (year, month, week, day, decade), at that unit's precision."""
    unit = unit.lower().rstrip("s")
    if unit == "decade":
        return _ymd(base.year + 10 * k), None, "year"
    if unit == "year":
        return _ymd(base.year + k), None, "year"
    if unit == "month":
        return _ymd(*_month_shift(base.year, base.month, k)), None, "month"
    return (base + dt.timedelta(days=k * (7 if unit == "week" else 1))).isoformat(), None, "day"


def _week(ref: dt.date, k: int, upto: bool = False) -> tuple[str, str | None, str]:
    """Monday to Sunday of the week ``k`` weeks from ``ref``'s (to ``ref`` itself with ``upto``)."""
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=k)
    end = ref if upto else monday + dt.timedelta(days=6)
    return monday.isoformat(), (end.isoformat() if end > monday else None), "day"


def _interpret(m: re.Match, ref: dt.date | None, anchor: dt.date | str | None = None,
               future: bool = False) -> tuple[str, str | None, str] | None:
    g = m.group
    kind = m.lastgroup  # every alternative is a named top-level group, so never None
    if isinstance(anchor, str):  # an ISO date found earlier in the text, converted only when needed
        anchor = to_date(anchor) if kind in _ANCHORED else None
    letter = _LETTER.get(kind)
    if letter:
        w = g(letter + "_m")
        if w and w.islower() and w.rstrip(".") in _LOWER_MONTH_WORDS and not (
                kind in ("mdy", "dmy") or kind == "my" and w not in ("may", "march")):
            return None  # "may", "march" written in lower case are a verb, not a month
    how = "future" if future else "recent"
    if kind in ("dr", "dr2"):
        p = "q" if kind == "dr" else "r"
        mo = _month(g(f"{p}_m"))
        mo2 = _month(g("q_m2")) if kind == "dr" and g("q_m2") else mo
        d1, d2 = (int(re.match(r"\d+", g(f"{p}_d{k}")).group()) for k in ("", "2"))
        y = int(g(f"{p}_y")) if g(f"{p}_y") else (_year_of(ref, mo, d1, _near(ref, mo, d1, how)) if ref else None)
        if y is None or not (_valid(y, mo, d1) and _valid(y, mo2, d2)) or (mo2, d2) <= (mo, d1):
            return None
        return _ymd(y, mo, d1), _ymd(y, mo2, d2), "day"
    if kind == "follow":
        w, unit = g("s_w").lower(), g("s_u").lower()
        k = 1 if w in ("following", "next") else -1
        if w == "next" and not g("s_the"):
            base = ref  # "next year" counts from now, "the next year" from the narrative
        elif anchor is not None:
            base = anchor
        else:
            base = ref if k < 0 else None  # "the following year" means nothing without an earlier date
        if base is None:
            return None
        if unit == "week":
            return _week(base, k)
        return _shift(base, unit, k)
    if kind == "later":
        if anchor is None:
            return None
        k = 1 if g("u_w").lower().startswith(("later", "after")) else -1
        return _shift(anchor, g("u_u"), k * _num(g("u_n")))
    if kind == "inthe":
        base = anchor or ref
        if base is None:
            return None
        return (_ymd(base.year), None, "year") if g("v_u").lower() == "year" else (_ymd(base.year, base.month),
                                                                                     None, "month")
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
        y = _year_of(ref, mo, d, _near(ref, mo, d, how))
        return (_ymd(y, mo, d), None, "day") if _valid(y, mo, d) else None
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
        mo = _month(g("k_m"))
        cue = g("k_w").lower()
        return _ymd(_year_of(ref, mo, None, {"last": "last", "next": "future", "this": "this"}.get(cue, how)),
                    mo), None, "month"
    if kind == "rel":
        k = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[g("l_w").lower()]
        unit = g("l_u").lower()
        if unit == "week":
            if g("l_w").lower() == "past":
                return (ref - dt.timedelta(days=7)).isoformat(), ref.isoformat(), "day"
            return _week(ref, k, upto=k == 0)
        return _shift(ref, unit, k)
    if kind == "wkend":
        w = g("w_w").lower()
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)  # the latest Saturday on or before ref
        if w == "next" or (future and w != "last"):
            sat = ref + dt.timedelta(days=(5 - ref.weekday()) % 7 or 7)
        return sat.isoformat(), (sat + dt.timedelta(days=1)).isoformat(), "day"
    if kind == "ago":
        return _shift(ref, g("m_u"), -_num(g("m_n")))
    if kind == "dom":
        d = int(g("x_d"))
        y, mo = (ref.year, ref.month) if d <= ref.day else _month_shift(ref.year, ref.month, -1)
        return (_ymd(y, mo, d), None, "day") if _valid(y, mo, d) else None
    if kind == "nth" or kind == "now":
        return _ymd(ref.year), None, "year"
    if kind == "pastn":
        return _ymd(ref.year - _num(g("n_n"))), _ymd(ref.year), "year"
    if kind == "day":
        w = m.group().lower()
        k = -2 if "before" in w else 2 if "after" in w else {"yesterday": -1, "today": 0, "tomorrow": 1}[w]
        return (ref + dt.timedelta(days=k)).isoformat(), None, "day"
    if kind == "wday":
        cue = (g("o_c") or "").lower()
        day = _WEEKDAYS[g("o_w").lower()]
        if cue == "next" or (future and cue != "last"):  # the first such day after ref
            ahead = (day - ref.weekday()) % 7 or (7 if cue == "next" else 0)
            return (ref + dt.timedelta(days=ahead)).isoformat(), None, "day"
        back = (ref.weekday() - day) % 7 or (7 if cue == "last" else 0)
        return (ref - dt.timedelta(days=back)).isoformat(), None, "day"
    return None


_LETTER = {"mrel": "t", "mdy": "a", "dmy": "b", "my": "c", "md": "d", "dm": "e", "bmonth": "k", "dr": "q", "dr2": "r"}
_LOWER_MONTH_WORDS = {"may", "march", "august", "mar", "jan", "sep", "sept", "dec", "oct", "aug", "jun", "jul", "nov", "feb",
                      "apr"}


def find_dates(text: str, *, ref: dt.date | None = None, offset: int = 0,
               anchor: dt.date | None = None, ref_precision: str = "day") -> list[DateMention]:
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
        following year", "two years later" count from it, or from an earlier date
        in ``text`` itself.
    ref_precision : str
        ``day``, or ``month``/``year`` when only the publication month or year is
        known (``ref`` is then the last day of it): dates found from ``ref`` alone
        ("on Thursday", "yesterday") are cut to that precision.

    A month or day named without a year is the most recent one not after ``ref``
    ("In April, ..." in a February article is April of the year before), or the
    next one when the clause speaks of the future ("will meet on 3 May") or the
    day is at most two weeks ahead; a weekday likewise (without the two weeks).

    Examples
    --------
    >>> [(d.start, d.end, d.precision) for d in find_dates("Talks ran from 2003 to 2009 and resumed in May 2011.")]
    [('2003', '2009', 'year'), ('2011-05', None, 'month')]
    >>> find_dates("He left last year.", ref=dt.date(2020, 3, 1))[0].start
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
        a, b = m.span()
        future = ref is not None and m.lastgroup in _FUTURE_KINDS and _is_future(text, a, b)
        got = _interpret(m, ref, anchor, future)
        if got is None:
            continue
        if ref_precision != "day" and got[2] == "day" and m.lastgroup in _REF_DAY_KINDS:
            n = 7 if ref_precision == "month" else 4
            got = (got[0][:n], None, ref_precision)
        out.append(DateMention(got[0], got[1], got[2], m.group(), (a + offset, b + offset)))
        if got[2] != "decade" and m.lastgroup != "now":  # later relative dates count from this one
            anchor = got[1] or got[0]
    return out


#: Kinds read from the narrative date (or an earlier date in the text).
_ANCHORED = {"follow", "later", "inthe", "mrel"}
#: Kinds whose day is known only from the reference date's day.
_REF_DAY_KINDS = {"dom", "wday", "day", "wkend", "rel", "ago"}
#: Kinds whose reading depends on tense: a month or weekday without a year is the
#: most recent one, unless the clause speaks of the future ("will meet on Friday").
_FUTURE_KINDS = {"bmonth", "md", "dm", "dr", "dr2", "wday", "wkend"}
_TENSE_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|plans?\s+to|planned|planning|scheduled|set\s+(?:to|for)|(?:is|are)\s+due|"
    r"expected|upcoming|forthcoming|to\s+be\s+held|(?:would|could|might|may)(?!\s+have)|next)\b|'ll\b",
    re.IGNORECASE)
# the words after a date that can carry its clause's tense end at a comma or a subordinate clause
_CLEFT = re.compile(r"\bit\s+(?:is|was|will\s+be)\s+(?:\w+\s+)?$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,.;:!?()\"]|\b(?:when|if|that|which|who|as|after|before|while|because|since|until)\b",
                         re.IGNORECASE)
_PAST_AFTER = re.compile(r"\b(?:said|says|reported|reports|told|announced|added|wrote|according)\b", re.IGNORECASE)


def _is_future(text: str, a: int, b: int) -> bool:
    """Whether the sentence around ``text[a:b]`` speaks of the future.

    A future cue ("will", "is set to", "scheduled", "could") before the date with
    no reporting verb ("said", "reported") after it, or after the date in its own
    clause with none in between ("In May the navies will hold drills"); 80
    characters each way.
    """
    lo = max(0, a - 80)
    before = text[max(lo, max(text.rfind(c, lo, a) for c in ".;!?") + 1):a]
    cue = None
    for cue in _TENSE_FUTURE.finditer(before):
        pass
    if cue is not None and not _PAST_AFTER.search(before, cue.end()):
        return True
    after = text[b:b + 80]
    end = _CLAUSE_END.search(after)
    if end and end.group().lower() == "that" and _CLEFT.search(text, max(0, a - 30), a):
        end = _CLAUSE_END.search(after, end.end())  # "it is in May that the navies will ...": one clause
    after = after[:end.start()] if end else after
    cue = _TENSE_FUTURE.search(after)
    return cue is not None and not _PAST_AFTER.search(after, 0, cue.start())


# "dated" only at a line's start: in running text it dates a document the article cites ("a letter dated ...")
_PUBLISHED = re.compile(
    rf"(?:\b(?:published|posted|updated|date)\b|^[ \t]*dated\b)\s*(?:on|:)?\s*(?P<d>(?:{_MON}\s+{_DAY},?\s+{_YEAR})|"
    rf"(?:{_DAY}\s+{_MON},?\s+{_YEAR})|(?:{_YEAR}-\d\d-\d\d)|(?:{_YEAR}-(?:0[1-9]|1[0-2])(?![\d-])))",
    re.IGNORECASE | re.MULTILINE)
_DATE_LINE = re.compile(rf"^\s*(?:\w+day,?\s+)?(?P<d>(?:{_MON}\s+{_DAY},?\s+{_YEAR})|(?:{_DAY}\s+{_MON},?\s+{_YEAR})|"
                        rf"(?:{_YEAR}-\d\d-\d\d))\s*$", re.MULTILINE)
_DATELINE = re.compile(rf"^\s*(?:[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){{0,3}}|(?P<tc>[A-Z][a-z.'-]+(?:\s[A-Z][a-z.'-]+){{0,2}}))"
                       rf",\s*(?P<m>{_MON})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\s*(?P<ag>\([^()\n]{{1,30}}\))?"
                       rf"\s*[-–—]", re.MULTILINE)
_FUTURE_CUE = re.compile(r"(?:\bby|\buntil|\bbefore|\bthrough|\bthe\s+year)\s*$", re.IGNORECASE)


@lru_cache(maxsize=4096)  # called for every sentence with the same few narrative dates
def to_date(s: str) -> dt.date:
    """An ISO ``YYYY[-MM[-DD]]`` string as a date (missing month or day: the first)."""
    parts = [int(p) for p in s.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def detect_date(text: str) -> dt.date | None:
    """The publication date stated in a document, to the day, if any (see :func:`detect_reference`).

    Examples
    --------
    >>> detect_date("Title\\nPublished: 3 March 2021\\nText.")
    datetime.date(2021, 3, 3)
    """
    found = detect_reference(text)
    return found[0] if found is not None and found[1] == "day" else None


def detect_reference(text: str) -> tuple[dt.date, str] | None:
    """The publication date stated in a document, if any.

    Looks for a "Published/Posted/Updated/Date:" line anywhere (the page store's
    leading `` date YYYY-MM-DD`` line included; `` date YYYY-MM`` gives only the
    month), or a line that holds nothing but a full date within the first 2,000
    characters, or a news dateline ("TOKYO, December 5 (TASS) -", "Seoul, Oct. 11
    (Yonhap) -"; without a year, the first year that does not put the dateline
    before the latest date the text mentions).

    Returns
    -------
    (datetime.date, str) or None
        The date and its precision, ``day`` or ``month`` (then the date is the
        month's last day, the latest the document can be from).

    Examples
    --------
    >>> detect_reference("Title\\n date 2021-03 \\nText.")
    (datetime.date(2021, 3, 31), 'month')
    """
    from .normalize import normalize
    text = normalize(text)
    m = _PUBLISHED.search(text) or _DATE_LINE.search(text[:2000])
    if not m:
        d = next((x for x in _DATELINE.finditer(text[:2000]) if x.group("ag") or not x.group("tc")), None)
        if d is None:  # "TOKYO, December 5 (TASS) -" (a Title-case place needs the agency): year from the text
            return None
        mo, day = _month(d.group("m")), int(re.match(r"\d+", d.group("d")).group())
        year = int(d.group("y")) if d.group("y") else None
        if year is None:
            latest = latest_date(text)
            if latest is None:
                return None
            year = latest.year if (mo, day) >= (latest.month, latest.day) else latest.year + 1
        return (dt.date(year, mo, day), "day") if _valid(year, mo, day) else None
    month_only = re.fullmatch(r"(\d{4})-(\d\d)", m.group("d"))
    if month_only:  # the month's last day: the latest the document can be from
        y, mo = _month_shift(int(month_only.group(1)), int(month_only.group(2)), 1)
        return dt.date(y, mo, 1) - dt.timedelta(days=1), "month"
    found = find_dates(m.group("d"))
    if found and found[0].precision == "day":
        return to_date(found[0].start), "day"
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
