"""Test-session set-up: report where the shared test inputs were looked for.

This folder is on ``sys.path`` (pytest's rootdir conftest), so test modules import
``shared_paths`` for the seeds and data sets.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shared_paths import DATA, SEEDS  # noqa: E402


def pytest_report_header(config):
    def state(p: Path) -> str:
        return f"{p} ({'found' if p.is_dir() else 'absent: tests needing it are skipped'})"
    return [f"shared seeds: {state(SEEDS)}", f"shared data: {state(DATA)}"]
