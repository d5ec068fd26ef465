"""Check a case's claims against the model: supported, contradicted or undetermined.

Each claim carries structured checks (:class:`~equipoise.case.models.Check`),
never code. A check is evaluated on the model's outputs under the case's
uncertainty and yields the probability that it holds:

- ``relation_compare``, ``position_between``, ``indicator_trend``,
  ``indicator_compare``: share of Monte Carlo draws (triangular on each value's
  range; an indicator point without a range counts as exact) in which the
  comparison holds;
- ``triangle``: the share of draws with the configuration and/or roles
  (:func:`equipoise.analysis.structure.triangle.triangle`; with both, the smaller
  share, an upper bound on the joint one);
- ``bloc``: whether the optimal two-bloc partition of the period's signed network
  (exact frustration index) puts the actors together / apart (1 or 0);
- ``equilibrium``: share of draws in which the logit-selected equilibrium of the
  game has the actor play the strategy (:mod:`equipoise.analysis.games.case`);
- ``forecast``: share of the model's Monte Carlo forecasts inside the range;
- ``hedging``: whether the hedging index lies in the range;
- ``event_exists``: 1 if the case records such an event, else undetermined
  (a case need not list every event);
- ``measured_compare``: whether the measured series (UNGA agreement, S-score,
  kappa, ideal-point distance, the case's own event series; see
  :mod:`equipoise.analysis.measure.relations`) of a dyad in a period compares as
  stated with a value or another dyad-period (1 or 0; point estimate).

Independence. Every check lists the inputs it read (relations, stances,
indicator points, events, game parameters, measured series) with the sources
their values were coded from, and is labelled ``independent`` when none of them
was coded from the claim's own source, ``circular`` when all were, ``partly``
otherwise. A supported claim is *supported independently* when at least one of
its supported checks is independent; otherwise it is supported *only
circularly*. Values coded without any cited source count as not coded from the
claim's source (the label says what the check did not lean on, not that an
analyst's unsourced judgement is a measurement); ``measured`` says whether a
check read measured data at all.

A check with probability at least :data:`SUPPORT` is supported, at most
:data:`CONTRADICT` contradicted, otherwise undetermined. A claim is contradicted
if any check is, supported if all are, else undetermined; its probability is the
product of its checks' probabilities (treating them as independent). A claim
without checks, or whose checks the model cannot run, is undetermined with the
reason.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace

import numpy as np

from ..case.models import Case, Check, Claim
from ..errors import EquipoiseError
from ..seeding import DEFAULT_SEED, rng_from

__all__ = ["SUPPORT", "CONTRADICT", "INDEPENDENCE", "CheckResult", "check_inputs", "independence_label", "ClaimResult", "ClaimsResult", "evaluate_check",
           "evaluate_claim", "evaluate_claims"]

SUPPORT = 0.8
CONTRADICT = 0.2
_OPS = {">": operator.gt, "<": operator.lt, ">=": operator.ge, "<=": operator.le}
INDEPENDENCE = ("independent", "partly", "circular")


@dataclass(frozen=True)
class CheckResult:
    """One check: verdict, probability, and the numbers behind it."""

    kind: str
    verdict: str
    probability: float | None
    basis: str
    numbers: dict = field(default_factory=dict)
    independence: str = "independent"
    inputs: tuple = ()
    measured: bool = False
    definitional: bool = False

    def to_dict(self) -> dict:
        return {"kind": self.kind, "verdict": self.verdict, "probability": self.probability, "basis": self.basis,
                "numbers": self.numbers, "independence": self.independence, "measured": self.measured,
                "definitional": self.definitional,
                "inputs": [{"input": name, "sources": list(srcs)} for name, srcs in self.inputs]}


@dataclass(frozen=True)
class ClaimResult:
    """A claim's verdict, with its source, evidence locators and check results."""

    id: str
    text: str
    source: str
    citation: str
    evidence: tuple[str, ...]
    verdict: str
    probability: float | None
    checks: tuple[CheckResult, ...]
    note: str | None = None

    @property
    def basis(self) -> str:
        return "; ".join(f"({c.independence}) {c.basis}" for c in self.checks) or "no machine-checkable form"

    @property
    def support(self) -> str | None:
        """For a supported claim: ``independent`` if a supported check is independent, else ``circular``."""
        if self.verdict != "supported":
            return None
        return "independent" if any(c.verdict == "supported" and c.independence == "independent"
                                    for c in self.checks) else "circular"

    @property
    def measured_disagrees(self) -> tuple[CheckResult, ...]:
        """Checks on measured data that contradict the claim."""
        return tuple(c for c in self.checks if c.measured and c.verdict == "contradicted")

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "source": self.source, "citation": self.citation,
                "verdict": self.verdict, "probability": self.probability, "support": self.support,
                "evidence": {"locators": list(self.evidence), "checks": [c.to_dict() for c in self.checks]},
                "note": self.note}


