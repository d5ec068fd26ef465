"""The payoff expression parser: arithmetic, and hostile input rejected with clear errors."""

import numpy as np
import pytest

from equipoise.analysis.games.expr import ExpressionError, parse_expression


@pytest.mark.parametrize("text, value", [
    ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9.0), ("-2^2", -4.0), ("2^-1", 0.5), ("2^3^2", 512.0),
    ("2 ** 3", 8.0), ("min(3, 1, 2) + max(-1, -2)", 0.0), ("abs(-1.5) + sqrt(4) + log(exp(1))", 4.5),
    ("x * (1 - y) / 2", 0.75), ("1e2 + .5", 100.5),
])
def test_values(text, value):
    assert parse_expression(text).evaluate({"x": 3, "y": 0.5}) == pytest.approx(value)


def test_vectorised_over_draws():
    out = parse_expression("max(x, 0) * 2").evaluate({"x": np.array([-1.0, 0.5, 2.0])})
    assert out.tolist() == [0.0, 1.0, 4.0]


@pytest.mark.parametrize("text, fragment", [
    ("x.__class__", "attribute access"),
    ("__import__('os')", "strings are not allowed"),
    ("__import__(x)", "unknown function '__import__'"),
    ("eval(x)", "unknown function 'eval'"),
    ("a[0]", "indexing"),
    ("2 ^ 1000", "exponent larger"),
    ("2**2**2**2**2", "exponent larger"),
    ("(" * 100 + "1" + ")" * 100, "nested deeper"),
    ("-" * 100 + "1", "nested deeper"),
    ("1 / 0", "division by zero"),
    ("1 / (x - x)", "division by zero"),
    ("0 ^ -1", "division by zero"),
    ("unknown + 1", "unknown parameter(s) unknown"),
    ("sqrt(-1)", "sqrt of a negative"),
    ("log(0)", "log of a non-positive"),
    ("exp(1000)", "exp overflows"),
    ("max(1)", "at least 2"),
    ("1 2", "unexpected '2'"),
    ("", "empty expression"),
    ("lambda: 1", "unexpected character ':'"),
    ("x == 1", "unexpected character '='"),
    ("1" * 3000, "longer than"),
])
def test_hostile(text, fragment):
    with pytest.raises(ExpressionError) as err:
        parse_expression(text).evaluate({"x": 1.0})
    assert fragment in str(err.value)


def test_names():
    assert parse_expression("a * max(b, c) - 2").names == {"a", "b", "c"}
