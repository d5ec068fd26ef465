"""Frustration index: constructed known answers, exhaustive = MILP, switching invariance (Aref et al. 2020)."""

from __future__ import annotations

import itertools
from math import comb

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.analysis.structure import balanced_triads, case_balance, frustration_index, read_signed_edges
from equipoise.errors import ModelInputError

METHODS = ("exhaustive", "milp")


def random_signed(n, m, seed, weighted=False):
    rng = np.random.default_rng(seed)
    g = nx.gnm_random_graph(n, m, seed=int(rng.integers(2**31)))
    for u, v in g.edges:
        w = rng.uniform(0.1, 1.0) if weighted else 1.0
        g.edges[u, v]["weight"] = w if rng.random() < 0.5 else -w
    return g


def violated(g, partition, weighted=False):
    side = {v: 0 for v in partition[0]} | {v: 1 for v in partition[1]}
    tot = 0.0
    for u, v, d in g.edges(data=True):
        w = d["weight"]
        bad = (side[str(u)] != side[str(v)]) == (w > 0)
        tot += (abs(w) if weighted else 1) * bad
    return tot


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("n", [3, 5, 7, 9])
def test_odd_negative_cycle_has_frustration_one(method, n):
    g = nx.cycle_graph(n)
    nx.set_edge_attributes(g, -1, "weight")
    r = frustration_index(g, method=method)
    assert r.frustration == 1 and r.optimal


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("n", range(2, 10))
def test_all_negative_complete_graph(method, n):
    # best split: halves; the edges inside the halves are frustrated
    g = nx.complete_graph(n)
    nx.set_edge_attributes(g, -1, "weight")
    r = frustration_index(g, method=method)
    assert r.frustration == comb(n // 2, 2) + comb((n + 1) // 2, 2)
    assert sorted(len(b) for b in r.partition) == sorted((n // 2, (n + 1) // 2))


@settings(max_examples=30, deadline=None)
@given(n=st.integers(3, 11), data=st.data())
def test_balanced_graphs_score_zero(n, data):
    side = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = data.draw(st.lists(st.sampled_from(pairs), min_size=1, unique=True))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for u, v in chosen:
        g.add_edge(u, v, weight=1 if side[u] == side[v] else -1)
    for method in METHODS:
        assert frustration_index(g, method=method).frustration == 0


@settings(max_examples=25, deadline=None)
@given(n=st.integers(3, 10), seed=st.integers(0, 10**6), vertex=st.integers(0, 9), weighted=st.booleans())
def test_switching_a_vertex_keeps_frustration(n, seed, vertex, weighted):
    g = random_signed(n, min(comb(n, 2), 2 * n), seed, weighted=weighted)
    v = vertex % n
    h = g.copy()
    for u in h.neighbors(v):
        h.edges[u, v]["weight"] *= -1
    a = frustration_index(g, weighted=weighted).frustration
    b = frustration_index(h, weighted=weighted).frustration
    assert a == pytest.approx(b, abs=1e-9)


@pytest.mark.parametrize("n, seed", [(6, 1), (10, 2), (14, 3), (16, 4), (18, 5), (18, 6)])
@pytest.mark.parametrize("weighted", [False, True])
def test_exhaustive_and_milp_agree(n, seed, weighted):
    g = random_signed(n, 3 * n, seed, weighted=weighted)
    a = frustration_index(g, weighted=weighted, method="exhaustive")
    b = frustration_index(g, weighted=weighted, method="milp")
    assert a.optimal and b.optimal
    assert a.frustration == pytest.approx(b.frustration, abs=1e-6)
    # each partition really attains its value
    assert violated(g, a.partition, weighted) == pytest.approx(a.frustration, abs=1e-9)
    assert violated(g, b.partition, weighted) == pytest.approx(b.frustration, abs=1e-9)
    assert b.lower_bound == pytest.approx(b.frustration, abs=1e-6)


def test_weighted_hand_example():
    # triangle a-b (+3), b-c (-1), a-c (+2): unbalanced; cheapest fix drops b-c (weight 1)
    g = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": -1}), ("a", "c", {"weight": 2})])
    r = frustration_index(g, weighted=True)
    assert r.frustration == 1
    assert r.frustrated_edges == (("b", "c"),)
    assert r.partition == (("a", "b", "c"), ())
    d = r.to_dict()
    assert set(d) >= {"frustration", "partition", "optimal", "method", "seconds"}
    assert d["method"] == "exhaustive" and d["optimal"] is True


def test_balanced_triads_share():
    g = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": -1}), ("a", "c", {"weight": -1}),
                  ("c", "d", {"weight": -1}), ("b", "d", {"weight": -1})])
    # triads: abc (+,-,- balanced), bcd (-,-,- unbalanced)
    assert balanced_triads(g) == (1, 2)


def test_bad_method_and_empty_graph():
    with pytest.raises(ModelInputError, match="method"):
        frustration_index(nx.path_graph(3), method="greedy")
    with pytest.raises(ModelInputError, match="no nodes"):
        frustration_index(nx.Graph())


def test_read_signed_edges_formats_and_errors():
    g = read_signed_edges("# comment\nA B +\nB,C,-2.5\nA\tC  1\n\n")
    assert g.edges["B", "C"]["weight"] == -2.5 and g.number_of_edges() == 3
    cases = [("A B x\n", "edges.txt:1: sign: expected a number or +/- as the sign, got 'x'"),
             ("A B 1\nB C\n", "edges.txt:2: expected 'node node sign_or_weight', got 2 field(s)"),
             ("A B 1\nB A -1\n", "edges.txt:2: edge B-A already listed on line 1"),
             ("A A 1\n", "edges.txt:1: self-loop"),
             ("A B 0\n", "edges.txt:1: sign: expected a non-zero"),
             ("# nothing\n", "edges.txt: no edges found")]
    for text, message in cases:
        with pytest.raises(ModelInputError) as err:
            read_signed_edges(text, path="edges.txt")
        assert str(err.value).startswith(message)


def test_case_balance(make_case):
    # two friendly pairs hostile to each other, plus one frustrated tie AA-CC (+0.2)
    case = make_case([("AA", "BB", "p1", 0.8), ("CC", "DD", "p1", 0.7), ("AA", "CC", "p1", 0.2),
                      ("AA", "DD", "p1", -0.6), ("BB", "CC", "p1", -0.5), ("BB", "DD", "p1", -0.4)])
    r = case_balance(case, "p1")
    assert r.frustration.frustration == pytest.approx(0.2)
    assert r.blocs == (("AA", "BB"), ("CC", "DD"))
    assert (r.balanced_triads, r.triads) == (2, 4)
    assert r.to_dict()["balance_share"] == 0.5
    assert case_balance(case, "p1", weighted=False).frustration.frustration == 1
    with pytest.raises(ModelInputError, match="no relations in period 'p2'"):
        case_balance(case, "p2")
    with pytest.raises(ModelInputError, match="not a period"):
        case_balance(case, "p3")


def _triads_by_cliques(graph):
    """The previous method: every clique of the non-zero graph, kept when of size three."""
    g = nx.Graph()
    g.add_nodes_from(graph.nodes)
    g.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["weight"] != 0)
    balanced = total = 0
    for tri in (c for c in nx.enumerate_all_cliques(g) if len(c) == 3):
        s = np.prod([np.sign(graph.edges[p, q]["weight"]) for p, q in itertools.combinations(tri, 2)])
        total += 1
        balanced += int(s > 0)
    return balanced, total


@pytest.mark.parametrize("seed", range(12))
def test_balanced_triads_match_clique_enumeration(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 13))
    g = random_signed(n, int(rng.integers(0, comb(n, 2) + 1)), seed)
    for u, v in list(g.edges)[::5]:
        g.edges[u, v]["weight"] = 0.0  # zero relations are no ties
    assert balanced_triads(g) == _triads_by_cliques(g)
