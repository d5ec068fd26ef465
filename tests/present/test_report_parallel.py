"""The report's sections built on two local processes equal the serial build, the backtest section's
pieces (backtest, sensitivity screens per claim chunk, per game, forecasts) included."""

from __future__ import annotations

from pathlib import Path

from equipoise.case import load_case
from equipoise.executor import LocalExecutor
from equipoise.present.report import build_report
from equipoise.present.sections import backtest

TOY = Path(__file__).resolve().parents[1] / "cases" / "toy.yaml"


def _without_timings(obj):
    """Drop wall-clock fields (``seconds``), which differ between any two runs."""
    if isinstance(obj, dict):
        return {k: _without_timings(v) for k, v in obj.items() if k != "seconds"}
    if isinstance(obj, list):
        return [_without_timings(v) for v in obj]
    return obj


def test_parallel_sections_equal_serial():
    case = load_case(TOY)
    serial = build_report(case, seed=3)
    with LocalExecutor(2) as pool:
        parallel = build_report(case, seed=3, executor=pool)
    assert [s.id for s in parallel.sections] == [s.id for s in serial.sections]
    assert _without_timings(parallel.to_dict()) == _without_timings(serial.to_dict())
    assert [s.html for s in parallel.sections] == [s.html for s in serial.sections]
    kinds = [p[0] for p in backtest.parts(case, 3)]
    assert {"backtest", "claims", "expectations", "forecasts"} <= set(kinds)  # the split path was taken


def test_timings_name_every_section():
    case = load_case(TOY)
    timings: dict = {}
    rep = build_report(case, seed=3, timings=timings)
    assert set(timings) == {s.id for s in rep.sections}
    assert all(t >= 0 for t in timings.values())
