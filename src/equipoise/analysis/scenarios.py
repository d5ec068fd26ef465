"""What-if scenarios: change a case from a date, re-run the analyses, diff against the baseline.

A scenario file (YAML) names a base case (``default`` or a path relative to the
file), a ``date`` from which its changes hold, and a list of changes::

    name: ukraine_ceasefire
    title: A ceasefire in Ukraine
    case: default
    date: 2025-01
    changes:
      - {action: set, what: relation, actors: [RUS, UKR], value: {value: -0.4, range: [-0.6, -0.2]}}
      - {action: shift, what: salience, issue: arms_cooperation, actor: RUS, by: -30}
      - {action: add, what: actor, item: {code: EU, name: European Union, kind: organisation}}

``action`` is ``set``, ``shift`` (add ``by`` to the central value and its range,
clipped to the valid scale) or ``add``; ``what`` is ``relation``, ``position``,
``salience``, ``capability``, ``indicator`` (with ``year``), ``actor`` or
``event`` (``add`` only, with ``item`` in the case format). Changes apply to the
period that contains ``date`` and to every later period of the main sequence
(a whole period changes: the case has no finer grain). The scenario is applied to
a copy (copy on write); the baseline is untouched. :func:`run_scenario` re-runs games,
strategic triangles, balance blocs and bargaining forecasts for the scenario's
period on both cases and reports every difference, with Monte Carlo
uncertainty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..case.loader import Located, _pydantic_problems, format_loc, read_yaml
from ..case.models import MAX_MAGNITUDE, Actor, Case, Estimate, Event, FuzzyDate, IndicatorPoint, Relation, Stance
from ..errors import CaseError, EquipoiseError, ModelInputError
from .bargaining.case import forecast_case
from .games.case import game_periods, solve_case_game
from .structure.balance import case_balance
from .structure.triangle import case_triangles, triangle

__all__ = ["Change", "Scenario", "ScenarioResult", "load_scenario", "apply_scenario", "run_scenario",
           "shipped_scenarios", "scenario_dir", "case_scenarios", "analyse_period"]

class Change(BaseModel):
    """One change of a scenario (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    action: Literal["set", "shift", "add"]
    what: Literal["relation", "position", "salience", "capability", "indicator", "actor", "event"]
    actors: tuple[str, str] | None = None
    issue: str | None = None
    actor: str | None = None
    indicator: str | None = None
    year: int | None = None
    value: Estimate | None = None
    by: float | None = Field(None, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)  # NaN would zero a salience
    kind: str | None = None
    item: dict | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _fields(self) -> "Change":
        need = {"relation": ("actors",), "position": ("issue", "actor"), "salience": ("issue", "actor"),
                "capability": ("issue", "actor"), "indicator": ("indicator", "year"), "actor": ("item",),
                "event": ("item",)}[self.what]
        missing = [f for f in need if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.action} {self.what} change needs {', '.join(missing)}")
        if self.what in ("actor", "event") and self.action != "add":
            raise ValueError(f"{self.what} changes must use action: add")
        if self.action == "add" and self.what not in ("actor", "event"):
            raise ValueError(f"action add applies to actor or event; use set or shift for a {self.what}")
        if self.action == "set" and self.value is None:
            raise ValueError("a set change needs value")
        if self.action == "shift" and self.by is None:
            raise ValueError("a shift change needs by")
        return self


class Scenario(BaseModel):
    """A named set of changes to a case from a date."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    description: str | None = None
    case: str = "default"
    date: str
    period: str | None = None
    changes: list[Change] = Field(min_length=1)
    evidence: list[str] = []
    expect: list[str] = []

    _path: Path | None = None
    _located: Located | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, v: Any) -> Any:
        """YAML reads 2023 as an int and 2023-05-01 as a date: keep the text."""
        if isinstance(v, (int, dt.date)) and not isinstance(v, bool):
            return v.isoformat() if isinstance(v, dt.date) else str(v)
        return v

    @property
    def day(self) -> dt.date:
        return FuzzyDate.parse(self.date).start


def scenario_dir() -> Path:
    """The folder of the scenarios shipped with Equipoise: the default case's ``scenarios/``."""
    return Path(str(resources.files("equipoise.case").joinpath("default", "scenarios")))


def shipped_scenarios() -> list[tuple[Path, Scenario]]:
    """Every shipped scenario (the default case's), by file name."""
    return [(p, load_scenario(p)) for p in sorted(scenario_dir().glob("*.yaml"))]


def _case_paths(case: Case) -> set[Path]:
    """Where ``case`` was loaded from: its first file and that file's folder (empty if not from files)."""
    located = getattr(case, "_located", None)
    first = located.lines.get(())[0] if located is not None and located.lines.get(()) else None
    if first is None:
        return set()
    f = Path(first).resolve()
    return {f, f.parent}


def _base_path(scen: Scenario) -> Path:
    from ..case.loader import default_case_path
    if scen.case in ("default", "", None):
        return default_case_path().resolve()
    p = Path(scen.case)
    if not p.is_absolute() and scen._path is not None:
        p = scen._path.parent / p
    return p.resolve()


def case_scenarios(case: Case) -> list[tuple[Path, Scenario]]:
    """The scenarios that belong to ``case``: files in the ``scenarios/`` folder beside its files
    (inside a case folder) whose base case is this case. Another case's scenarios never run on it.

    A file that cannot be read is returned with its error text in place of the scenario.
    """
    paths = _case_paths(case)
    folders = {p / "scenarios" for p in paths if p.is_dir()} | {p.parent / "scenarios" for p in paths if p.is_file()}
    out = []
    for folder in sorted(folders):
        for f in sorted(folder.glob("*.yaml")):
            try:
                scen = load_scenario(f)
            except EquipoiseError as exc:
                out.append((f, str(exc)))
                continue
            if _base_path(scen) in paths:
                out.append((f, scen))
    return out


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file (or the name of a shipped scenario) with line-numbered errors."""
    p = Path(path)
    if not p.exists() and p.suffix == "" and (scenario_dir() / f"{p.name}.yaml").exists():
        p = scenario_dir() / f"{p.name}.yaml"
    if not p.is_file():
        raise CaseError("no such scenario file (or shipped scenario name; see: equipoise scenario list)",
                        path=str(p))
    lines: dict = {}
    data = read_yaml(p, None, lines)
    located = Located(data, lines)
    if not isinstance(data, dict):
        raise CaseError("expected a mapping with name, title, case, date and changes", path=str(p), line=1)
    try:
        scen = Scenario.model_validate(data)
    except ValidationError as exc:
        probs = _pydantic_problems(exc, located)
        raise CaseError(f"{len(probs)} problem(s)", problems=probs) from exc
    try:
        FuzzyDate.parse(scen.date)
    except ValueError as exc:
        raise CaseError(str(exc), path=str(p), line=lines.get(("date",), (None, None))[1], field="date") from None
    scen._path = p
    scen._located = located
    return scen


def _serr(scen: Scenario, loc: tuple, message: str) -> CaseError:
    fname, line = scen._located.where(loc) if scen._located else (str(scen._path) if scen._path else None, None)
    return CaseError(message, path=fname, line=line, field=format_loc(loc))


def base_case(scen: Scenario) -> Case:
    """Load the scenario's base case."""
    from ..case.loader import load_case
    if scen.case in ("default", "", None):
        return load_case()
    p = Path(scen.case)
    if not p.is_absolute() and scen._path is not None:
        p = scen._path.parent / p
    return load_case(p)


def _periods_from(case: Case, day: dt.date) -> list[str]:
    main = sorted((p for p in case.periods if p.sequence == "main"), key=lambda p: p.first_day)
    start = next((i for i, p in enumerate(main) if p.contains(day)), None)
    if start is None:
        return []
    return [p.id for p in main[start:]]


def _clip(est: Estimate, by: float, lo: float, hi: float) -> Estimate:
    f = lambda x: min(hi, max(lo, x + by))  # noqa: E731
    return Estimate(value=f(est.value), low=f(est.low), high=f(est.high))


def apply_scenario(case: Case, scen: Scenario) -> tuple[Case, str, list[str]]:
    """Apply ``scen`` to a copy of ``case`` (copy on write: ``case`` is not changed).

    Returns
    -------
    (Case, str, list of str)
        The changed case, the period the scenario is analysed in, and a log line per change.

    Raises
    ------
    CaseError
        A date outside the case's periods, an unknown actor, issue or indicator, a
        value outside its scale, or a change the case cannot take.
    """
    periods = _periods_from(case, scen.day)
    if not periods:
        spans = ", ".join(f"{p.id} {p.start}–{p.end or '..'}" for p in case.periods if p.sequence == "main")
        raise _serr(scen, ("date",), f"date {scen.date} lies outside the case's periods ({spans})")
    period = scen.period or periods[0]
    if scen.period is not None and scen.period not in periods:
        raise _serr(scen, ("period",), f"period {scen.period!r} is not affected by changes from {scen.date} "
                                       f"(expected one of {', '.join(periods)})")
    # Copy on write: fresh lists everywhere (changes append), deep copies of the issues and
    # indicators (changes edit stances and points in place) and of each relation a change edits;
    # the rest (events, sources, games, ...) is shared with the base case, which stays untouched.
    new = case.model_copy()
    for name in type(case).model_fields:
        if isinstance(getattr(case, name), list):
            setattr(new, name, list(getattr(case, name)))
    new.issues = [i.model_copy(deep=True) for i in case.issues]
    new.indicators = [i.model_copy(deep=True) for i in case.indicators]
    new._located = case._located
    codes = {a.code for a in new.actors}
    log: list[str] = []
    for i, ch in enumerate(scen.changes):
        loc = ("changes", i)
        try:
            log.append(_apply_one(new, ch, periods, codes))
        except ValidationError as exc:  # an added actor or event: name each field and reason, not pydantic's URL
            err = exc.errors()[0]
            where = loc + ("item",) + tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
            raise _serr(scen, where, err["msg"].removeprefix("Value error, ") + more) from None
        except (KeyError, ValueError) as exc:
            raise _serr(scen, loc, str(exc.args[0] if isinstance(exc, KeyError) else exc)) from None
        codes = {a.code for a in new.actors}
    from ..case.validate import check_case
    report = check_case(new, None)
    if report.errors:
        raise _serr(scen, ("changes",), f"the changed case is invalid: {report.errors[0].message}")
    return new, period, log


def _apply_one(case: Case, ch: Change, periods: list[str], codes: set[str]) -> str:
    def need_actor(code: str) -> None:
        if code not in codes:
            raise ValueError(f"unknown actor {code!r} (expected one of the case's actors or one the scenario adds)")

    if ch.what == "actor":
        actor = Actor.model_validate(ch.item)
        if actor.code in codes:
            raise ValueError(f"actor {actor.code} is already in the case")
        case.actors.append(actor)
        return f"add actor {actor.code}"
    if ch.what == "event":
        ev = Event.model_validate(ch.item)
        for c in ev.actors:
            need_actor(c)
        case.events.append(ev)
        return f"add event {ev.id}"
    if ch.what == "relation":
        a, b = ch.actors
        need_actor(a)
        need_actor(b)
        for pid in periods:
            rel = case.relation(a, b, pid)
            if rel is None or rel.period != pid:
                if ch.action == "shift":
                    if rel is None:
                        raise ValueError(f"cannot shift relation {a}-{b}: the case has none in period {pid!r}")
                    base = rel.value
                else:
                    base = None
                value = ch.value if ch.action == "set" else _clip(base, ch.by, -1.0, 1.0)
                case.relations.append(Relation(actors=(a, b), period=pid, value=value,
                                               kind=ch.kind or (rel.kind if rel else "neutral"),
                                               note=f"scenario: {ch.note or ''}".strip()))
                continue
            k = next(k for k, r in enumerate(case.relations) if r is rel)
            rel = rel.model_copy(deep=True)  # the base case shares the original
            case.relations = case.relations[:k] + [rel] + case.relations[k + 1:]  # a new list: re-indexed
            rel.value = ch.value if ch.action == "set" else _clip(rel.value, ch.by, -1.0, 1.0)
            Relation.model_validate(rel.model_dump())
        return f"{ch.action} relation {a}-{b} in {', '.join(periods)}"
    if ch.what in ("position", "salience", "capability"):
        issue = case.issue(ch.issue) if ch.issue in {i.id for i in case.issues} else None
        if issue is None:
            raise ValueError(f"unknown issue {ch.issue!r} (expected one of {', '.join(i.id for i in case.issues)})")
        need_actor(ch.actor)
        hi = 100.0 if ch.what != "capability" else float("inf")
        touched = []
        for pid in periods:
            st = next((s for s in issue.stances if s.actor == ch.actor and s.period == pid), None)
            if st is None:
                continue
            new_val = ch.value if ch.action == "set" else _clip(getattr(st, ch.what), ch.by, 0.0, hi)
            setattr(st, ch.what, new_val)
            Stance.model_validate(st.model_dump())
            touched.append(pid)
        if not touched:
            raise ValueError(f"{ch.actor} has no stance on {ch.issue!r} in {', '.join(periods)}")
        return f"{ch.action} {ch.what} of {ch.actor} on {ch.issue} in {', '.join(touched)}"
    # indicator
    ind = case.indicator(ch.indicator) if ch.indicator in {i.id for i in case.indicators} else None
    if ind is None:
        raise ValueError(f"unknown indicator {ch.indicator!r}")
    pt = next((p for p in ind.points if p.year == ch.year), None)
    if pt is None:
        if ch.action == "shift":
            raise ValueError(f"cannot shift indicator {ind.id}: no value for {ch.year}")
        ind.points.append(IndicatorPoint(year=ch.year, value=ch.value.value, low=ch.value.low, high=ch.value.high,
                                         source=ind.points[0].source, status="estimate", note="scenario"))
    elif ch.action == "set":
        pt.value, pt.low, pt.high = ch.value.value, ch.value.low, ch.value.high
    else:
        pt.value += ch.by
        pt.low = None if pt.low is None else pt.low + ch.by
        pt.high = None if pt.high is None else pt.high + ch.by
    return f"{ch.action} indicator {ind.id} {ch.year}"


# ---------------------------------------------------------------- analyses and diff

def _inputs(case: Case, kind: str, item, period: str):
    """What one analysis reads from the case for ``period`` (equal inputs give equal results for a seed);
    ``None`` when the inputs cannot be read (the analysis then runs and reports why)."""
    from .games.case import resolve_parameters
    from .structure.network import relation_estimate, signed_graph
    try:
        if kind == "game":
            return resolve_parameters(case, item, period)
        if kind == "triangle":
            a, b, c = item
            return tuple(relation_estimate(case, p, q, period) for p, q in ((a, b), (a, c), (b, c)))
        if kind == "balance":
            graph = signed_graph(case, period)
            return sorted((min(u, v), max(u, v), d["weight"]) for u, v, d in graph.edges(data=True))
        return [st.model_dump() for st in case.stances(item, period)]
    except (EquipoiseError, KeyError):
        return None


def analyse_period(case: Case, period: str, *, draws: int, seed: int | None,
                   baseline: tuple[Case, dict] | None = None) -> dict:
    """Games, triangles, balance blocs and forecasts for one period, as plain data.

    Analyses the case cannot run for the period (a missing relation, no stances)
    are recorded under ``skipped`` with the reason. With ``baseline`` — the base case
    and its :func:`analyse_period` output for the same period, draws and seed — an
    analysis whose inputs the changes left untouched (the game's resolved parameters,
    the triangle's three relations, the period's signed network, the issue's stances)
    is copied from the baseline instead of re-run, and named under ``reused``.
    """
    out: dict[str, Any] = {"games": {}, "triangles": {}, "balance": None, "forecasts": {}, "skipped": [],
                           "reused": []}
    base_case, base_out = baseline if baseline is not None else (None, None)

    def reuse(kind: str, item, name: str, found) -> bool:
        """Whether the baseline's result ``found`` stands for this analysis (recorded under ``reused``)."""
        if base_case is None or found is None:
            return False
        mine = _inputs(case, kind, item, period)
        if mine is None or mine != _inputs(base_case, kind, item, period):
            return False
        out["reused"].append(name)
        return True

    for g in case.games:
        if period not in game_periods(case, g):
            continue
        if reuse("game", g, f"game {g.id}", base_out and base_out["games"].get(g.id)):
            out["games"][g.id] = base_out["games"][g.id]
            continue
        try:
            r = solve_case_game(case, g, period, draws=draws, seed=seed, time_limit=5.0)
        except EquipoiseError as exc:
            out["skipped"].append(f"game {g.id}: {exc}")
            continue
        out["games"][g.id] = {"selected": r.selected, "selected_frequency": r.selected_frequency,
                              "pure": [e.key for e in r.point.pure], "pure_frequency": r.pure_frequency,
                              "strategy_frequency": r.strategy_frequency}
    for tri in case_triangles(case):
        key = "-".join(tri)
        if reuse("triangle", tri, f"triangle {key}", base_out and base_out["triangles"].get(key)):
            out["triangles"][key] = base_out["triangles"][key]
            continue
        try:
            t = triangle(case, *tri, period=period, draws=max(draws, 200), seed=seed, threshold=0.1)
        except EquipoiseError as exc:
            out["skipped"].append(f"triangle {'-'.join(tri)}: {exc}")
            continue
        out["triangles"][key] = {"configuration": t.configuration, "roles": dict(t.roles),
                                 "probabilities": dict(t.probabilities)}
    if reuse("balance", None, "balance", base_out and base_out["balance"]):
        out["balance"] = base_out["balance"]
    else:
        try:
            b = case_balance(case, period)
            out["balance"] = {"blocs": [sorted(x) for x in b.blocs], "frustration": float(b.frustration.frustration)}
        except EquipoiseError as exc:
            out["skipped"].append(f"balance: {exc}")
    for iss in case.issues:
        if len([s for s in iss.stances if s.period == period]) < 2:
            continue
        if reuse("forecast", iss.id, f"forecast {iss.id}", base_out and base_out["forecasts"].get(iss.id)):
            out["forecasts"][iss.id] = base_out["forecasts"][iss.id]
            continue
        try:
            f = forecast_case(case, iss.id, period, draws=draws, seed=seed)
        except EquipoiseError as exc:
            out["skipped"].append(f"forecast {iss.id}: {exc}")
            continue
        out["forecasts"][iss.id] = {m.model: {"forecast": float(m.forecast),
                                              "interval": [float(x) for x in m.interval] if m.interval else None}
                                    for m in f.forecasts}
    return out


def _bloc_key(blocs: list[list[str]]) -> frozenset:
    return frozenset(frozenset(b) for b in blocs)


def diff_analyses(base: dict, scen: dict) -> list[dict]:
    """Every difference between two :func:`analyse_period` outputs, one dict per item."""
    out = []
    for gid in sorted(set(base["games"]) | set(scen["games"])):
        b, s = base["games"].get(gid), scen["games"].get(gid)
        if b is None or s is None:
            out.append({"kind": "game", "item": gid, "baseline": b and b["selected"], "scenario": s and s["selected"]})
            continue
        shifts = {}
        for pl, d in s["strategy_frequency"].items():
            for st, v in d.items():
                old = b["strategy_frequency"].get(pl, {}).get(st, 0.0)
                if abs(v - old) >= 0.05:
                    shifts[f"{pl}:{st}"] = [round(old, 3), round(v, 3)]
        if b["selected"] != s["selected"] or shifts or set(b["pure"]) != set(s["pure"]):
            out.append({"kind": "game", "item": gid, "baseline": b["selected"], "scenario": s["selected"],
                        "pure_baseline": b["pure"], "pure_scenario": s["pure"], "strategy_shares": shifts})
    for tid in sorted(set(base["triangles"]) | set(scen["triangles"])):
        b, s = base["triangles"].get(tid), scen["triangles"].get(tid)
        if b is None or s is None:
            out.append({"kind": "triangle", "item": tid, "baseline": b and b["configuration"],
                        "scenario": s and s["configuration"]})
            continue
        moved = {k: [round(b["probabilities"].get(k, 0.0), 3), round(v, 3)] for k, v in s["probabilities"].items()
                 if abs(v - b["probabilities"].get(k, 0.0)) >= 0.05}
        if b["configuration"] != s["configuration"] or b["roles"] != s["roles"] or moved:
            out.append({"kind": "triangle", "item": tid, "baseline": b["configuration"],
                        "scenario": s["configuration"], "roles_baseline": b["roles"], "roles_scenario": s["roles"],
                        "probabilities": moved})
    if base["balance"] and scen["balance"]:
        b, s = base["balance"], scen["balance"]
        if _bloc_key(b["blocs"]) != _bloc_key(s["blocs"]) or abs(b["frustration"] - s["frustration"]) > 1e-9:
            out.append({"kind": "balance", "item": "blocs", "baseline": b["blocs"], "scenario": s["blocs"],
                        "frustration": [b["frustration"], s["frustration"]]})
    for iid in sorted(set(base["forecasts"]) | set(scen["forecasts"])):
        b, s = base["forecasts"].get(iid, {}), scen["forecasts"].get(iid, {})
        for m in sorted(set(b) | set(s)):
            bf, sf = b.get(m), s.get(m)
            if bf is None or sf is None or abs(bf["forecast"] - sf["forecast"]) >= 0.5:
                out.append({"kind": "forecast", "item": f"{iid}:{m}", "baseline": bf, "scenario": sf})
    return out


@dataclass(frozen=True)
class ScenarioResult:
    """Baseline and scenario analyses for the scenario's period, and their differences."""

    name: str
    title: str
    period: str
    date: str
    changes: tuple[str, ...]
    baseline: dict
    scenario: dict
    differences: tuple[dict, ...]
    draws: int
    seed: int | None
    expect: tuple[str, ...] = field(default_factory=tuple)
    method: str = ("apply changes to a copy; re-run the games, triangles, balance and forecasts whose inputs "
                   "changed (the rest are the baseline's); diff")

    def summary(self) -> str:
        lines = [f"Scenario {self.name}: {self.title} (from {self.date}; analysed in {self.period}, "
                 f"{self.draws} draws, seed {self.seed})"]
        lines += [f"  change: {c}" for c in self.changes]
        if not self.differences:
            lines.append("  no differences against the baseline")
        for d in self.differences:
            extra = ""
            if d.get("strategy_shares"):
                extra = "; " + ", ".join(f"{k} {a:.0%}→{b:.0%}" for k, (a, b) in d["strategy_shares"].items())
            if d.get("probabilities"):
                extra = "; " + ", ".join(f"{k} {a:.0%}→{b:.0%}" for k, (a, b) in d["probabilities"].items())
            if d["kind"] == "balance":
                extra = f"; frustration {d['frustration'][0]:.3g}→{d['frustration'][1]:.3g}"
            if d["kind"] == "forecast":
                bf, sf = d["baseline"], d["scenario"]
                lines.append(f"  forecast {d['item']}: {bf and round(bf['forecast'], 1)} → {sf and round(sf['forecast'], 1)}")
                continue
            lines.append(f"  {d['kind']} {d['item']}: {d['baseline']} → {d['scenario']}{extra}")
        for s in self.scenario.get("skipped", []):
            lines.append(f"  skipped: {s}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "period": self.period, "date": self.date,
                "changes": list(self.changes), "differences": list(self.differences), "baseline": self.baseline,
                "scenario": self.scenario, "draws": self.draws, "seed": self.seed, "expect": list(self.expect),
                "method": self.method}


def run_scenario(scen: Scenario, *, case: Case | None = None, draws: int = 100, seed: int | None = None,
                 baseline_for: Callable[[str], dict] | None = None) -> ScenarioResult:
    """Apply ``scen`` and diff its analyses against the baseline for the scenario's period.

    Parameters
    ----------
    scen : Scenario
    case : Case, optional
        The base case (default: the one the scenario names).
    draws : int
        Monte Carlo draws for games, triangles and forecasts.
    seed : int, optional
        The same seed runs baseline and scenario, so differences are not noise of the draws.
    baseline_for : callable, optional
        Given the scenario's period, returns the base case's :func:`analyse_period`
        for it (a cache shared by several scenarios); by default it is computed here.
    """
    from ..seeding import DEFAULT_SEED
    if draws < 0:
        raise ModelInputError(f"draws must be 0 or more, got {draws}")
    seed = DEFAULT_SEED if seed is None else seed
    case = case if case is not None else base_case(scen)
    new, period, log = apply_scenario(case, scen)
    base = baseline_for(period) if baseline_for else analyse_period(case, period, draws=draws, seed=seed)
    after = analyse_period(new, period, draws=draws, seed=seed, baseline=(case, base))
    return ScenarioResult(name=scen.name, title=scen.title, period=period, date=scen.date, changes=tuple(log),
                          baseline=base, scenario=after, differences=tuple(diff_analyses(base, after)),
                          draws=draws, seed=seed, expect=tuple(scen.expect))
