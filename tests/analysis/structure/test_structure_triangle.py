"""Strategic triangles: Dittmer's (1981) four configurations, Wu's (1996) role ranks, Monte Carlo."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.analysis.structure import classify_triangle, triangle
from equipoise.analysis.structure.triangle import ROLE_RANK
from equipoise.errors import ModelInputError


def _load_reference(name):
    """Import tests/analysis/structure/reference/<name>.py by path (no package name to collide)."""
    path = Path(__file__).parent / "reference" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"structure_reference_{name}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


WU = _load_reference("wu1996").ROLES


@pytest.mark.parametrize("values, configuration, roles", [
    ((1, 1, 1), "menage_a_trois", {"A": "friend", "B": "friend", "C": "friend"}),
    # A friendly with B and C, who are hostile to each other: A is the pivot
    ((1, 1, -1), "romantic_triangle", {"A": "pivot", "B": "wing", "C": "wing"}),
    # B the pivot (A-B and B-C positive, A-C negative)
    ((0.5, -0.4, 0.3), "romantic_triangle", {"A": "wing", "B": "pivot", "C": "wing"}),
    ((-1, -1, 1), "stable_marriage", {"A": "pariah", "B": "partner", "C": "partner"}),
    ((-0.2, -0.9, -0.5), "unit_veto", {"A": "foe", "B": "foe", "C": "foe"}),
])
def test_configurations_and_roles(values, configuration, roles):
    t = classify_triangle(values)
    assert t.configuration == configuration
    assert t.roles == roles
    assert t.ranks == {k: ROLE_RANK[v] for k, v in roles.items()}


def test_wu_1996_role_ranks_and_amity():
    # reference/wu1996.py: Wu (1996, p. 30)
    assert ROLE_RANK == {role: rank for role, (_, rank) in WU.items()}
    # every role's own amicable ties, as classified, match Wu's count
    for values in itertools.product((1, -1), repeat=3):
        t = classify_triangle(values)
        own = {"A": (values[0] > 0) + (values[1] > 0), "B": (values[0] > 0) + (values[2] > 0),
               "C": (values[1] > 0) + (values[2] > 0)}
        for code, role in t.roles.items():
            assert WU[role][0] == own[code]


def test_threshold_makes_near_zero_ambiguous():
    assert classify_triangle((0.6, 0.05, -0.7), threshold=0.1).configuration is None
    assert classify_triangle((0.6, 0.05, -0.7), threshold=0.01).configuration == "romantic_triangle"
    assert classify_triangle((0.6, 0.0, -0.7), threshold=0.0).configuration is None


def test_mapping_input_and_errors():
    t = classify_triangle({("USA", "CHN"): 0.5, ("TWN", "USA"): 0.4, ("CHN", "TWN"): -0.8},
                          actors=("USA", "CHN", "TWN"))
    assert t.roles["USA"] == "pivot"
    with pytest.raises(ModelInputError, match="three different actors"):
        classify_triangle((1, 1, 1), actors=("A", "A", "B"))
    with pytest.raises(ModelInputError, match="three values"):
        classify_triangle((1, 1))
    with pytest.raises(ModelInputError, match="numbers"):
        classify_triangle((1, "friendly", 1))
    with pytest.raises(ModelInputError, match="no value for the pair"):
        classify_triangle({("A", "B"): 1, ("A", "C"): 1}, actors=("A", "B", "C"))


nonzero = st.floats(min_value=0.2, max_value=1.0) | st.floats(min_value=-1.0, max_value=-0.2)


@settings(max_examples=60, deadline=None)
@given(ab=nonzero, ac=nonzero, bc=nonzero, perm=st.permutations(["A", "B", "C"]))
def test_relabelling_keeps_class(ab, ac, bc, perm):
    vals = {("A", "B"): ab, ("A", "C"): ac, ("B", "C"): bc}
    base = classify_triangle(vals, actors=("A", "B", "C"))
    again = classify_triangle(vals, actors=tuple(perm))
    assert again.configuration == base.configuration
    assert again.roles == base.roles


def test_case_point_answer_and_json(make_case):
    case = make_case([("USA", "CHN", "p1", 0.5), ("USA", "TWN", "p1", 0.6), ("CHN", "TWN", "p1", -0.8)])
    r = triangle(case, "USA", "CHN", "TWN", period="p1", draws=500, seed=3)
    assert r.configuration == "romantic_triangle"
    assert r.roles == {"USA": "pivot", "CHN": "wing", "TWN": "wing"}
    assert r.probabilities["romantic_triangle"] == 1.0  # point values: every draw agrees
    d = json.loads(json.dumps(r.to_dict()))
    assert {"configuration", "roles", "probabilities", "role_probabilities", "seed", "draws"} <= set(d)
    assert d["seed"] == 3


def test_monte_carlo_probabilities(make_case):
    # AA-BB drawn from a symmetric triangular law on [-0.5, 0.5]: positive half the time.
    # With A-C and B-C firmly positive: menage a trois when A-B > 0, romantic triangle (C pivot) otherwise.
    case = make_case([("AA", "BB", "p1", 0.0, -0.5, 0.5), ("AA", "CC", "p1", 0.6), ("BB", "CC", "p1", 0.7)])
    r = triangle(case, "AA", "BB", "CC", period="p1", draws=8000, seed=11, threshold=0.0)
    assert r.configuration is None  # central value 0 cannot be signed
    assert r.probabilities["menage_a_trois"] == pytest.approx(0.5, abs=0.03)
    assert r.probabilities["romantic_triangle"] == pytest.approx(0.5, abs=0.03)
    assert sum(r.probabilities.values()) == pytest.approx(1.0)
    assert r.role_probabilities["CC"]["pivot"] == pytest.approx(r.probabilities["romantic_triangle"])
    # with threshold 0.1, |A-B| < 0.1 has probability 1 - (0.4/0.5)^2 = 0.36 under the triangular law
    r2 = triangle(case, "AA", "BB", "CC", period="p1", draws=8000, seed=11, threshold=0.1)
    assert r2.probabilities["ambiguous"] == pytest.approx(0.36, abs=0.03)


def test_same_seed_same_json(make_case):
    case = make_case([("AA", "BB", "p1", 0.1, -0.5, 0.5), ("AA", "CC", "p1", 0.2, -0.3, 0.6), ("BB", "CC", "p1", -0.2, -0.6, 0.3)])
    one = triangle(case, "AA", "BB", "CC", period="p1", seed=5).to_dict()
    two = triangle(case, "AA", "BB", "CC", period="p1", seed=5).to_dict()
    three = triangle(case, "AA", "BB", "CC", period="p1", seed=6).to_dict()
    assert json.dumps(one) == json.dumps(two)
    assert one["probabilities"] != three["probabilities"]


def test_case_errors(make_case):
    case = make_case([("AA", "BB", "p1", 0.5), ("AA", "CC", "p1", 0.5), ("BB", "CC", "p1", 0.5)], actors=["AA", "BB", "CC", "DD"])
    with pytest.raises(ModelInputError, match="'XX' is not an actor"):
        triangle(case, "AA", "BB", "XX", period="p1")
    with pytest.raises(ModelInputError, match="'p9' is not a period"):
        triangle(case, "AA", "BB", "CC", period="p9")
    with pytest.raises(ModelInputError, match="no relation between AA and DD"):
        triangle(case, "AA", "BB", "DD", period="p1")
    with pytest.raises(ModelInputError, match="three different actors"):
        triangle(case, "AA", "BB", "AA", period="p1")
    # a date inside a period selects it
    assert triangle(case, "AA", "BB", "CC", period="2001-06-01", draws=0).period == "p1"
