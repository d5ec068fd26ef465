"""Small cases built in code for the structure tests (independent of the default case's values)."""

from __future__ import annotations

import pytest

from equipoise.case.models import Case


def build_case(relations, *, periods=(("p1", "2000", "2004"), ("p2", "2005", "2009")), actors=None,
               indicators=()):
    """A minimal Case: ``relations`` is a list of (a, b, period, value) or (a, b, period, value, low, high)."""
    codes = actors or sorted({r[0] for r in relations} | {r[1] for r in relations})
    rels = []
    for r in relations:
        a, b, per, v = r[:4]
        value = {"value": v, "range": [r[4], r[5]]} if len(r) == 6 else v
        rels.append({"actors": [a, b], "period": per, "value": value})
    return Case.model_validate({
        "case": {"id": "test", "title": "test case"},
        "actors": [{"code": c, "name": c} for c in codes],
        "periods": [{"id": pid, "name": pid.upper(), "start": s, "end": e} for pid, s, e in periods],
        "relations": rels,
        "indicators": list(indicators),
    })


@pytest.fixture
def make_case():
    return build_case
