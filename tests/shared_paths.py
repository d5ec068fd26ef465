"""Where the tests find the shared test inputs: seeds, data sets and the news dev set.

They live in ``shared/`` beside the checkout (``../shared`` from the repository root);
``EQUIPOISE_SHARED`` names another folder, and ``EQUIPOISE_SEEDS`` / ``EQUIPOISE_DATA``
override its ``seeds/`` and ``data/`` parts. Tests needing them skip with a reason naming
the path when absent; ``-rs`` (in pytest's addopts) lists those skips in the summary.
Imported as ``shared_paths``: ``tests/conftest.py`` puts this folder on ``sys.path``.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EQUIPOISE_SHARED") or ROOT.parent / "shared")
SEEDS = Path(os.environ.get("EQUIPOISE_SEEDS") or SHARED / "seeds")
DATA = Path(os.environ.get("EQUIPOISE_DATA") or SHARED / "data")
NEWS = SHARED / "news2025"


def missing(path: Path) -> str:
    """A skip reason naming the absent path and how to point the tests at it."""
    return f"shared test input {path} absent (set EQUIPOISE_SHARED, or check out shared/ beside the repository)"
