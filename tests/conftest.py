"""Test-session set-up: report where the shared test inputs were looked for.

This folder is on ``sys.path`` (pytest's rootdir conftest), so test modules import
``shared_paths`` for the seeds and data sets.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from shared_paths import DATA, SEEDS  # noqa: E402


def pytest_report_header(config):
    def state(p: Path) -> str:
        return f"{p} ({'found' if p.is_dir() else 'absent: tests needing it are skipped'})"
    return [f"shared seeds: {state(SEEDS)}", f"shared data: {state(DATA)}"]


#: The start of the small invented cases on which judged relations meet measured series (the measure,
#: claim-independence and measured-section tests): the ``tiny`` header and three made-up actors.
TINY_HEAD = """case: {id: tiny, title: Tiny}
actors:
  - {code: AAA, name: Alphaland}
  - {code: BBB, name: Betastan}
  - {code: CCC, name: Gammaria}
"""


#: The invented toy case whose equilibria and probabilities are worked out by hand in its header.
TOY_CASE = Path(__file__).resolve().parent / "cases" / "toy.yaml"


@pytest.fixture(scope="module")
def toy():
    """The toy case, loaded once per test module."""
    from equipoise.case import load_case
    return load_case(TOY_CASE)


@pytest.fixture
def judged_case(tmp_path):
    """Write a small invented case to ``tiny.yaml`` in the test's folder and return its path:
    :data:`TINY_HEAD`, the YAML ``sections`` given (sources, periods, relations, claims, ...) and
    an ``unga_kappa`` indicator ``k_ab`` for each dyad of ``kappa`` (``"AB"`` is AAA-BBB), whose
    points, given as (year, value, n), cite the source ``votes`` as computed values."""
    def write(sections: str, kappa: dict[str, list[tuple]]) -> Path:
        blocks = "".join(
            f"  - id: k_{pair.lower()}\n    name: kappa {pair}\n    unit: kappa\n"
            f"    actors: [{pair[0] * 3}, {pair[1] * 3}]\n    series: unga_kappa\n    points:\n"
            + "".join(f"      - {{year: {y}, value: {v}, source: votes, status: computed, n: {n}}}\n"
                      for y, v, n in points)
            for pair, points in kappa.items())
        path = tmp_path / "tiny.yaml"
        path.write_text(TINY_HEAD + sections + "indicators:\n" + blocks)
        return path
    return write
