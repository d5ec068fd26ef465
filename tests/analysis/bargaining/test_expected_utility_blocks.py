"""The expected-utility model's block-wise vote sums equal the former all-at-once arrays."""

from __future__ import annotations

import numpy as np
import pytest

from equipoise.analysis.bargaining import expected_utility as eu


def _votes_all_at_once(a, w):
    """The previous arithmetic: one ``(draws, n, pairs)`` array."""
    n = a.shape[1]
    ii, jj = np.triu_indices(n, 1)
    diff = a[:, :, jj] - a[:, :, ii]
    np.maximum(diff, 0.0, out=diff)
    diff *= w[:, :, None]
    return diff.sum(axis=1)


@pytest.mark.parametrize("block", [1, 7, 64, 1 << 22])
@pytest.mark.parametrize("draws,n", [(1, 2), (3, 5), (4, 13), (2, 30)])
def test_positive_votes_match_full_array(monkeypatch, block, draws, n):
    rng = np.random.default_rng(draws * 100 + n)
    a = rng.random((draws, n, n))
    w = rng.random((draws, n))
    monkeypatch.setattr(eu, "BLOCK_ELEMENTS", block)
    np.testing.assert_array_equal(eu._positive_votes(a, w), _votes_all_at_once(a, w))


def test_simulation_is_unchanged_by_block_size(monkeypatch):
    rng = np.random.default_rng(5)
    x, s, c = rng.uniform(0, 100, (6, 9)), rng.uniform(10, 100, (6, 9)), rng.uniform(1, 50, (6, 9))
    runs = []
    for block in (1 << 22, 50):
        monkeypatch.setattr(eu, "BLOCK_ELEMENTS", block)
        runs.append(eu.simulate_expected_utility(x, s, c, rounds=4))
    for field in ("positions", "median", "mean", "risk"):
        np.testing.assert_array_equal(getattr(runs[0], field), getattr(runs[1], field))
