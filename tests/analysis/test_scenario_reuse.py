"""Scenarios copy the baseline's result for analyses their changes leave untouched; results are unchanged."""

from __future__ import annotations

from equipoise.analysis import scenarios as sc
from equipoise.case import load_case


def _run_both(scen, monkeypatch):
    case = load_case()
    fast = sc.run_scenario(scen, case=case, draws=20, seed=3)
    full_analyse = sc.analyse_period
    calls = []

    def rerun_all(case, period, *, draws, seed, baseline=None):  # the former method
        calls.append(period)
        return full_analyse(case, period, draws=draws, seed=seed)

    monkeypatch.setattr(sc, "analyse_period", rerun_all)
    slow = sc.run_scenario(scen, case=case, draws=20, seed=3)
    assert len(calls) == 2
    return fast, slow


def test_reuse_gives_the_same_results_as_rerunning(monkeypatch):
    case = load_case()
    period = case.periods[-1]
    rel = next(r for r in case.relations if r.period == period.id)
    scen = sc.Scenario.model_validate({
        "name": "one_relation", "title": "One relation moves", "date": period.start.text,
        "changes": [{"action": "shift", "what": "relation", "actors": list(rel.actors), "by": -0.3}]})
    fast, slow = _run_both(scen, monkeypatch)
    reused = fast.scenario.pop("reused")
    assert reused and not slow.scenario.pop("reused")
    assert "balance" not in reused  # the changed relation is in the period's network
    fast.baseline.pop("reused"), slow.baseline.pop("reused")
    assert fast.to_dict() == slow.to_dict()


def test_shipped_scenario_unchanged_by_reuse(monkeypatch):
    path, scen = sc.shipped_scenarios()[0]
    fast, slow = _run_both(scen, monkeypatch)
    for r in (fast, slow):
        r.scenario.pop("reused"), r.baseline.pop("reused")
    assert fast.to_dict() == slow.to_dict()


def test_applying_a_scenario_leaves_the_base_case_untouched():
    case = load_case()
    before = case.model_dump_json()
    period = case.periods[-1]
    rel = next(r for r in case.relations if r.period == period.id)
    old_value = rel.value.value
    scen = sc.Scenario.model_validate({
        "name": "one_relation", "title": "One relation moves", "date": period.start.text,
        "changes": [{"action": "set", "what": "relation", "actors": list(rel.actors),
                     "value": {"value": -old_value if old_value else 0.5}}]})
    scenarios = [s for _, s in sc.shipped_scenarios()] + [scen]
    for s in scenarios:
        new, pid, _ = sc.apply_scenario(case, s)
        assert new is not case
    new, pid, _ = sc.apply_scenario(case, scen)
    assert new.relation(*rel.actors, period.id).value.value == (-old_value if old_value else 0.5)
    assert case.relation(*rel.actors, period.id).value.value == old_value
    assert case.model_dump_json() == before
