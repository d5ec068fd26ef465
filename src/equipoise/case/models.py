"""Pydantic models of a case: the file format and the Python API are one.

A case describes a strategic system: sources, actors, periods, events, relations,
indicators, issues (positions, salience, capability), claims and games. Every
value may cite evidence as ``source:paragraph:sentence`` locators into a source's
text (paragraphs and sentences numbered from 1, see
:mod:`equipoise.evidence.segment`). Values without evidence are allowed but are
reported as warnings by :func:`equipoise.case.validate.check_case`.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic_core import PydanticCustomError, PydanticUndefined
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

__all__ = [
    "MAX_MAGNITUDE", "check_finite", "FuzzyDate", "LocatorError", "split_locator", "Provenance", "Evidence", "Estimate", "Source", "Leader", "Actor", "Period",
    "Quantity", "Event", "Relation", "IndicatorPoint", "Indicator", "Anchor", "Stance", "Outcome",
    "Issue", "Check", "Claim", "GameParameter", "Player", "PayoffRow", "GameAlternative", "Game", "CaseInfo", "Case",
]


MAX_MAGNITUDE = 1e18  # largest number a case may hold: above any real quantity, far from float overflow


def check_finite(data: Any) -> Any:
    """Refuse NaN, ±inf and numbers beyond ±:data:`MAX_MAGNITUDE` among a model's raw inputs
    (its own values and lists of values; nested models check theirs), naming the field."""
    items = data.items() if isinstance(data, dict) else [(None, data)]
    for key, value in items:
        kind = type(value)
        if kind is str or value is None or ((kind is float or kind is int) and -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE):
            continue  # the common cases, decided without a conversion (NaN fails the comparison)
        for x in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(x, (int, float)) and not isinstance(x, bool):
                try:
                    ok = abs(float(x)) <= MAX_MAGNITUDE  # False for NaN
                except OverflowError:
                    ok = False
                if not ok:  # the loader adds ctx["field"] to the error's path
                    raise PydanticCustomError("non_finite", "{field}expected a finite number of magnitude at most "
                                              "{limit}, got {got}", {"field": f"{key}: " if key else "",
                                                                     "key": key, "limit": f"{MAX_MAGNITUDE:g}",
                                                                     "got": repr(x)[:40]})
    return data


_ATOMIC = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime, bytes})
_MISSING = object()


def _deep_copy(x: Any, memo: dict) -> Any:
    """:func:`copy.deepcopy` specialised to case data (models, lists, dicts, tuples, atoms): the same
    copy, shared references shared alike (``memo``), about five times faster. Anything else goes to
    :func:`copy.deepcopy` with the same ``memo``."""
    kind = type(x)
    if kind in _ATOMIC:
        return x
    y = memo.get(id(x), _MISSING)
    if y is not _MISSING:
        return y
    if kind is list:
        y = memo[id(x)] = []
        y.extend([v if type(v) in _ATOMIC else _deep_copy(v, memo) for v in x])
    elif kind is dict:
        y = memo[id(x)] = {}
        for k, v in x.items():
            y[k if type(k) in _ATOMIC else _deep_copy(k, memo)] = v if type(v) in _ATOMIC else _deep_copy(v, memo)
    elif kind is tuple:
        items = [_deep_copy(v, memo) for v in x]
        y = memo[id(x)] = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif isinstance(x, _Model):
        y = memo[id(x)] = x._copy_into(memo)
    else:
        y = copy.deepcopy(x, memo)
    return y


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True, allow_inf_nan=False)

    _finite = model_validator(mode="before")(classmethod(lambda cls, data: check_finite(data)))

    def __deepcopy__(self, memo: dict | None = None) -> Any:
        # what BaseModel.__deepcopy__ does, without copy.deepcopy's generic dispatch at every value
        # (a case's as-of copy and the Monte Carlo working copies went from ~0.6 s to ~0.1 s)
        return self._copy_into({} if memo is None else memo)

    def _copy_into(self, memo: dict) -> Any:
        cls = type(self)
        new = cls.__new__(cls)
        memo[id(self)] = new
        object.__setattr__(new, "__dict__", {k: v if type(v) in _ATOMIC else _deep_copy(v, memo)
                                             for k, v in self.__dict__.items()})
        object.__setattr__(new, "__pydantic_extra__", _deep_copy(self.__pydantic_extra__, memo))
        object.__setattr__(new, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        private = getattr(self, "__pydantic_private__", None)
        object.__setattr__(new, "__pydantic_private__", None if private is None else _deep_copy(
            {k: v for k, v in private.items() if v is not PydanticUndefined}, memo))
        return new


# ---------------------------------------------------------------- dates

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parse_point(text: str) -> tuple[dt.date, dt.date, str]:
    """First and last day covered by an ISO date of year, month or day precision."""
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    y, mo, d = int(m[1]), m[2], m[3]
    if mo is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    mo = int(mo)
    if not 1 <= mo <= 12:
        raise ValueError(f"month out of range in {text!r}")
    if d is None:
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return dt.date(y, mo, 1), nxt - dt.timedelta(days=1), "month"
    try:
        day = dt.date(y, mo, int(d))
    except ValueError as exc:
        raise ValueError(f"no such day {text!r}") from exc
    return day, day, "day"


class FuzzyDate(_Model):
    """A date at its precision: ``2018-08-15`` (day), ``2017-01`` (month), ``2014``
    (year), ``2012/2014-03`` (interval) or ``2022/..`` (open interval), EDTF style.

    ``start`` and ``end`` are the first and last day the expression can cover;
    ``end`` is ``None`` for an open interval.
    """

    text: str
    precision: Literal["day", "month", "year", "interval", "open"]
    start: dt.date
    end: dt.date | None

    @classmethod
    def parse(cls, value: Any) -> "FuzzyDate":
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dict):
            return cls(**value)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(text=value.isoformat(), precision="day", start=value, end=value)
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date such as 2018-08-15, 2017-01, 2014, 2012/2014 or 2022/.., got {value!r}")
        text = value.strip()
        if "/" in text:
            a, b = (p.strip() for p in text.split("/", 1))
            start = _parse_point(a)[0]
            if b in ("..", ""):
                return cls(text=text, precision="open", start=start, end=None)
            end = _parse_point(b)[1]
            if end < start:
                raise ValueError(f"interval {text!r} ends before it starts")
            return cls(text=text, precision="interval", start=start, end=end)
        start, end, precision = _parse_point(text)
        return cls(text=text, precision=precision, start=start, end=end)

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether this date can fall in ``[start, end]`` (``end`` None = open)."""
        mine_end = self.end or dt.date.max
        return self.start <= (end or dt.date.max) and mine_end >= start

    def within(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether the whole of this date lies in ``[start, end]``."""
        return self.start >= start and (end is None or (self.end is not None and self.end <= end))

    @property
    def midpoint(self) -> dt.date:
        end = self.end or self.start
        return self.start + (end - self.start) / 2

    def __str__(self) -> str:
        return self.text


DateField = Annotated[FuzzyDate, BeforeValidator(FuzzyDate.parse)]


def _date_or_none(value: Any) -> Any:
    return None if value in (None, "", "..") else FuzzyDate.parse(value)


OptDateField = Annotated[FuzzyDate | None, BeforeValidator(_date_or_none)]


# ---------------------------------------------------------------- knowable when (as-of; issue 14)
# Every dated value may say when it became knowable. Without ``known``, its availability is the
# publication date of its evidence (see :mod:`equipoise.case.asof`); ``Case.as_of`` uses both.

class _Known(_Model):
    known: OptDateField = Field(default=None, description="when this value became knowable (default: the "
                                "publication date of its evidence, see equipoise.case.asof)")

# ---------------------------------------------------------------- end of the as-of block


# ---------------------------------------------------------------- provenance of reviewed values

class Provenance(_Model):
    """Where a value added or changed by review (``equipoise review``) came from.

    Written by :func:`equipoise.case.update.apply_proposals`: the document (a
    source id of the case), its address, the proposal, the day it was accepted,
    and, for evidence, whether it supports or contradicts the value.
    """

    document: str
    address: str | None = None
    proposal: str
    accepted: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    by: str = "review"
    direction: Literal["supports", "contradicts"] | None = None
    note: str | None = None


# ---------------------------------------------------------------- evidence and estimates

class LocatorError(ValueError):
    """A malformed evidence locator (not ``SOURCE[:PARAGRAPH[:SENTENCE]]``)."""


def split_locator(text: str, *, minimum: int | None = None) -> tuple[str, int | None, int | None]:
    """``SOURCE[:PARAGRAPH[:SENTENCE]]`` -> ``(source, paragraph, sentence)`` (absent numbers ``None``).

    With ``minimum``, paragraph and sentence numbers below it are malformed too.

    Raises
    ------
    LocatorError
        If ``text`` is not such a locator.
    """
    parts = text.split(":")
    if len(parts) > 3 or not parts[0] or not all(p.isdecimal() and len(p) <= 7 and (minimum is None or int(p) >= minimum)
                                                 for p in parts[1:]):
        raise LocatorError(f"expected a locator SOURCE[:PARAGRAPH[:SENTENCE]] such as belo2018:5:3, got "
                           f"{text[:80]!r}")
    nums = [int(p) for p in parts[1:]] + [None, None]
    return parts[0], nums[0], nums[1]


class Evidence(_Model):
    """A locator into a source: paragraph and sentence numbered from 1.

    Written as ``belo2018:5:3`` or as a mapping ``{source, paragraph, sentence, note}``.
    """

    source: str
    paragraph: int | None = Field(default=None, ge=1, lt=10_000_000)
    sentence: int | None = Field(default=None, ge=1, lt=10_000_000)
    note: str | None = None
    direction: Literal["supports", "contradicts"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            source, paragraph, sentence = split_locator(value)
            out: dict[str, Any] = {"source": source}
            if paragraph is not None:
                out["paragraph"] = paragraph
            if sentence is not None:
                out["sentence"] = sentence
            return out
        return value

    def __str__(self) -> str:
        return ":".join(str(p) for p in (self.source, self.paragraph, self.sentence) if p is not None)


class Estimate(_Model):
    """A value with an uncertainty range ``[low, high]`` (defaults to the value itself).

    Written as a number, or ``{value: 40, range: [30, 50]}``.
    """

    value: float
    low: float | None = None
    high: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number, got a boolean")
        if isinstance(value, (int, float)):
            return {"value": value}
        if isinstance(value, dict) and "range" in value:
            rng = value["range"]
            if not (isinstance(rng, (list, tuple)) and len(rng) == 2):
                raise ValueError(f"range must be [low, high], got {rng!r}")
            value = {k: v for k, v in value.items() if k != "range"}
            value["low"], value["high"] = rng
        return value

    @model_validator(mode="after")
    def _check(self) -> "Estimate":
        if self.low is None:
            self.low = self.value
        if self.high is None:
            self.high = self.value
        if not self.low <= self.value <= self.high:
            raise ValueError(f"expected low <= value <= high, got {self.low} <= {self.value} <= {self.high}")
        return self

    @property
    def range(self) -> tuple[float, float]:
        return (float(self.low), float(self.high))


def _in_range(est: Estimate, lo: float, hi: float, what: str) -> Estimate:
    if est.low < lo or est.high > hi:
        raise ValueError(f"{what} must lie in [{lo:g}, {hi:g}], got {est.value:g} (range {est.low:g}..{est.high:g})")
    return est


# ---------------------------------------------------------------- sources, actors, periods

class Source(_Model):
    """A bibliographic record. The project ships no third-party text: ``file`` names
    the local file when the text is at hand; ``paragraphs`` (optional) lets
    validation check locators without the text."""

    id: str
    author: str | None = None
    title: str
    outlet: str | None = None
    date: OptDateField = None
    url: str | None = None
    file: str | None = None
    kind: Literal["article", "dataset", "book", "report", "other"] = "article"
    paragraphs: int | None = Field(default=None, ge=1)
    note: str | None = None
    provenance: list[Provenance] = []

    def citation(self) -> str:
        bits = [f"{self.author or 'Anon.'} ({self.date or 'n.d.'})", self.title]
        if self.outlet:
            bits.append(self.outlet)
        text = ""
        for b in bits:
            b = b.rstrip(".")
            text += b + ("" if b.endswith(("?", "!")) else ".") + " "
        return text.strip()


class Leader(_Model):
    """A term in office; ``end`` absent means in office at the case's cut-off."""

    name: str
    role: str = "leader"
    start: DateField
    end: OptDateField = None
    aliases: list[str] = []
    evidence: list[Evidence] = []
    provenance: list[Provenance] = []


class Actor(_Model):
    """A state (ISO3 code), institution (``UNSC``, ``SCO``, ...) or other actor."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,11}$")
    name: str
    aliases: list[str] = []
    kind: Literal["state", "institution", "forum", "organisation", "group", "person"] = "state"
    ccode: int | None = Field(default=None, description="Correlates of War state code")
    predecessor: str | None = None
    successor: str | None = None
    members: list[str] = []
    leaders: list[Leader] = []
    note: str | None = None
    provenance: list[Provenance] = []

    def leader_on(self, day: dt.date) -> Leader | None:
        for leader in self.leaders:
            if leader.start.start <= day and (leader.end is None or day <= (leader.end.end or dt.date.max)):
                return leader
        return None


class Period(_Model):
    """A named interval ``[start, end]``; periods in one ``sequence`` must not overlap."""

    id: str
    name: str
    start: DateField
    end: OptDateField = None
    sequence: str = "main"
    note: str | None = None
    evidence: list[Evidence] = []

    @property
    def first_day(self) -> dt.date:
        return self.start.start

    @property
    def last_day(self) -> dt.date | None:
        return None if self.end is None else self.end.end

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)

    @property
    def label(self) -> str:
        end = self.end.text if self.end else ""
        return f"{self.name} ({self.start.text}–{end})"


# ---------------------------------------------------------------- events and relations

class Quantity(_Model):
    value: float
    unit: str
    note: str | None = None


class Event(_Known):
    """Who did what to whom, when: a CAMEO-coded event with its evidence."""

    id: str
    date: DateField
    source: list[str] = Field(min_length=1, description="actor codes initiating the event")
    target: list[str] = []
    code: str = Field(pattern=r"^\d{2,4}$", description="CAMEO event code")
    kind: str | None = Field(default=None, description="a short free label, e.g. summit, sanctions")
    description: str
    quantity: Quantity | None = None
    period: str | None = None
    evidence: list[Evidence] = []
    provenance: list[Provenance] = []

    @field_validator("code", mode="before")
    @classmethod
    def _code_str(cls, v: Any) -> Any:
        if isinstance(v, int):
            raise ValueError(f"write CAMEO codes as quoted strings ('0{v}' or '{v}'), got the number {v}")
        return v

    @property
    def actors(self) -> list[str]:
        return list(dict.fromkeys(self.source + self.target))


RELATION_KINDS = ("alliance", "patronage", "partnership", "trade_dependence", "rivalry",
                  "hostility", "sanctions", "mediation", "neutral", "estrangement", "cooperation")


class Relation(_Known):
    """A signed strength in [-1, 1] for a dyad in a period or date range."""

    actors: tuple[str, str]
    period: str | None = None
    start: OptDateField = None
    end: OptDateField = None
    value: Estimate
    kind: Literal[RELATION_KINDS] = "neutral"  # type: ignore[valid-type]
    note: str | None = None
    judgement: str | None = Field(default=None, description="the analyst's reasoning for a value the evidence "
                                  "does not state outright (or where no source is cited)")
    evidence: list[Evidence] = []
    provenance: list[Provenance] = []

    @field_validator("value")
    @classmethod
    def _range(cls, v: Estimate) -> Estimate:
        return _in_range(v, -1.0, 1.0, "relation strength")

    @model_validator(mode="after")
    def _when(self) -> "Relation":
        if self.actors[0] == self.actors[1]:
            raise ValueError(f"a relation needs two different actors, got {self.actors[0]} twice")
        if self.period is None and self.start is None:
            raise ValueError("a relation needs a period or a start date")
        return self

    @property
    def dyad(self) -> tuple[str, str]:
        return tuple(sorted(self.actors))  # type: ignore[return-value]


# ---------------------------------------------------------------- indicators

class IndicatorPoint(_Known):
    year: int = Field(ge=1000, le=2200)
    value: float
    low: float | None = None
    high: float | None = None
    source: str
    status: Literal["stated", "derived", "estimate", "computed"] = "stated"
    n: int | None = Field(default=None, ge=0, description="observations behind a computed value (e.g. votes both cast)")
    note: str | None = None
    provenance: list[Provenance] = []


class Indicator(_Model):
    """A yearly series for one actor or a dyad, each point citing a source."""

    id: str
    name: str
    unit: str
    actors: list[str] = Field(min_length=1, max_length=2)
    series: str = Field(description="the underlying statistic; points of different series are never joined")
    note: str | None = None
    points: list[IndicatorPoint] = Field(min_length=1)
    provenance: list[Provenance] = []

    def value(self, year: int) -> float | None:
        for p in self.points:
            if p.year == year:
                return p.value
        return None


# ---------------------------------------------------------------- issues

class Anchor(_Model):
    value: float = Field(ge=0, le=100)
    label: str


class Stance(_Known):
    """An actor's position, salience and capability on an issue in a period."""

    actor: str
    period: str
    position: Estimate
    salience: Estimate
    capability: Estimate
    note: str | None = None
    judgement: str | None = Field(default=None, description="the analyst's reasoning for a value the evidence "
                                  "does not state outright (or where no source is cited)")
    evidence: list[Evidence] = []
    provenance: list[Provenance] = []

    @field_validator("position", "salience")
    @classmethod
    def _scale(cls, v: Estimate, info: Any) -> Estimate:
        return _in_range(v, 0.0, 100.0, info.field_name)

    @field_validator("capability")
    @classmethod
    def _cap(cls, v: Estimate) -> Estimate:
        if v.low < 0:
            raise ValueError(f"capability must not be negative, got {v.low:g}")
        return v


class Outcome(_Known):
    """What actually happened on an issue in a period (for retrodiction)."""

    period: str
    value: Estimate
    note: str | None = None
    evidence: list[Evidence] = []

    @field_validator("value")
    @classmethod
    def _scale(cls, v: Estimate) -> Estimate:
        return _in_range(v, 0.0, 100.0, "outcome")


class Issue(_Model):
    """A policy question on a 0-100 scale with labelled anchors."""

    id: str
    name: str
    question: str | None = None
    anchors: list[Anchor] = Field(min_length=2)
    arises: OptDateField = Field(default=None, description="when the question first arose (e.g. the first UN "
                                 "sanctions); in periods that end before it the issue is not applicable")
    stances: list[Stance] = []
    outcomes: list[Outcome] = []
    note: str | None = None
    # issue 14 (veto-player model): who decides; an institution stands for its members, each a veto player
    decided_by: list[str] = Field(default=[], description="actors whose consent the outcome needs (an institution "
                                  "stands for its members); read by the veto-player model")
    proposer: str | None = Field(default=None, description="the actor that drafts proposals (agenda setter)")

    def applies_in(self, period: Period) -> bool:
        """Whether the issue had arisen by the end of ``period`` (always, if ``arises`` is not set)."""
        return self.arises is None or period.last_day is None or period.last_day >= self.arises.start


# ---------------------------------------------------------------- claims

CHECK_KINDS = ("relation_compare", "position_between", "triangle", "bloc", "equilibrium",
               "forecast", "indicator_trend", "indicator_compare", "hedging", "event_exists", "measured_compare")


class Check(_Model):
    """The machine-checkable form of a claim: structured data, never code.

    ``kind`` selects which fields are read:

    - ``relation_compare``: ``dyad`` (+``period``) ``op`` (``>``, ``<``, ``>=``, ``<=``) and
      either ``other_dyad``/``other_period`` or ``value``.
    - ``position_between``: ``issue``, ``period``, ``actor`` lies between ``between`` [A, B].
    - ``triangle``: ``actors`` [A, B, C], ``period``, and ``configuration`` and/or ``role``
      ({actor: role}).
    - ``bloc``: ``period``, ``together`` (same bloc) and/or ``apart`` (pairs in different blocs).
    - ``equilibrium``: ``game``, ``period``, ``actor`` plays ``strategy`` (or any of a list).
    - ``forecast``: ``issue``, ``period``, ``model`` forecast lies in ``range``.
    - ``indicator_trend``: ``indicator`` from year ``start`` to ``end`` goes ``direction`` up/down.
    - ``indicator_compare``: ``indicator`` in year ``year`` ``op`` ``value``.
    - ``hedging``: ``actor`` between ``patrons`` [A, B] in ``period`` with index in ``range``.
    - ``event_exists``: an event of ``code`` prefix among ``actors`` in ``period``.
    - ``measured_compare``: the measured ``series`` (e.g. ``unga_kappa``) of ``dyad`` in
      ``period`` ``op`` ``value`` or the same series for ``other_dyad``/``other_period``.
    """

    kind: Literal[CHECK_KINDS]  # type: ignore[valid-type]
    dyad: tuple[str, str] | None = None
    period: str | None = None
    op: Literal[">", "<", ">=", "<="] | None = None
    other_dyad: tuple[str, str] | None = None
    other_period: str | None = None
    value: float | None = None
    issue: str | None = None
    actor: str | None = None
    between: tuple[str, str] | None = None
    actors: list[str] | None = None
    configuration: Literal["menage_a_trois", "romantic_triangle", "stable_marriage", "unit_veto"] | None = None
    role: dict[str, str] | None = None
    together: list[str] | None = None
    apart: list[tuple[str, str]] | None = None
    game: str | None = None
    strategy: str | list[str] | None = None
    model: str | None = None
    range: tuple[float, float] | None = None
    indicator: str | None = None
    start: int | None = None
    end: int | None = None
    year: int | None = None
    direction: Literal["up", "down"] | None = None
    patrons: tuple[str, str] | None = None
    code: str | None = None
    series: str | None = Field(default=None, description="measured series of a measured_compare check")
    initiator: list[str] | None = Field(default=None, description="event_exists: only events these actors "
                                        "initiate (the event's source), so that a directed claim is not "
                                        "satisfied by events running the other way")
    definitional: bool = Field(default=False, description="the check cannot fail (true by definition or by "
                               "the UN Charter, or the actor's position is bounded by actors at the ends of "
                               "the scale): shown, but not counted as support for the claim")

    _REQUIRED = {
        "relation_compare": ("dyad", "period", "op"),
        "position_between": ("issue", "period", "actor", "between"),
        "triangle": ("actors", "period"),
        "bloc": ("period",),
        "equilibrium": ("game", "period", "actor", "strategy"),
        "forecast": ("issue", "period", "model", "range"),
        "indicator_trend": ("indicator", "start", "end", "direction"),
        "indicator_compare": ("indicator", "year", "op", "value"),
        "hedging": ("actor", "patrons", "period", "range"),
        "event_exists": ("actors",),
        "measured_compare": ("series", "dyad", "period", "op"),
    }

    @property
    def strategies(self) -> list[str]:
        """``strategy`` as a list (an equilibrium check accepts one strategy or several)."""
        return [] if self.strategy is None else [self.strategy] if isinstance(self.strategy, str) else list(self.strategy)

    @model_validator(mode="after")
    def _fields_for_kind(self) -> "Check":
        missing = [f for f in self._REQUIRED[self.kind] if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.kind} check needs {', '.join(missing)}")
        if self.kind in ("relation_compare", "measured_compare") and self.value is None and self.other_dyad is None \
                and self.other_period is None:
            raise ValueError(f"a {self.kind} check needs value, other_dyad or other_period")
        if self.kind == "triangle" and (self.actors is None or len(self.actors) != 3):
            raise ValueError("a triangle check needs exactly three actors")
        if self.kind == "triangle" and self.configuration is None and not self.role:
            raise ValueError("a triangle check needs configuration or role")
        if self.kind == "bloc" and not self.together and not self.apart:
            raise ValueError("a bloc check needs together or apart")
        return self


class Claim(_Known):
    """A statement a source makes about the system, in our own words."""

    id: str
    text: str
    source: str
    evidence: list[Evidence] = []
    check: Check | None = None
    checks: list[Check] = []
    note: str | None = None
    provenance: list[Provenance] = []

    @property
    def all_checks(self) -> list[Check]:
        return ([self.check] if self.check else []) + list(self.checks)


# ---------------------------------------------------------------- games

class GameParameter(_Model):
    """A named quantity a payoff expression may use: a constant (with range) or a
    reference into the case for the game's period."""

    value: Estimate | None = None
    relation: tuple[str, str] | None = None
    indicator: str | None = None
    year: int | None = None
    issue: str | None = None
    actor: str | None = None
    field: Literal["position", "salience", "capability"] | None = None
    fallback: Estimate | None = Field(None, description="value used in a period for which the case has no such "
                                      "relation, indicator value or stance; results mark it as assumed")
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "GameParameter":
        kinds = [self.value is not None, self.relation is not None, self.indicator is not None,
                 self.issue is not None]
        if sum(kinds) != 1:
            raise ValueError("a parameter is exactly one of value, relation, indicator or issue")
        if self.issue is not None and (self.actor is None or self.field is None):
            raise ValueError("an issue parameter needs actor and field (position, salience or capability)")
        if self.value is not None and self.fallback is not None:
            raise ValueError("fallback is for references into the case (relation, indicator, issue), not constants")
        return self


class Player(_Model):
    actor: str
    strategies: list[str] = Field(min_length=1)


class PayoffRow(_Model):
    """Payoffs for one strategy profile: one expression per player, in player order."""

    profile: list[str]
    payoffs: list[str | float]


class Expectation(_Model):
    """What the documents lead us to expect of a game in a period.

    ``strategies`` maps an actor to the strategy (or any of the strategies) the
    record shows it choosing; the result of the game is checked against it.
    ``explanation`` is the analyst's account of a known disagreement between the
    model and the record, shown beside the computed one. Written as plain text,
    an expectation is shown but not checked.
    """

    text: str
    strategies: dict[str, list[str]] = {}
    explanation: str | None = None
    evidence: list[Evidence] = []

    @model_validator(mode="before")
    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        if isinstance(value, dict) and isinstance(value.get("strategies"), dict):
            value = dict(value)
            value["strategies"] = {k: [v] if isinstance(v, str) else v for k, v in value["strategies"].items()}
        return value


class GameAlternative(_Model):
    """A functional form the analyst considered and rejected (issue 14: structural sensitivity).

    ``substitute`` maps a piece of payoff-expression text to its replacement; the
    sensitivity analysis solves the game under each alternative and reports
    whether the result changes.
    """

    id: str
    note: str
    substitute: dict[str, str] = Field(min_length=1)


class Game(_Model):
    """A normal-form game whose payoffs are expressions over named parameters."""

    id: str
    name: str
    note: str | None = None
    periods: list[str] = []
    players: list[Player] = Field(min_length=2)
    parameters: dict[str, GameParameter] = {}
    payoffs: list[PayoffRow] = Field(min_length=1)
    expectations: dict[str, Expectation] = Field(default_factory=dict,
                                                 description="period id -> what the record leads us to expect")
    alternatives: list[GameAlternative] = Field(default=[], description="rejected functional forms, re-run by "
                                                "the sensitivity analysis (issue 14)")
    evidence: list[Evidence] = []


# ---------------------------------------------------------------- the case

class CaseInfo(_Model):
    """The case's identity. ``cutoff`` is the data cut-off: the last day the case's
    record claims to cover. Outputs state it, and validation flags periods, leader
    terms and indicators that run past it or end long before it."""

    id: str
    title: str
    description: str | None = None
    version: str = "1"
    authors: list[str] = []
    cutoff: OptDateField = Field(default=None, description="data cut-off: the record covers events up to this day")

    @property
    def cutoff_day(self) -> dt.date | None:
        """Last day covered by the cut-off (``None`` if undeclared)."""
        return None if self.cutoff is None else self.cutoff.end


class Case(_Model):
    """A whole case. Load one with :func:`equipoise.case.load_case`."""

    case: CaseInfo
    sources: list[Source] = []
    actors: list[Actor] = Field(min_length=1)
    periods: list[Period] = []
    events: list[Event] = []
    relations: list[Relation] = []
    indicators: list[Indicator] = []
    issues: list[Issue] = []
    claims: list[Claim] = []
    games: list[Game] = []
    _located: Any = PrivateAttr(default=None)
    _as_of: Any = PrivateAttr(default=None)  # set by as_of(): the cut-off and what it dropped
    _relation_index: Any = PrivateAttr(default=None)

    # ---- lookups used across the analysis layer
    def actor(self, code: str) -> Actor:
        for a in self.actors:
            if a.code == code:
                return a
        raise KeyError(code)

    def period(self, pid: str) -> Period:
        for p in self.periods:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def source(self, sid: str) -> Source:
        for s in self.sources:
            if s.id == sid:
                return s
        raise KeyError(sid)

    def issue(self, iid: str) -> Issue:
        for i in self.issues:
            if i.id == iid:
                return i
        raise KeyError(iid)

    def indicator(self, iid: str) -> Indicator:
        for i in self.indicators:
            if i.id == iid:
                return i
        raise KeyError(iid)

    def game(self, gid: str) -> Game:
        for g in self.games:
            if g.id == gid:
                return g
        raise KeyError(gid)

    def period_of(self, day: dt.date, sequence: str = "main") -> Period | None:
        for p in self.periods:
            if p.sequence == sequence and p.contains(day):
                return p
        return None

    def periods_in(self, sequence: str = "main") -> list[Period]:
        """The periods of one ``sequence``, in case order (other sequences are dyad-specific schemes)."""
        return [p for p in self.periods if p.sequence == sequence]

    @property
    def main_periods(self) -> list[Period]:
        """The periods analyses run over: the ``main`` sequence, or every period if the case has none.

        Other sequences are dyad-specific schemes (see :meth:`relation`), not stages of the system."""
        return self.periods_in("main") or list(self.periods)

    def _relations_indexed(self, rebuild: bool = False) -> tuple[dict, dict]:
        """Relations by (dyad, period) and dated relations by dyad, built once per relations list.

        Rebuilt when ``relations`` is replaced or changes length (a scenario appends); a
        relation edited in place is the same object, so the index still finds it. The second
        dict holds, per dyad, every relation that can stand in by date overlap: dated ones and
        those coded on a period scheme (``sequence``) of their own.
        """
        idx = self._relation_index
        if rebuild or idx is None or idx[0] is not self.relations or idx[1] != len(self.relations):
            by_period: dict = {}
            dated: dict = {}
            for r in self.relations:
                if r.period is not None:
                    by_period.setdefault((r.dyad, r.period), r)
                if r.period is not None or r.start is not None:
                    dated.setdefault(r.dyad, []).append(r)
            idx = self._relation_index = (self.relations, len(self.relations), by_period, dated)
        return idx[2], idx[3]

    def relation(self, a: str, b: str, period: str) -> Relation | None:
        """The relation of dyad {a, b} in ``period``.

        Looked up by period id first. A dyad coded on another period scheme (a
        relation whose ``period`` belongs to another ``sequence``, or that gives
        ``start``/``end`` dates instead of a period) takes the value whose span
        overlaps ``period`` for the most days (the later one on a tie), so that a
        dyad Russian policy stages do not concern can keep its own periods.
        """
        dyad = tuple(sorted((a, b)))
        per = self.period(period)
        by_period, dated = self._relations_indexed()
        r = by_period.get((dyad, period))
        if r is not None and (r.dyad != dyad or r.period != period):  # edited in place since indexed
            by_period, dated = self._relations_indexed(rebuild=True)
            r = by_period.get((dyad, period))
        if r is not None:
            return r
        lo, hi = per.first_day, per.last_day or dt.date.max
        best, best_days = None, 0
        for r in dated.get(dyad, ()):
            if r.period is not None:
                other = next((p for p in self.periods if p.id == r.period), None)
                if other is None or other.sequence == per.sequence:
                    continue
                r_lo, r_hi = other.first_day, other.last_day or dt.date.max
            elif r.start is not None:  # dates: from start to end (or the span of start alone)
                r_lo = r.start.start
                r_hi = (r.start.end if r.end is None else r.end.end) or dt.date.max
            else:
                continue
            days = (min(hi, r_hi) - max(lo, r_lo)).days + 1
            if days > 0 and days >= best_days:
                best, best_days = r, days
        return best

    def stances(self, issue: str, period: str) -> list[Stance]:
        return sorted((s for s in self.issue(issue).stances if s.period == period), key=lambda s: s.actor)

    # ---- knowable when (issue 14): the case as it could be known at a date
    def as_of(self, date: Any, *, rule: str = "evidence") -> "Case":
        """The case as knowable on ``date``: see :func:`equipoise.case.asof.case_as_of`."""
        from .asof import case_as_of
        return case_as_of(self, date, rule=rule)