@dataclass(frozen=True)
class ClaimsResult:
    """Every claim of a case, checked."""

    claims: tuple[ClaimResult, ...]
    draws: int
    seed: int | None
    method: str = "structured checks under Monte Carlo; thresholds 0.8 / 0.2"

    @property
    def counts(self) -> dict[str, int]:
        out = {"supported": 0, "contradicted": 0, "undetermined": 0}
        for c in self.claims:
            out[c.verdict] += 1
        return out

    @property
    def independence_counts(self) -> dict[str, int]:
        """Supported claims supported independently / only circularly; checks per label."""
        out = {"supported_independently": sum(1 for c in self.claims if c.support == "independent"),
               "supported_only_circularly": sum(1 for c in self.claims if c.support == "circular")}
        for lab in INDEPENDENCE:
            out[f"checks_{lab}"] = sum(1 for c in self.claims for k in c.checks if k.independence == lab)
        return out

    def counts_text(self) -> str:
        ic = self.independence_counts
        return ", ".join(f"{v} {k}" for k, v in self.counts.items()) + \
            f"; supported independently: {ic['supported_independently']}; only circularly: " \
            f"{ic['supported_only_circularly']}"

    def summary(self) -> str:
        lines = [f"{len(self.claims)} claims: {self.counts_text()}"]
        for c in self.claims:
            p = "" if c.probability is None else f" (P={c.probability:.2f})"
            lines.append(f"  {c.id}: {c.verdict}{p} — {c.basis}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"claims": [c.to_dict() for c in self.claims], "counts": self.counts,
                "independence": self.independence_counts, "draws": self.draws,
                "seed": self.seed, "method": self.method, "thresholds": {"support": SUPPORT, "contradict": CONTRADICT}}


def _verdict(p: float | None) -> str:
    if p is None:
        return "undetermined"
    if p >= SUPPORT:
        return "supported"
    if p <= CONTRADICT:
        return "contradicted"
    return "undetermined"


def _draw(rng: np.random.Generator, value: float, low: float, high: float, n: int) -> np.ndarray:
    if high > low:
        return rng.triangular(low, value, high, size=n)
    return np.full(n, float(value))


def _relation(case: Case, dyad, period: str):
    rel = case.relation(dyad[0], dyad[1], period)
    if rel is None:
        raise LookupError(f"no relation {dyad[0]}-{dyad[1]} in {period}")
    return rel.value


def _indicator_point(case: Case, ind_id: str, year: int):
    ind = case.indicator(ind_id)
    pt = next((p for p in ind.points if p.year == year), None)
    if pt is None:
        raise LookupError(f"indicator {ind_id} has no value for {year}")
    return pt.value, (pt.low if pt.low is not None else pt.value), (pt.high if pt.high is not None else pt.value)


def evaluate_check(case: Case, chk: Check, *, draws: int = 200, seed=None, cache: dict | None = None,
                   claim_source: str | None = None) -> CheckResult:
    """Evaluate one structured check (see the module docstring for each kind).

    With ``claim_source``, the result is labelled by :func:`independence_label`.
    """
    rng = rng_from(seed)
    n = max(draws, 1)
    cache = {} if cache is None else cache
    try:
        res = _evaluate(case, chk, rng, n, draws, seed, cache)
    except (LookupError, EquipoiseError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) else str(exc)
        res = CheckResult(chk.kind, "undetermined", None, f"cannot evaluate: {msg}")
    except ImportError as exc:
        res = CheckResult(chk.kind, "undetermined", None, f"analysis not available: {exc}")
    try:
        inputs = check_inputs(case, chk, cache)
    except (LookupError, EquipoiseError):  # a period or input the case (e.g. cut at an as-of date) lacks
        inputs = ()
    return replace(res, inputs=inputs, independence=independence_label(inputs, claim_source),
                   measured=chk.kind == "measured_compare" or any(name.startswith(("indicator ", "measured "))
                                                                  and _is_dataset(case, srcs)
                                                                  for name, srcs in inputs))


