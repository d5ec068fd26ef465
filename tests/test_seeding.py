import numpy as np

from equipoise.seeding import DEFAULT_SEED, rng_from


def test_same_seed_same_stream():
    assert np.array_equal(rng_from(7).random(5), rng_from(7).random(5))


def test_none_is_default_seed_not_global_state():
    np.random.seed(0)
    assert np.array_equal(rng_from(None).random(3), np.random.default_rng(DEFAULT_SEED).random(3))


def test_generator_passes_through():
    g = np.random.default_rng(1)
    assert rng_from(g) is g