def _is_dataset(case: Case, sources) -> bool:
    kinds = {s.id: s.kind for s in case.sources}
    return bool(sources) and all(kinds.get(s) == "dataset" for s in sources)


def independence_label(inputs, claim_source: str | None) -> str:
    """``independent`` when no input was coded from ``claim_source``, ``circular`` when all were, else ``partly``.

    >>> independence_label([("relation A-B in p", ("src1",)), ("relation A-C in p", ("src2",))], "src1")
    'partly'
    >>> independence_label([("indicator x 2020", ("dataset",))], "src1"), independence_label([], "src1")
    ('independent', 'independent')
    """
    if claim_source is None or not inputs:
        return "independent"
    own = [claim_source in srcs for _, srcs in inputs]
    return "circular" if all(own) else "partly" if any(own) else "independent"


def _ev(items) -> tuple[str, ...]:
    return tuple(sorted({e.source for e in items}))


def check_inputs(case: Case, chk: Check, cache: dict | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The inputs a check reads, each with the sources its value was coded from."""
    out: list[tuple[str, tuple[str, ...]]] = []

    def rel(a, b, period):
        if period is None:
            return
        try:
            r = case.relation(a, b, period)
        except KeyError:
            return
        if r is not None:
            out.append((f"relation {'-'.join(r.dyad)} in {period}", _ev(r.evidence)))

    def stances(issue, period, actors=None):
        try:
            for st in case.stances(issue, period):
                if actors is None or st.actor in actors:
                    out.append((f"stance {st.actor} on {issue} in {period}", _ev(st.evidence)))
        except (KeyError, LookupError):
            return

    def indicator(iid, years=None):
        try:
            ind = case.indicator(iid)
        except KeyError:
            return
        for p in ind.points:
            if years is None or p.year in years:
                out.append((f"indicator {iid} {p.year}", (p.source,)))

    k = chk.kind
    if k == "relation_compare":
        rel(*chk.dyad, chk.period)
        if chk.other_dyad is not None or chk.other_period is not None:
            rel(*(chk.other_dyad or chk.dyad), chk.other_period or chk.period)
    elif k in ("position_between", "forecast"):
        stances(chk.issue, chk.period, None if k == "forecast" else {chk.actor, *chk.between})
    elif k == "indicator_trend":
        indicator(chk.indicator, {chk.start, chk.end})
    elif k == "indicator_compare":
        indicator(chk.indicator, {chk.year})
    elif k == "triangle":
        a, b, c = chk.actors
        for x, y in ((a, b), (a, c), (b, c)):
            rel(x, y, chk.period)
    elif k == "bloc":
        for r in case.relations:
            if r.period == chk.period:
                out.append((f"relation {'-'.join(r.dyad)} in {chk.period}", _ev(r.evidence)))
    elif k == "hedging":
        for p in chk.patrons:
            rel(chk.actor, p, chk.period)
    elif k == "equilibrium":
        try:
            g = case.game(chk.game)
        except KeyError:
            return ()
        out.append((f"game {g.id} (players, strategies, payoffs)", _ev(g.evidence)))
        for name, par in g.parameters.items():
            if par.relation is not None:
                rel(*par.relation, chk.period)
            elif par.indicator is not None:
                indicator(par.indicator, None if par.year is None else {par.year})
            elif par.issue is not None:
                stances(par.issue, chk.period, None if par.actor is None else {par.actor})
            else:
                out.append((f"game {g.id} parameter {name}", ()))
    elif k == "event_exists":
        per = case.period(chk.period) if chk.period else None
        for e in case.events:
            if set(chk.actors) <= set(e.actors) and (chk.code is None or e.code.startswith(chk.code)) \
                    and (per is None or e.date.overlaps(per.first_day, per.last_day)):
                out.append((f"event {e.id}", _ev(e.evidence)))
    elif k == "measured_compare":
        if chk.series == "case_events":
            for e in case.events:
                if set(chk.dyad) <= set(e.actors):
                    out.append((f"event {e.id}", _ev(e.evidence)))
        else:
            for ind in case.indicators:
                if ind.series == chk.series and sorted(ind.actors) in (sorted(chk.dyad), sorted(chk.other_dyad or ())):
                    out.append((f"measured {ind.id}", tuple(sorted({p.source for p in ind.points}))))
    return tuple(out)


def _evaluate(case, chk, rng, n, draws, seed, cache) -> CheckResult:
    k = chk.kind
    if k == "relation_compare":
        a = _relation(case, chk.dyad, chk.period)
        xa = _draw(rng, a.value, a.low, a.high, n)
        if chk.value is not None and chk.other_dyad is None and chk.other_period is None:
            other, label, ov = np.full(n, chk.value), f"{chk.value:g}", chk.value
        else:
            od, op_ = chk.other_dyad or chk.dyad, chk.other_period or chk.period
            b = _relation(case, od, op_)
            other, label, ov = _draw(rng, b.value, b.low, b.high, n), f"{'-'.join(od)} in {op_} ({b.value:+.2f})", b.value
        p = float(_OPS[chk.op](xa, other).mean())
        basis = f"{'-'.join(chk.dyad)} in {chk.period} ({a.value:+.2f}) {chk.op} {label}: P={p:.2f}"
        return CheckResult(k, _verdict(p), p, basis, {"value": a.value, "range": [a.low, a.high], "other": ov})
    if k == "position_between":
        st = {s.actor: s for s in case.stances(chk.issue, chk.period)}
        for code in (chk.actor, *chk.between):
            if code not in st:
                raise LookupError(f"{code} has no stance on {chk.issue} in {chk.period}")
        x = [_draw(rng, st[c].position.value, st[c].position.low, st[c].position.high, n)
             for c in (chk.actor, *chk.between)]
        p = float(((x[0] >= np.minimum(x[1], x[2])) & (x[0] <= np.maximum(x[1], x[2]))).mean())
        nums = {c: st[c].position.value for c in (chk.actor, *chk.between)}
        basis = (f"{chk.actor} at {nums[chk.actor]:g} between {chk.between[0]} ({nums[chk.between[0]]:g}) and "
                 f"{chk.between[1]} ({nums[chk.between[1]]:g}) on {chk.issue} in {chk.period}: P={p:.2f}")
        return CheckResult(k, _verdict(p), p, basis, nums)
    if k in ("indicator_trend", "indicator_compare"):
        if k == "indicator_trend":
            v0, l0, h0 = _indicator_point(case, chk.indicator, chk.start)
            v1, l1, h1 = _indicator_point(case, chk.indicator, chk.end)
            x0, x1 = _draw(rng, v0, l0, h0, n), _draw(rng, v1, l1, h1, n)
            p = float((x1 > x0).mean() if chk.direction == "up" else (x1 < x0).mean())
            basis = f"{chk.indicator} {chk.start} {v0:g} → {chk.end} {v1:g} ({chk.direction}?): P={p:.2f}"
            return CheckResult(k, _verdict(p), p, basis, {str(chk.start): v0, str(chk.end): v1})
        v, lo, hi = _indicator_point(case, chk.indicator, chk.year)
        p = float(_OPS[chk.op](_draw(rng, v, lo, hi, n), chk.value).mean())
        basis = f"{chk.indicator} in {chk.year} = {v:g} {chk.op} {chk.value:g}: P={p:.2f}"
        return CheckResult(k, _verdict(p), p, basis, {"value": v, "range": [lo, hi]})
    if k == "triangle":
        from .structure.triangle import triangle
        t = triangle(case, *chk.actors, period=chk.period, draws=max(draws, 200), seed=seed, threshold=0.1)
        ps, parts = [], []
        if chk.configuration:
            ps.append(float(t.probabilities.get(chk.configuration, 0.0)))
            parts.append(f"{chk.configuration} P={ps[-1]:.2f} (point: {t.configuration})")
        for actor, role in (chk.role or {}).items():
            ps.append(float(t.role_probabilities.get(actor, {}).get(role, 0.0)))
            parts.append(f"{actor} {role} P={ps[-1]:.2f} (point: {t.roles.get(actor)})")
        p = min(ps)
        return CheckResult(k, _verdict(p), p, f"triangle {'-'.join(chk.actors)} in {chk.period}: " + ", ".join(parts),
                           {"configuration": t.configuration, "roles": dict(t.roles),
                            "probabilities": dict(t.probabilities)})
    if k == "bloc":
        from .structure.balance import case_balance
        key = ("balance", chk.period)
        if key not in cache:
            cache[key] = case_balance(case, chk.period)
        b = cache[key]
        side = {c: i for i, bloc in enumerate(b.blocs) for c in bloc}
        ok, parts = True, []
        if chk.together:
            missing = [c for c in chk.together if c not in side]
            if missing:
                raise LookupError(f"{', '.join(missing)} not in the {chk.period} network")
            same = len({side[c] for c in chk.together}) == 1
            ok &= same
            parts.append(f"{', '.join(chk.together)} {'in one bloc' if same else 'split'}")
        for a, c in chk.apart or ():
            if a not in side or c not in side:
                raise LookupError(f"{a} or {c} not in the {chk.period} network")
            apart = side[a] != side[c]
            ok &= apart
            parts.append(f"{a}/{c} {'apart' if apart else 'together'}")
        p = 1.0 if ok else 0.0
        blocs = [sorted(x) for x in b.blocs]
        return CheckResult(k, _verdict(p), p, f"blocs in {chk.period} {blocs}: " + ", ".join(parts)
                           + f" (exact frustration {b.frustration.frustration:g}; point estimate)",
                           {"blocs": blocs, "frustration": float(b.frustration.frustration)})
    if k == "equilibrium":
        from .games.case import solve_case_game
        key = ("game", chk.game, chk.period)
        if key not in cache:
            cache[key] = solve_case_game(case, chk.game, chk.period, draws=draws, seed=seed, time_limit=5.0)
        r = cache[key]
        names = chk.strategies
        p = min(1.0, sum(r.strategy_probability(chk.actor, s) for s in names))
        basis = (f"game {chk.game} in {chk.period}: logit-selected equilibrium {r.selected}; {chk.actor} plays "
                 f"{' or '.join(names)} in {p:.0%} of {r.draws} draws")
        return CheckResult(k, _verdict(p), p, basis, {"selected": r.selected,
                                                      "strategy_frequency": r.strategy_frequency.get(chk.actor, {})})
    if k == "forecast":
        from .bargaining.case import forecast_case
        f = forecast_case(case, chk.issue, chk.period, models=[chk.model], draws=max(draws, 50), seed=seed)
        m = f.forecasts[0]
        lo, hi = chk.range
        samples = getattr(m, "samples", None)
        if samples is not None and len(samples):
            arr = np.asarray(samples, dtype=float)
            p = float(((arr >= lo) & (arr <= hi)).mean())
        else:
            p = 1.0 if lo <= m.forecast <= hi else 0.0
        interval = list(m.interval) if getattr(m, "interval", None) else None
        basis = f"{chk.model} forecast of {chk.issue} in {chk.period}: {m.forecast:.1f}" + \
            (f" (80% {interval[0]:.1f}-{interval[1]:.1f})" if interval else "") + f" in [{lo:g}, {hi:g}]: P={p:.2f}"
        return CheckResult(k, _verdict(p), p, basis, {"forecast": float(m.forecast), "interval": interval})
    if k == "hedging":
        from .structure.hedging import hedging_index
        h = hedging_index(case, chk.actor, tuple(chk.patrons), chk.period)
        d = h.to_dict()
        row = next((r for r in d.get("periods", []) if r.get("period") == chk.period), d)
        idx = row.get("index")
        if idx is None:
            raise LookupError(f"no hedging index for {chk.actor} in {chk.period}")
        lo, hi = chk.range
        ilo, ihi = row.get("low"), row.get("high")
        if ilo is not None and ihi is not None and ihi > ilo:
            x = _draw(rng, float(idx), float(ilo), float(ihi), n)
            p = float(((x >= lo) & (x <= hi)).mean())
        else:
            p = 1.0 if lo <= float(idx) <= hi else 0.0
        return CheckResult(k, _verdict(p), p, f"hedging index of {chk.actor} between {'/'.join(chk.patrons)} in "
                           f"{chk.period}: {float(idx):.2f} in [{lo:g}, {hi:g}]", {"index": float(idx)})
    if k == "measured_compare":
        from .measure.relations import SERIES, measured_values
        if chk.series not in SERIES:
            raise LookupError(f"unknown measured series {chk.series!r}; expected one of {', '.join(SERIES)}")
        if "measured" not in cache:
            cache["measured"] = measured_values(case)
        meas = cache["measured"]

        def get(dyad, period):
            m = meas.get((tuple(sorted(dyad)), period), {}).get(chk.series)
            if m is None:
                raise LookupError(f"no measured {chk.series} for {'-'.join(dyad)} in {period}")
            return m
        a = get(chk.dyad, chk.period)
        if chk.value is not None and chk.other_dyad is None and chk.other_period is None:
            ov, label = chk.value, f"{chk.value:g}"
        else:
            od, op_ = chk.other_dyad or chk.dyad, chk.other_period or chk.period
            b = get(od, op_)
            ov, label = b.value, f"{'-'.join(od)} in {op_} ({b.value:.3f}, n={b.n})"
        ok = bool(_OPS[chk.op](a.value, ov))
        p = 1.0 if ok else 0.0
        basis = (f"measured {SERIES[chk.series][0]} {'-'.join(chk.dyad)} in {chk.period} ({a.value:.3f}, n={a.n}, "
                 f"years {a.years[0]}-{a.years[1]}) {chk.op} {label}: {'holds' if ok else 'does not hold'} "
                 "(point estimate)")
        return CheckResult(k, _verdict(p), p, basis, {"value": a.value, "n": a.n, "range": [a.low, a.high],
                                                      "other": ov, "series": chk.series})
    # event_exists
    per = case.period(chk.period) if chk.period else None
    hits = [e for e in case.events
            if set(chk.actors) <= set(e.actors) and (chk.code is None or e.code.startswith(chk.code))
            and (not chk.initiator or set(chk.initiator) <= set(e.source))
            and (per is None or e.date.overlaps(per.first_day, per.last_day))]
    if hits:
        return CheckResult(k, "supported", 1.0, f"{len(hits)} event(s) in the case: " + ", ".join(e.id for e in hits[:5]),
                           {"events": [e.id for e in hits]})
    return CheckResult(k, "undetermined", None, "no such event recorded in the case (the case need not list every event)",
                       {"events": []})


def evaluate_claim(case: Case, claim: Claim, *, draws: int = 200, seed=None, cache: dict | None = None) -> ClaimResult:
    """Evaluate every check of ``claim`` and combine them into a verdict."""
    seed = DEFAULT_SEED if seed is None else seed
    results = tuple(evaluate_check(case, chk, draws=draws, seed=seed, cache=cache, claim_source=claim.source)
                    for chk in claim.all_checks)
    # issue 13: a definitional check (one that cannot fail) is shown but does not count as support
    shown = tuple(replace(r, basis=f"definitional, not counted: {r.basis}", definitional=True) if chk.definitional
                  else r for r, chk in zip(results, claim.all_checks))
    results = tuple(r for r in shown if not r.definitional)
    if not results:
        verdict, prob = "undetermined", None
    elif any(r.verdict == "contradicted" for r in results):
        verdict = "contradicted"
        prob = None if any(r.probability is None for r in results) else float(np.prod([r.probability for r in results]))
    elif all(r.verdict == "supported" for r in results):
        verdict, prob = "supported", float(np.prod([r.probability for r in results]))
    else:
        verdict = "undetermined"
        prob = None if any(r.probability is None for r in results) else float(np.prod([r.probability for r in results]))
    if results and all(r.probability is not None for r in results) and len(results) > 1 and len(results) == len(shown):
        # issue 14: checks share inputs, so P(all hold) comes from joint draws, not the product above
        from .validation.sensitivity import joint_probability
        joint = joint_probability(case, claim, draws=draws, seed=seed)
        if joint is not None:
            prob, verdict = joint, _verdict(joint)
    try:
        citation = case.source(claim.source).citation()
    except KeyError:
        citation = claim.source
    return ClaimResult(id=claim.id, text=claim.text, source=claim.source, citation=citation,
                       evidence=tuple(str(e) for e in claim.evidence), verdict=verdict, probability=prob,
                       checks=shown, note=claim.note)


def evaluate_claims(case: Case, *, draws: int = 200, seed: int | None = None) -> ClaimsResult:
    """Evaluate every claim of ``case``.

    Examples
    --------
    >>> from equipoise.case import load_case
    >>> res = evaluate_claims(load_case(), draws=20)  # doctest: +SKIP
    >>> sorted(res.counts)  # doctest: +SKIP
    ['contradicted', 'supported', 'undetermined']
    """
    seed = DEFAULT_SEED if seed is None else seed
    cache: dict = {}
    return ClaimsResult(claims=tuple(evaluate_claim(case, c, draws=draws, seed=seed, cache=cache)
                                     for c in case.claims), draws=draws, seed=seed)
